package fr.vigie.cli;

import fr.vigie.benchmark.BenchmarkReport;
import fr.vigie.benchmark.ImportBenchmark;
import fr.vigie.benchmark.ReadBenchmark;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code vigie bench import}, {@code vigie bench audit}, {@code vigie bench read}. */
@Command(
    name = "bench",
    description = "Measure a whole path against a baseline in the same run.",
    subcommands = {
      BenchCommand.Import.class,
      BenchAuditCommand.class,
      BenchCommand.Read.class,
      BenchBreachCommand.class,
      BenchExchangeCommand.class
    })
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

    @Mixin BenchOutput output;

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
      output.publish("import", markdown(r), r.json());
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

          CPU per person, the JVM's and the throw-away PostgreSQL's, measured over each path: Vigie import %.1f µs (JVM %.1f), baseline %.1f µs; CPU ratio (baseline's over the import's) %.2f. The baseline's COPY runs on one core and the import on all of them, so on cores of its own the ratio of rates is above this one.

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
          r.cpuMicrosPerPerson(),
          r.jvmCpuMicrosPerPerson(),
          r.baselineCpuMicrosPerPerson(),
          r.cpuRatio(),
          r.json());
    }
  }

  @Command(
      name = "read",
      description = {
        "Advisors signed in with password and TOTP read persons of their caseloads over HTTP"
            + " through the whole read path, then the same clients read the same rows in clear"
            + " with no protection, on one throw-away PostgreSQL and server; print both rates,"
            + " latencies and their ratio.",
        "Leaves ./data alone."
      })
  static final class Read implements Callable<Integer> {
    @Option(names = "--persons", defaultValue = "20000", description = "How many persons.")
    int persons;

    @Option(names = "--clients", defaultValue = "50", description = "Concurrent clients.")
    int clients;

    @Option(
        names = "--seconds",
        defaultValue = "20",
        description = "Counted seconds per path, split into the rounds.")
    int seconds;

    @Option(
        names = "--rounds",
        defaultValue = "4",
        description =
            "Rounds in which the two paths alternate (protected, plain, protected, ...), each"
                + " counting --seconds divided by this; at least a second each.")
    int rounds;

    @Option(
        names = "--warm-up",
        defaultValue = "15",
        description = "Seconds each path runs, not counted, before any is counted.")
    int warmUp;

    @Option(names = "--seed", defaultValue = "1", description = "Seed of the generated agency.")
    long seed;

    @Mixin BenchOutput output;

    @Override
    public Integer call() throws Exception {
      if (persons < 1 || clients < 1 || seconds < 1 || warmUp < 0) {
        System.err.println(
            "vigie bench read: --persons, --clients and --seconds must be at least 1");
        return 2;
      }
      if (rounds < 1 || seconds < rounds) {
        System.err.println(
            "vigie bench read: --rounds must be at least 1 and leave each round a second of"
                + " --seconds");
        return 2;
      }
      ReadBenchmark.Result r =
          ReadBenchmark.run(persons, clients, seconds, warmUp, rounds, seed, System.out);
      System.out.println(table(r));
      System.out.printf(
          java.util.Locale.ROOT,
          "ratio protected/plain %.2f   CPU ratio %.2f   audit appends/s %,.0f   (%d clients, %d"
              + " cores)%n",
          r.ratio(),
          r.cpuRatio(),
          r.auditAppendsPerSecond(),
          r.clients(),
          Runtime.getRuntime().availableProcessors());
      output.publish("read", markdown(r), r.json());
      // Any answer but 200 makes the figures suspect: say so in the exit status.
      return r.protectedReads().errorCount() + r.plainReads().errorCount() == 0 ? 0 : 1;
    }

    private static String table(ReadBenchmark.Result r) {
      return String.format(
          java.util.Locale.ROOT,
          "| path | reads/s | p50 ms | p99 ms | errors |%n|---|---:|---:|---:|---:|%n"
              + "| protected: GET /api/persons/{id}, signed in with password and TOTP; account"
              + " state, policy, decryption, audit append (group commit), event | %,.0f | %.2f |"
              + " %.2f | %d |%n"
              + "| baseline: the same rows in clear from a plain table, no protection | %,.0f |"
              + " %.2f | %.2f | %d |",
          r.protectedReads().perSecond(),
          r.protectedReads().percentileMillis(50),
          r.protectedReads().percentileMillis(99),
          r.protectedReads().errorCount(),
          r.plainReads().perSecond(),
          r.plainReads().percentileMillis(50),
          r.plainReads().percentileMillis(99),
          r.plainReads().errorCount());
    }

    private String markdown(ReadBenchmark.Result r) {
      return String.format(
          java.util.Locale.ROOT,
          """
          ## Read: `vigie bench read --persons %d --clients %d --seconds %d --rounds %d --seed %d`

          %s, on %s. One throw-away PostgreSQL 15 (fsync on), a fresh key ring and the whole web application on a loopback port; %d clients, one platform thread and one HTTP/1.1 connection each, read persons of their own advisor's caseload through the whole path, and the same rows in clear from a plain table. Each path first runs %d s uncounted (so that the JIT has compiled the code both share before either is counted); then %d rounds alternate the two, %d s counted per path in all.

          %s

          Ratio %.2f. Audit appends during the protected rounds: %,.0f per second.

          CPU per read, the JVM's (clients and server) and the benchmark's PostgreSQL's, measured over the same rounds: protected %.3f ms (JVM %.3f, PostgreSQL %.3f), plain %.3f ms (JVM %.3f, PostgreSQL %.3f). CPU ratio (plain's CPU per read over protected's): %.2f, what the ratio of rates would be on cores the benchmark had to itself, were both paths bound by CPU alone.

          ```
          %s
          ```
          """,
          r.persons(),
          r.clients(),
          r.seconds(),
          r.rounds(),
          seed,
          java.time.LocalDate.now(),
          BenchmarkReport.machine(),
          r.clients(),
          r.warmUp(),
          r.rounds(),
          r.seconds(),
          table(r),
          r.ratio(),
          r.auditAppendsPerSecond(),
          r.protectedReads().cpuMillisPerRead(),
          r.protectedReads().jvmCpuMillisPerRead(),
          r.protectedReads().postgresCpuMillisPerRead(),
          r.plainReads().cpuMillisPerRead(),
          r.plainReads().jvmCpuMillisPerRead(),
          r.plainReads().postgresCpuMillisPerRead(),
          r.cpuRatio(),
          r.json());
    }
  }
}
