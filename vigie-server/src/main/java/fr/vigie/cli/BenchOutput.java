package fr.vigie.cli;

import fr.vigie.benchmark.BenchmarkReport;
import java.io.IOException;
import picocli.CommandLine.Option;

/** Where every {@code vigie bench} command puts its figures: the Markdown report, a JSON line. */
final class BenchOutput {
  @Option(names = "--json", description = "End with one JSON object on the last line.")
  boolean json;

  @Option(
      names = "--report",
      description =
          "Markdown file whose section of this benchmark gets the figures"
              + " (default: docs/benchmarks.md of the checkout; 'none' to skip).")
  String report;

  /** Writes {@code markdown} into the report's {@code section}, then the JSON line if asked. */
  void publish(String section, String markdown, String jsonLine) throws IOException {
    BenchmarkReport.writeRequested(report, section, markdown, System.out);
    if (json) {
      System.out.println(jsonLine);
    }
  }
}
