package fr.vigie.bench;

import fr.vigie.benchmark.BenchmarkReport;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Collection;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * Runs the JMH benchmarks, prints them with their ratio to the baseline measured in the same run,
 * and writes them to the {@code jmh} section of {@code docs/benchmarks.md}.
 *
 * <p>{@code java -jar vigie-bench/target/vigie-benchmarks.jar [REGEX] [--report FILE]}
 */
public final class Benchmarks {
  private Benchmarks() {}

  public static void main(String[] args) throws Exception {
    String include =
        FieldCryptoBenchmark.class.getSimpleName()
            + "|"
            + SealingShapeBenchmark.class.getSimpleName();
    Path report = Path.of("docs", "benchmarks.md");
    for (int i = 0; i < args.length; i++) {
      if (args[i].equals("--report") && i + 1 < args.length) {
        report = Path.of(args[++i]);
      } else {
        include = args[i];
      }
    }
    Options options = new OptionsBuilder().include(include).build();
    Collection<RunResult> results = new Runner(options).run();
    Map<String, double[]> scores = new TreeMap<>();
    for (RunResult result : results) {
      String name = result.getParams().getBenchmark();
      name = name.substring(name.lastIndexOf('.') + 1);
      var primary = result.getPrimaryResult();
      scores.put(name, new double[] {primary.getScore(), primary.getScoreError()});
    }
    double baseline = scores.getOrDefault("baselineCopy", new double[] {Double.NaN})[0];
    StringBuilder table =
        new StringBuilder(
            String.format(
                Locale.ROOT,
                "## Field crypto (JMH): `java -jar vigie-bench/target/vigie-benchmarks.jar`%n%n"
                    + "%s, on %s. Average time per operation, 1 fork, 3 warm-up and 5"
                    + " measurement iterations of 1 s; the error is JMH's 99.9%% interval. The"
                    + " baseline copies the same plaintext field; seal and open are one person's"
                    + " 14 fields, as 14 ciphertexts or as 3 field groups.%n%n"
                    + "| operation | ns/op | ± | × baseline |%n|---|---:|---:|---:|%n",
                LocalDate.now(),
                BenchmarkReport.machine()));
    scores.forEach(
        (name, score) ->
            table.append(
                String.format(
                    Locale.ROOT,
                    "| %s | %.1f | %.1f | %.0f |%n",
                    name,
                    score[0],
                    score[1],
                    score[0] / baseline)));
    System.out.println();
    System.out.println(table);
    if (report.toAbsolutePath().getParent().toFile().isDirectory()) {
      BenchmarkReport.write(report, "jmh", table.toString());
      System.out.println("figures written to " + report);
    }
  }
}
