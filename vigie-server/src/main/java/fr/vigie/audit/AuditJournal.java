package fr.vigie.audit;

import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;

/** The audited events about one person, newest first: what a person's access journal is made of. */
@Service
public class AuditJournal {
  /** The most events one call returns. */
  public static final int LIMIT = 1_000;

  private final JdbcTemplate jdbc;

  AuditJournal(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  /** The events whose subject is {@code subject}, newest first, at most {@value #LIMIT}. */
  public List<AuditEvent> about(UUID subject) {
    return jdbc.query(
        "select entry from audit_entry where subject = ? order by idx desc limit ?",
        (row, i) -> AuditEntry.decode(row.getBytes(1)),
        subject,
        LIMIT);
  }

  /** One event of the log and its index there, which names it (a person flags a read by it). */
  public record Indexed(long index, AuditEvent event) {}

  /** As {@link #about}, each event with its index. */
  public List<Indexed> indexedAbout(UUID subject) {
    return jdbc.query(
        "select idx, entry from audit_entry where subject = ? order by idx desc limit ?",
        (row, i) -> new Indexed(row.getLong(1), AuditEntry.decode(row.getBytes(2))),
        subject,
        LIMIT);
  }

  /** The event at {@code index}, if it is about {@code subject}. */
  public Optional<AuditEvent> entry(long index, UUID subject) {
    return jdbc
        .query(
            "select entry from audit_entry where idx = ? and subject = ?",
            (row, i) -> AuditEntry.decode(row.getBytes(1)),
            index,
            subject)
        .stream()
        .findFirst();
  }
}
