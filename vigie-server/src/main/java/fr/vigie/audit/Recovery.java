package fr.vigie.audit;

import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where a restart resumes: from the frontier stored with the latest checkpoint, when its signature
 * and root hold, so that only the entries after it are read; else from the start of the log.
 */
final class Recovery {
  private static final Logger log = LoggerFactory.getLogger(Recovery.class);

  private Recovery() {}

  /** The tree at the latest trustworthy checkpoint; the caller catches up from its size. */
  static CompactRange resume(Connection c, byte[] publicKey) throws SQLException {
    Optional<Checkpoints.Stored> latest = Checkpoints.latest(c);
    if (latest.isEmpty()) {
      return new CompactRange();
    }
    Checkpoint checkpoint = latest.get().checkpoint();
    try {
      checkpoint.verify(publicKey);
      CompactRange tree = CompactRange.of(checkpoint.treeSize(), latest.get().frontier());
      if (!MessageDigest.isEqual(tree.root(), checkpoint.root())) {
        throw new ProofException("its frontier does not give its root", checkpoint.treeSize());
      }
      return tree;
    } catch (ProofException | IllegalArgumentException e) {
      log.warn(
          "Audit log: cannot resume from the checkpoint at size {} ({}): reading the whole log",
          checkpoint.treeSize(),
          e.getMessage());
      return new CompactRange();
    }
  }
}
