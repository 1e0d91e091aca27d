package fr.vigie.audit;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import fr.vigie.testing.TestDatabase;
import java.nio.ByteBuffer;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The actor and organization columns the writers send beside an entry are what PostgreSQL's own
 * {@code audit_entry_string} reads from the same bytes, for entries the log writes and for bytes it
 * would never write.
 */
class AuditEntryStringIT {
  private static HikariDataSource dataSource;

  @BeforeAll
  static void database() {
    dataSource = TestDatabase.newDatabase();
  }

  @AfterAll
  static void close() {
    dataSource.close();
  }

  @Test
  void stringAt_ofWrittenAndMalformedEntries_answersAsTheSqlFunction() throws Exception {
    List<byte[]> entries = new ArrayList<>();
    for (long n = 0; n < 50; n++) {
      AuditEvent e = TestLogs.event(n);
      entries.add(AuditEntry.frame(n, AuditEntry.encodeEvent(e)));
    }
    entries.add(
        AuditEntry.frame(
            50,
            AuditEntry.encodeEvent(
                new AuditEvent(
                    Instant.parse("2026-03-02T09:00:00Z"),
                    "agent.9:x-y",
                    AuditAction.ADMIN,
                    null,
                    List.of(),
                    null,
                    AuditDecision.DENY,
                    null,
                    null))));
    SplittableRandom random = new SplittableRandom(12);
    List<byte[]> malformed = new ArrayList<>();
    for (byte[] entry : List.copyOf(entries)) {
      malformed.add(Arrays.copyOf(entry, random.nextInt(entry.length)));
      byte[] lengthChanged = entry.clone();
      int at = 17 + random.nextInt(40);
      ByteBuffer.wrap(lengthChanged).putInt(at, random.nextInt(-3, 400));
      malformed.add(lengthChanged);
    }
    byte[] otherVersion = entries.getFirst().clone();
    otherVersion[0] = 2;
    malformed.add(otherVersion);
    entries.addAll(malformed);

    try (Connection c = dataSource.getConnection();
        PreparedStatement select =
            c.prepareStatement("select audit_entry_string(?, 2), audit_entry_string(?, 4)")) {
      for (byte[] entry : entries) {
        select.setBytes(1, entry);
        select.setBytes(2, entry);
        try (ResultSet row = select.executeQuery()) {
          row.next();
          assertThat(AuditEntry.stringAt(entry, AuditEntry.ACTOR)).isEqualTo(row.getBytes(1));
          assertThat(AuditEntry.stringAt(entry, AuditEntry.ORGANIZATION))
              .isEqualTo(row.getBytes(2));
        }
      }
    }
  }

  @Test
  void appendedRows_holdTheColumnsTheSqlFunctionComputes(@TempDir java.nio.file.Path keys)
      throws Exception {
    AuditLog log = TestLogs.started(dataSource, TestLogs.signer(keys), Duration.ofSeconds(5));
    try {
      log.appendAll(LongStream.range(0, 30).mapToObj(TestLogs::event).toList());
      log.append(
          new AuditEvent(
              Instant.parse("2026-03-02T10:00:00Z"),
              UUID.randomUUID().toString(),
              AuditAction.READ,
              UUID.randomUUID().toString(),
              List.of("email"),
              "CASELOAD",
              AuditDecision.ALLOW,
              null,
              null));
    } finally {
      log.stop();
    }

    assertThat(disagreeing()).isZero();
    assertThat(rowsWithAnActor()).isGreaterThanOrEqualTo(31);
  }

  private static long disagreeing() throws SQLException {
    try (Connection c = dataSource.getConnection();
        PreparedStatement select =
            c.prepareStatement(
                "select count(*) from audit_entry"
                    + " where actor is distinct from audit_entry_string(entry, 2)"
                    + " or organization is distinct from audit_entry_string(entry, 4)");
        ResultSet row = select.executeQuery()) {
      row.next();
      return row.getLong(1);
    }
  }

  private static long rowsWithAnActor() throws SQLException {
    try (Connection c = dataSource.getConnection();
        PreparedStatement select =
            c.prepareStatement("select count(*) from audit_entry where actor is not null");
        ResultSet row = select.executeQuery()) {
      row.next();
      return row.getLong(1);
    }
  }
}
