package fr.vigie.transfer;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The exchange's operation log: every sign-in, listing, upload, download, deletion and purge, with
 * the account, the file name (a batch name, never personal data), the byte count and the source
 * address; refusals counted per window ({@link Refusals}). The register reads it in order ({@link
 * #after}) into its own audit log.
 */
@Component
public class Operations {
  private final JdbcTemplate jdbc;
  private final Clock clock;

  Operations(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
    this.clock = Clock.systemUTC();
  }

  /** One logged operation. */
  public record Operation(
      long seq,
      Instant at,
      String account,
      OperationKind kind,
      String file,
      Long bytes,
      String source,
      String outcome,
      Integer count) {}

  /** Records one operation; the outcome is {@code ok} or a short reason (no personal data). */
  public void record(
      String account, OperationKind kind, String file, Long bytes, String source, String outcome) {
    jdbc.update(
        "insert into operation (at, account, kind, file, bytes, source, outcome)"
            + " values (?, ?, ?, ?, ?, ?, ?)",
        Timestamp.from(clock.instant()),
        account,
        kind.name(),
        file,
        bytes,
        source,
        outcome);
  }

  /**
   * Records {@code count} refusals of one kind seen over a window, as one row ({@link Refusals}).
   */
  void recordCounted(
      String account, OperationKind kind, String route, String source, String outcome, long count) {
    jdbc.update(
        "insert into operation (at, account, kind, file, bytes, source, outcome, count)"
            + " values (?, ?, ?, ?, null, ?, ?, ?)",
        Timestamp.from(clock.instant()),
        account,
        kind.name(),
        route,
        source,
        outcome,
        (int) Math.min(count, Integer.MAX_VALUE));
  }

  /**
   * Logs a deletion of a file together with the intent to delete it, in one statement: the caller
   * deletes the file, then {@link #done}; a restart finishes whatever intents a kill left.
   */
  void recordWithIntent(
      String account, OperationKind kind, String file, String source, String intentPath) {
    jdbc.update(
        "with op as (insert into operation (at, account, kind, file, bytes, source, outcome)"
            + " values (?, ?, ?, ?, null, ?, 'ok') returning seq)"
            + " insert into purge_intent (path, operation) select ?, seq from op",
        Timestamp.from(clock.instant()),
        account,
        kind.name(),
        file,
        source,
        intentPath);
  }

  /** The paths (under the files' folder) whose deletion is logged but maybe not yet done. */
  List<String> intents() {
    return jdbc.queryForList("select path from purge_intent order by path", String.class);
  }

  void done(String intentPath) {
    jdbc.update("delete from purge_intent where path = ?", intentPath);
  }

  /** The operations after {@code seq}, oldest first, at most {@code limit}. */
  public List<Operation> after(long seq, int limit) {
    return jdbc.query(
        "select seq, at, account, kind, file, bytes, source, outcome, count from operation"
            + " where seq > ? order by seq limit ?",
        (row, n) ->
            new Operation(
                row.getLong("seq"),
                row.getTimestamp("at").toInstant(),
                row.getString("account"),
                OperationKind.valueOf(row.getString("kind")),
                row.getString("file"),
                (Long) row.getObject("bytes"),
                row.getString("source"),
                row.getString("outcome"),
                (Integer) row.getObject("count")),
        seq,
        limit);
  }
}
