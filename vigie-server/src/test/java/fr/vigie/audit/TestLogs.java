package fr.vigie.audit;

import fr.vigie.crypto.AuditSigner;
import fr.vigie.crypto.KeyRing;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;

/** Audit logs, events and table access for the audit tests. */
final class TestLogs {
  static final String ORIGIN = "vigie.test/audit";

  private TestLogs() {}

  static AuditSigner signer(Path directory) throws Exception {
    Path keys = directory.resolve("keys");
    return KeyRing.open("file:" + keys.resolve("kek.json"), keys, List.of("nir")).auditSigner();
  }

  /** A started log; stop it when done. */
  static AuditLog started(DataSource dataSource, AuditSigner signer, Duration timeout) {
    AuditLog log = new AuditLog(dataSource, signer, ORIGIN, timeout, Clock.systemUTC());
    log.start();
    return log;
  }

  static AuditEvent event(long n) {
    return new AuditEvent(
        Instant.parse("2026-03-02T09:00:00Z").plusMillis(n),
        new UUID(7, n).toString(),
        AuditAction.READ,
        new UUID(9, n * 31).toString(),
        List.of("identifier", "email"),
        "CASELOAD",
        AuditDecision.ALLOW,
        "src:" + Long.toHexString(n),
        "org-1");
  }

  /** The stored leaf hashes, in index order. */
  static List<byte[]> leafHashes(DataSource dataSource) throws SQLException {
    List<byte[]> hashes = new ArrayList<>();
    try (Connection c = dataSource.getConnection();
        Statement s = c.createStatement();
        ResultSet rows = s.executeQuery("select leaf_hash from audit_entry order by idx")) {
      while (rows.next()) {
        hashes.add(rows.getBytes(1));
      }
    }
    return hashes;
  }

  /** Runs statements as the table owner would, with the append-only triggers off meanwhile. */
  static void tamper(DataSource dataSource, String... statements) throws SQLException {
    try (Connection c = dataSource.getConnection();
        Statement s = c.createStatement()) {
      s.execute("alter table audit_entry disable trigger user");
      for (String statement : statements) {
        s.execute(statement);
      }
      s.execute("alter table audit_entry enable trigger user");
    }
  }
}
