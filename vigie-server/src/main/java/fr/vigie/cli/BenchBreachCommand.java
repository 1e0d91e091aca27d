package fr.vigie.cli;

import fr.vigie.benchmark.BenchmarkReport;
import fr.vigie.benchmark.BreachBenchmark;
import java.time.LocalDate;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code vigie bench breach}. */
@Command(
    name = "breach",
    description = {
      "Grow an audit log to N entries (50,000 accounts reading at a steady pace over --days;"
          + " entries framed and hashed as the appender does, written by binary COPY), and at 1, 3, 10, 30, ... million entries and at N declare"
          + " an incident of 20 accounts over the last 28 days: verify the part of the log it"
          + " needs, select their reads, store the persons; against streaming the same rows out.",
      "Leaves ./data alone; needs about 430 bytes of disk per entry."
    })
final class BenchBreachCommand implements Callable<Integer> {
  @Option(names = "--entries", defaultValue = "10000000", description = "Entries in the log.")
  long entries;

  @Option(
      names = "--days",
      defaultValue = "56",
      description = "Days the log spans; the incident covers the last 28.")
  int days;

  @Mixin BenchOutput output;

  @Override
  public Integer call() throws Exception {
    if (entries < 1_000_000 || days < 28) {
      System.err.println(
          "vigie bench breach: --entries must be at least 1000000 and --days at least 28");
      return 2;
    }
    BreachBenchmark.Result r = BreachBenchmark.run(entries, days, System.out);
    output.publish("breach", markdown(r), r.json());
    return 0;
  }

  private String markdown(BreachBenchmark.Result r) {
    String rows =
        r.steps().stream()
            .map(
                s ->
                    String.format(
                        Locale.ROOT,
                        "| %,d | %,d | %,d | %,d | %,d | %.2f | %,.0f | %.2f | %.2f |",
                        s.logEntries(),
                        s.verifiedEntries(),
                        s.checkpoints(),
                        s.selected(),
                        s.persons(),
                        s.scopeSeconds(),
                        s.entriesPerSecond(),
                        s.baselineSeconds(),
                        s.baselineSeconds() / s.scopeSeconds()))
            .collect(Collectors.joining("\n"));
    return String.format(
        Locale.ROOT,
        """
        ## Breach scoping: `vigie bench breach --entries %d --days %d`

        %s, on %s. A throw-away PostgreSQL 15 (fsync on); the log grown in order by\
         `AuditBulkLoad` (entries framed and hashed as the appender does, binary COPY, a signed\
         checkpoint every 100,000 entries), %,.0f entries a day over %d days, by 50,000 accounts\
         (%.1f s to grow it,\
         %,d bytes of database at the end). At each size an incident of 20 accounts over the\
         last 28 days is declared through `Incidents.declare`: binary search of the window,\
         verification of every entry and checkpoint from the checkpoint before the window to the\
         one after it, selection of the 20 accounts' reads, the persons stored. Baseline: the same\
         rows streamed out by binary COPY and dropped.

        | log entries | entries verified | checkpoints | reads selected | persons | scope s | verified/s | baseline s | ratio |
        |---:|---:|---:|---:|---:|---:|---:|---:|---:|
        %s

        ```
        %s
        ```
        """,
        r.entries(),
        r.days(),
        LocalDate.now(),
        BenchmarkReport.machine(),
        r.entries() / (double) r.days(),
        r.days(),
        r.fillSeconds(),
        r.databaseBytes(),
        rows,
        r.json());
  }
}
