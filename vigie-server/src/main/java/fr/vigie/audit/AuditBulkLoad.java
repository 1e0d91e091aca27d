package fr.vigie.audit;

import fr.vigie.crypto.AuditSigner;
import fr.vigie.crypto.KeyRing;
import java.security.GeneralSecurityException;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.util.Iterator;
import java.util.UUID;
import javax.sql.DataSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Appends many entries at once, for benchmarks that need a large log: each entry is framed and
 * hashed exactly as the appender does, the rows go in by binary COPY under the appenders' lock, one
 * transaction per chunk with the subtree hashes the chunk completed, and a checkpoint is signed
 * every {@code checkpointEvery} entries. The result is a log that {@code vigie audit verify}
 * accepts, made without waiting for a commit per group. A running appender catches up on its next
 * batch, as it does after another process.
 */
@Component
public class AuditBulkLoad {
  private static final int CHUNK = 50_000;

  private final DataSource dataSource;
  private final AuditSigner signer;
  private final String origin;

  @Autowired
  AuditBulkLoad(
      DataSource dataSource,
      KeyRing keys,
      @Value("${vigie.audit.origin:vigie/audit}") String origin) {
    this.dataSource = dataSource;
    this.signer = keys.auditSigner();
    this.origin = origin;
  }

  /** The number of entries stored. */
  public long size() {
    try (Connection c = dataSource.getConnection();
        var select = c.prepareStatement("select coalesce(max(idx), -1) + 1 from audit_entry");
        var rows = select.executeQuery()) {
      rows.next();
      return rows.getLong(1);
    } catch (SQLException e) {
      throw new AuditUnavailableException("the audit log cannot be read", e);
    }
  }

  /**
   * Appends the {@code events} at the end of the log and returns the log's size after them.
   *
   * @throws AuditUnavailableException if the log cannot be written
   */
  public long load(Iterator<AuditEvent> events, long checkpointEvery) {
    Checkpoints checkpoints = new Checkpoints(dataSource, signer, origin, Clock.systemUTC());
    CompactRange tree = null;
    long sinceCheckpoint = 0;
    try {
      while (events.hasNext()) {
        try (Connection c = dataSource.getConnection()) {
          c.setAutoCommit(false);
          long last = AuditStore.lockForAppend(c);
          if (tree == null) {
            tree = Recovery.resume(c, signer.publicKey());
            tree.collectNodes();
          }
          AuditStore.catchUp(c, tree, last);
          EntryCopy copy = new EntryCopy(CHUNK * 300);
          for (int n = 0; n < CHUNK && events.hasNext() && sinceCheckpoint < checkpointEvery; n++) {
            AuditEvent event = events.next();
            byte[] entry = AuditEntry.frame(tree.size(), AuditEntry.encodeEvent(event));
            byte[] leafHash = MerkleTree.leafHash(entry);
            copy.row(
                tree.size(),
                AuditEntry.microsOf(entry),
                entry,
                leafHash,
                event.subject() == null ? null : UUID.fromString(event.subject()));
            tree.append(leafHash);
            sinceCheckpoint++;
          }
          AuditStore.copyIn(c, copy.finish());
          AuditNodes.insert(c, tree.drainNodes());
          c.commit();
        }
        if (sinceCheckpoint >= checkpointEvery || !events.hasNext()) {
          checkpoints.signIfGrown(tree);
          sinceCheckpoint = 0;
        }
      }
      return tree == null ? -1 : tree.size();
    } catch (SQLException | GeneralSecurityException e) {
      throw new AuditUnavailableException("the audit log could not be loaded", e);
    }
  }
}
