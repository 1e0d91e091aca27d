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
          + " entries framed and hashed as the appender does, written by binary COPY on two"
          + " connections, the secondary indexes built again after each growth), and at 1,"
          + " 3, 10, 30, ... million entries and at N declare an incident of 20 accounts over the"
          + " last 28 days: find their reads by the index, prove each in the signed tree, store"
          + " the persons; against the walk of the whole window that then confirms it.",
      "Leaves ./data alone; needs about 720 bytes of disk per entry."
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
                        "| %,d | %,d | %,d | %,d | %.2f | %.2f | %.1f | %s |",
                        s.logEntries(),
                        s.windowEntries(),
                        s.selected(),
                        s.persons(),
                        s.scopeSeconds(),
                        s.walkSeconds(),
                        s.ratio(),
                        s.completeness()))
            .collect(Collectors.joining("\n"));
    return String.format(
        Locale.ROOT,
        """
        ## Breach scoping: `vigie bench breach --entries %d --days %d`

        %s, on %s. A throw-away PostgreSQL 15 (fsync on); the log grown in order by\
         `AuditBulkLoad` (entries framed and hashed as the appender does, in parallel over a chunk;\
         the tree, the subtree hashes of 64 leaves and up and a signed checkpoint every 100,000\
         entries computed in Java; binary COPY on two connections; the actor and organization\
         index columns read from each entry in Java and sent in the COPY stream, a sample checked\
         against PostgreSQL's audit_entry_string; the secondary indexes set aside\
         and built again after each growth), %,.0f entries a day over %d days, by 50,000 accounts (%.1f s to grow it,\
         %,d bytes of database at the end). At each size an incident of 20 accounts over the\
         last 28 days is declared through `Incidents.declare`, timed until it answers: binary\
         search of the window, the 20 accounts' entries by the (actor, index) index, each checked\
         against its content and proven by an inclusion proof against the signed checkpoint after\
         the window, the persons stored. Baseline, same run: the walk of every entry of the window\
         (how every scope was verified before), which Vigie runs after the answer to confirm that\
         the index missed no entry; ratio = walk s / scope s.

        | log entries | window entries | reads proven | persons | scope s | walk s (baseline) | ratio | completeness |
        |---:|---:|---:|---:|---:|---:|---:|---|
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
