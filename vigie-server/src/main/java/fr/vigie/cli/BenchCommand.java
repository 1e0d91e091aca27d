package fr.vigie.cli;

import fr.vigie.benchmark.ImportBenchmark;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code vigie bench import}. */
@Command(
    name = "bench",
    description = "Measure a whole path against a baseline in the same run.",
    subcommands = {BenchCommand.Import.class})
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
      if (json) {
        System.out.println(r.json());
      }
      return 0;
    }
  }
}
