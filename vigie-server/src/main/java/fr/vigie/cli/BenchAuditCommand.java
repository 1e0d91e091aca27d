package fr.vigie.cli;

import fr.vigie.benchmark.AuditBenchmark;
import fr.vigie.benchmark.BenchmarkReport;
import java.time.LocalDate;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code vigie bench audit}. */
@Command(
    name = "audit",
    description = {
      "Append N audit entries from concurrent threads through the real group-commit path, then"
          + " insert the same bytes row by row with autocommit from the same threads, on a"
          + " throw-away durable PostgreSQL; then grow the log and time its verification.",
      "Leaves ./data alone."
    })
final class BenchAuditCommand implements Callable<Integer> {
  @Option(names = "--entries", defaultValue = "200000", description = "Entries to append.")
  int entries;

  @Option(names = "--threads", defaultValue = "50", description = "Concurrent appending threads.")
  int threads;

  @Option(
      names = "--verify-entries",
      defaultValue = "10000000",
      description = "Size of the log to verify.")
  long verifyEntries;

  @Mixin BenchOutput output;

  @Override
  public Integer call() throws Exception {
    if (entries < 1 || threads < 1 || threads > 80 || verifyEntries < 1) {
      System.err.println(
          "vigie bench audit: --entries and --verify-entries must be at least 1,"
              + " --threads from 1 to 80");
      return 2;
    }
    AuditBenchmark.Result r = AuditBenchmark.run(entries, threads, verifyEntries, System.out);
    System.out.printf(
        Locale.ROOT,
        "appends/s %,.0f   baseline inserts/s %,.0f   ratio %.2f   verify %,d entries in %.1f s%n",
        r.appendsPerSecond(),
        r.baselinePerSecond(),
        r.ratio(),
        r.verifyEntries(),
        r.verifySeconds());
    output.publish("audit", markdown(r), r.json());
    return 0;
  }

  private String markdown(AuditBenchmark.Result r) {
    return String.format(
        Locale.ROOT,
        """
        ## Audit log: `vigie bench audit --entries %d --threads %d --verify-entries %d`

        %s, on %s. Each run starts a throw-away PostgreSQL 15 (fsync and synchronous commit on).

        | path | per second | latency p50 | p99 |
        |---|---:|---:|---:|
        | Vigie append, %d threads: canonical entry, leaf hash, group commit (binary COPY, one fsync per batch), returns once durable | %,.0f | %,.0f µs | %,.0f µs |
        | baseline: the same entry bytes, single-row INSERT with autocommit into an unindexed table, same threads | %,.0f | %,.0f µs | %,.0f µs |

        Ratio %.2f. Verifying a log of %,d entries (every leaf hash, index, time, checkpoint root\
         and signature): %.1f s (%,.0f entries/s); growing it to that size through the appender\
         took %.1f s.

        ```
        %s
        ```
        """,
        r.entries(),
        r.threads(),
        r.verifyEntries(),
        LocalDate.now(),
        BenchmarkReport.machine(),
        r.threads(),
        r.appendsPerSecond(),
        r.p50Micros(),
        r.p99Micros(),
        r.baselinePerSecond(),
        r.baselineP50Micros(),
        r.baselineP99Micros(),
        r.ratio(),
        r.verifyEntries(),
        r.verifySeconds(),
        r.verifyEntries() / r.verifySeconds(),
        r.fillSeconds(),
        r.json());
  }
}
