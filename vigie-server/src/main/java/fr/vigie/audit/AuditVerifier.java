package fr.vigie.audit;

import fr.vigie.crypto.KeyRing;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Arrays;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.postgresql.copy.PGCopyInputStream;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Recomputes the audit log from the stored entries: every leaf hash from its entry's bytes, the
 * indexes contiguous from 0 and as each entry states them, the root at every checkpoint and each
 * checkpoint's signature. Names the first entry that does not match. Streams the log (binary COPY
 * out) and holds only the tree's frontier, so ten million entries need no more memory than ten.
 */
@Component
public class AuditVerifier {
  /** Bytes beyond which a stored entry cannot be one this log wrote. */
  static final int MAX_ENTRY_BYTES = 64 * 1024;

  private static final String ENTRIES =
      "copy (select idx, at, entry, leaf_hash, subject, actor, organization from audit_entry"
          + " order by idx)"
          + " to stdout (format binary)";

  /** What a verification that found nothing wrong saw. */
  public record Report(long entries, long checkpoints, byte[] root) {}

  /** Told, every 65,536 entries, how many were verified so far. */
  public interface Progress {
    void verified(long entries);
  }

  private final DataSource dataSource;
  private final byte[] publicKey;

  @Autowired
  AuditVerifier(DataSource dataSource, KeyRing keys) {
    this(dataSource, keys.auditSigner().publicKey());
  }

  AuditVerifier(DataSource dataSource, byte[] publicKey) {
    this.dataSource = dataSource;
    this.publicKey = publicKey.clone();
  }

  /**
   * Verifies the whole log as of one moment, while appends may go on.
   *
   * @throws ProofException naming the first entry or checkpoint that does not match
   * @throws AuditUnavailableException if the log cannot be read
   */
  public Report verify(Progress progress) throws ProofException {
    try (Connection entries = dataSource.getConnection();
        Connection checkpoints = dataSource.getConnection()) {
      Snapshot.share(entries, checkpoints);
      try (CheckpointCursor cursor = new CheckpointCursor(checkpoints);
          InputStream copy =
              new BufferedInputStream(
                  new PGCopyInputStream(entries.unwrap(PGConnection.class), ENTRIES), 1 << 16)) {
        LogWalk walk = new LogWalk(publicKey, cursor);
        CopyReader rows = new CopyReader(copy, 7);
        while (rows.next()) {
          readEntry(rows, walk);
          if ((walk.size() & 0xFFFF) == 0) {
            progress.verified(walk.size());
          }
        }
        Report report = walk.finish();
        progress.verified(report.entries());
        return report;
      }
    } catch (SQLException | IOException | CheckpointCursor.Unreadable e) {
      throw new AuditUnavailableException("the audit log cannot be read", e);
    }
  }

  private static void readEntry(CopyReader rows, LogWalk walk) throws IOException, ProofException {
    long idx = rows.int8();
    long at = rows.int8() + EntryCopy.POSTGRES_EPOCH_MICROS;
    byte[] entry;
    byte[] leafHash;
    byte[] subject;
    byte[] actor;
    byte[] organization;
    try {
      entry = rows.bytea(MAX_ENTRY_BYTES);
      leafHash = rows.bytea(MerkleTree.HASH_BYTES);
      subject = rows.bytea(16);
      actor = rows.bytea(MAX_ENTRY_BYTES);
      organization = rows.bytea(MAX_ENTRY_BYTES);
    } catch (IOException e) {
      throw new ProofException("entry " + idx + ": " + e.getMessage(), idx);
    }
    walk.entry(idx, at, entry, leafHash);
    if (!AuditEntry.hasSubject(entry, subject)) {
      throw new ProofException(
          "entry " + idx + ": its subject column does not agree with its content", idx);
    }
    if (!Arrays.equals(actor, AuditEntry.stringAt(entry, AuditEntry.ACTOR))
        || !Arrays.equals(organization, AuditEntry.stringAt(entry, AuditEntry.ORGANIZATION))) {
      throw new ProofException(
          "entry " + idx + ": its actor or organization column does not agree with its content",
          idx);
    }
  }
}
