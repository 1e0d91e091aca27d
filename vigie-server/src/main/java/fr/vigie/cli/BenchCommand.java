package fr.vigie.cli;

import fr.vigie.benchmark.BenchmarkReport;
import fr.vigie.benchmark.ImportBenchmark;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code vigie bench import}. */
@Command(
    name = "bench",
    description = "Measure a whole path against a baseline in the same run.",
    subcommands = {BenchCommand.Import.class, BenchAuditCommand.class})
final class BenchCommand {

  @Command(
      name = "import",
      description = {
        "Import N generated persons through the real path, then load the same rows as plain"
            + " columns with COPY, on a throw-away PostgreSQL; print both rates and their ratio.",
        "Leaves ./data alone."
      })
  static final class Import implements Callable<Integer> {
    @Option(names = "--persons", defaultValue = "100000", description = "How many persons.")
    int persons;

    @Option(names = "--seed", defaultValue = "1", description = "Seed of the generated agency.")
    long seed;

    @Option(names = "--json", description = "End with one JSON object on the last line.")
    boolean json;

    @Option(
        names = "--report",
        description =
            "Markdown file whose 'import' section gets the figures"
                + " (default: docs/benchmarks.md of the checkout; 'none' to skip).")
    String report;

    @Override
    public Integer call() throws Exception {
      if (persons < 1) {
        System.err.println("vigie bench import: --persons must be at least 1");
        return 2;
      }
      ImportBenchmark.Result r = ImportBenchmark.run(persons, seed, System.out);
      System.out.printf(
          "persons/s %,.0f   baseline rows/s %,.0f   ratio %.2f   peak heap %,d MiB (baseline %,d"
              + " MiB)   43 million persons in about %s   (%d workers, %d cores)%n",
          r.personsPerSecond(),
          r.baselinePersonsPerSecond(),
          r.ratio(),
          r.peakHeapBytes() >> 20,
          r.baselinePeakHeapBytes() >> 20,
          ProgressPrinter.format(r.projectedForRegister()),
          r.workers(),
          Runtime.getRuntime().availableProcessors());
      if (!"none".equals(report)) {
        Path file = report != null ? Path.of(report) : BenchmarkReport.defaultFile();
        if (Files.isDirectory(file.toAbsolutePath().getParent())) {
          BenchmarkReport.write(file, "import", markdown(r));
          System.out.println("figures written to " + file);
        } else {
          System.out.println("no " + file.getParent() + " here: figures not written");
        }
      }
      if (json) {
        System.out.println(r.json());
      }
      return 0;
    }

    private String markdown(ImportBenchmark.Result r) {
      return String.format(
          java.util.Locale.ROOT,
          """
          ## Import: `vigie bench import --persons %d --seed %d`

          %s, on %s. Each run starts a throw-away PostgreSQL 15 (fsync on) and a fresh key ring.

          | path | persons/s | peak heap |
          |---|---:|---:|
          | Vigie import: validation, per-person data key, 14 encrypted fields, 4 blind indexes and a row digest, binary COPY | %,.0f | %,d MiB |
          | baseline: the same CSV into plain columns with PostgreSQL's CSV COPY, same lookup indexes | %,.0f | %,d MiB |

          Ratio %.2f. At this rate, the 43 million persons of the real register would take about %s.

          ```
          %s
          ```
          """,
          r.persons(),
          seed,
          java.time.LocalDate.now(),
          BenchmarkReport.machine(),
          r.personsPerSecond(),
          r.peakHeapBytes() >> 20,
          r.baselinePersonsPerSecond(),
          r.baselinePeakHeapBytes() >> 20,
          r.ratio(),
          ProgressPrinter.format(r.projectedForRegister()),
          r.json());
    }
  }
}
