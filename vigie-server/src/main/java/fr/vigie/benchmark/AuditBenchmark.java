package fr.vigie.benchmark;

import fr.vigie.audit.AuditAction;
import fr.vigie.audit.AuditDecision;
import fr.vigie.audit.AuditEvent;
import fr.vigie.audit.AuditLog;
import fr.vigie.audit.AuditVerifier;
import fr.vigie.runtime.ThrowAwayVigie;
import java.io.PrintStream;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The audit log's whole path on a throw-away, durable PostgreSQL: appends per second by many
 * concurrent callers (each waiting for its entry to be committed) against single-row autocommit
 * INSERTs of the same bytes by the same threads into an unindexed table; then the time to verify a
 * log of many entries.
 */
public final class AuditBenchmark {
  /** The figures of one run. */
  public record Result(
      int entries,
      int threads,
      double appendsPerSecond,
      double baselinePerSecond,
      double p50Micros,
      double p99Micros,
      double baselineP50Micros,
      double baselineP99Micros,
      long verifyEntries,
      double fillSeconds,
      double verifySeconds) {

    public double ratio() {
      return appendsPerSecond / baselinePerSecond;
    }

    public String json() {
      return String.format(
          Locale.ROOT,
          "{\"benchmark\":\"audit\",\"entries\":%d,\"threads\":%d,\"audit_appends_per_s\":%.1f,"
              + "\"baseline_inserts_per_s\":%.1f,\"ratio\":%.3f,\"append_p50_us\":%.0f,"
              + "\"append_p99_us\":%.0f,\"baseline_p50_us\":%.0f,\"baseline_p99_us\":%.0f,"
              + "\"verify_entries\":%d,\"fill_seconds\":%.1f,\"verify_seconds\":%.1f,"
              + "\"verify_entries_per_s\":%.0f,\"cores\":%d}",
          entries,
          threads,
          appendsPerSecond,
          baselinePerSecond,
          ratio(),
          p50Micros,
          p99Micros,
          baselineP50Micros,
          baselineP99Micros,
          verifyEntries,
          fillSeconds,
          verifySeconds,
          verifyEntries / verifySeconds,
          Runtime.getRuntime().availableProcessors());
    }
  }

  private AuditBenchmark() {}

  public static Result run(int entries, int threads, long verifyEntries, PrintStream out)
      throws Exception {
    try (ThrowAwayVigie vigie = ThrowAwayVigie.start("vigie-bench-audit")) {
      ConfigurableApplicationContext context = vigie.context();
      AuditLog log = context.getBean(AuditLog.class);
      List<AuditEvent> events = events(entries);
      // Warm-up, not counted: the JIT, PostgreSQL's caches, the connection pool.
      ConcurrentLoad.run(threads, Math.min(entries, 20_000), (t, n) -> log.append(events.get(n)));
      long before = log.size();
      ConcurrentLoad.Figures audit =
          ConcurrentLoad.run(threads, entries, (t, n) -> log.append(events.get(n)));
      out.printf(
          "audit append: %,d entries by %d threads in %.1f s: %,.0f appends/s, latency p50 %.0f"
              + " µs, p99 %.0f µs%n",
          entries,
          threads,
          audit.seconds(),
          audit.perSecond(),
          audit.percentileMicros(50),
          audit.percentileMicros(99));

      List<byte[]> bytes = storedEntries(vigie, before, entries);
      ConcurrentLoad.Figures baseline = plainInserts(vigie, threads, bytes);
      out.printf(
          "plain INSERT: %,d rows by %d threads in %.1f s: %,.0f inserts/s, latency p50 %.0f µs,"
              + " p99 %.0f µs%n",
          entries,
          threads,
          baseline.seconds(),
          baseline.perSecond(),
          baseline.percentileMicros(50),
          baseline.percentileMicros(99));

      long fillStarted = System.nanoTime();
      LogFill.fill(log, verifyEntries, out);
      double fill = (System.nanoTime() - fillStarted) / 1e9;
      long started = System.nanoTime();
      AuditVerifier.Report report = context.getBean(AuditVerifier.class).verify(progress(out));
      double verify = (System.nanoTime() - started) / 1e9;
      out.printf(
          "audit verify: %,d entries and %,d checkpoints in %.1f s: %,.0f entries/s%n",
          report.entries(), report.checkpoints(), verify, report.entries() / verify);
      return new Result(
          entries,
          threads,
          audit.perSecond(),
          baseline.perSecond(),
          audit.percentileMicros(50),
          audit.percentileMicros(99),
          baseline.percentileMicros(50),
          baseline.percentileMicros(99),
          report.entries(),
          fill,
          verify);
    }
  }

  /** Events shaped like the read path's: ids, three field names, a purpose, a source token. */
  static List<AuditEvent> events(int count) {
    List<AuditEvent> events = new ArrayList<>(count);
    Instant at = Instant.now();
    for (int n = 0; n < count; n++) {
      events.add(
          new AuditEvent(
              at.plusMillis(n),
              new UUID(0x5eed, n % 5_000).toString(),
              AuditAction.READ,
              new UUID(0xfeed, n * 7919L).toString(),
              List.of("identifier", "usual_name", "email"),
              "CASELOAD",
              AuditDecision.ALLOW,
              "src:" + Integer.toHexString(n % 977),
              "org-" + (n % 900)));
    }
    return events;
  }

  /** The entry bytes the audit phase stored, so the baseline writes exactly the same. */
  private static List<byte[]> storedEntries(ThrowAwayVigie vigie, long from, int count)
      throws SQLException {
    List<byte[]> bytes = new ArrayList<>(count);
    try (Connection c = vigie.connect();
        PreparedStatement s =
            c.prepareStatement("select entry from audit_entry where idx >= ? order by idx")) {
      c.setAutoCommit(false);
      s.setFetchSize(10_000);
      s.setLong(1, from);
      try (ResultSet rows = s.executeQuery()) {
        while (rows.next() && bytes.size() < count) {
          bytes.add(rows.getBytes(1));
        }
      }
    }
    return bytes;
  }

  private static ConcurrentLoad.Figures plainInserts(
      ThrowAwayVigie vigie, int threads, List<byte[]> bytes) throws Exception {
    try (Connection c = vigie.connect();
        Statement ddl = c.createStatement()) {
      ddl.execute("create table plain_audit (entry bytea)");
    }
    Connection[] connections = new Connection[threads];
    PreparedStatement[] inserts = new PreparedStatement[threads];
    try {
      for (int t = 0; t < threads; t++) {
        connections[t] = vigie.connect();
        inserts[t] = connections[t].prepareStatement("insert into plain_audit (entry) values (?)");
      }
      int warmUp = Math.min(bytes.size(), 20_000);
      ConcurrentLoad.run(threads, warmUp, (t, n) -> insert(inserts[t], bytes.get(n)));
      return ConcurrentLoad.run(threads, bytes.size(), (t, n) -> insert(inserts[t], bytes.get(n)));
    } finally {
      for (Connection connection : connections) {
        if (connection != null) {
          connection.close();
        }
      }
    }
  }

  private static void insert(PreparedStatement insert, byte[] entry) throws SQLException {
    insert.setBytes(1, entry);
    insert.executeUpdate();
  }

  /** A line every five seconds while verifying: counts only. */
  private static AuditVerifier.Progress progress(PrintStream out) {
    long started = System.nanoTime();
    long[] lastLine = {started};
    return entries -> {
      long now = System.nanoTime();
      if (now - lastLine[0] >= 5_000_000_000L) {
        lastLine[0] = now;
        out.printf("  verified %,d entries, %,.0f/s%n", entries, entries / ((now - started) / 1e9));
      }
    };
  }
}
