package fr.vigie.audit;

import fr.vigie.crypto.AuditSigner;
import java.security.GeneralSecurityException;
import java.sql.SQLException;
import java.time.Clock;

/** Signs and stores a checkpoint whenever the tree grew since the last one this process made. */
final class Checkpoints {
  private final AuditStore store;
  private final AuditSigner signer;
  private final String origin;
  private final Clock clock;
  private long lastSize = -1;

  Checkpoints(AuditStore store, AuditSigner signer, String origin, Clock clock) {
    this.store = store;
    this.signer = signer;
    this.origin = origin;
    this.clock = clock;
  }

  /** Signs the tree unless its size was checkpointed already; one at a time. */
  synchronized void signIfGrown(CompactRange tree) throws SQLException, GeneralSecurityException {
    if (tree.size() == lastSize) {
      return;
    }
    Checkpoint checkpoint =
        Checkpoint.sign(origin, tree.size(), tree.root(), clock.instant(), signer);
    store.insertCheckpoint(checkpoint, tree.frontier());
    lastSize = tree.size();
  }

  String verifierKey() {
    return Checkpoint.verifierKey(origin, signer.publicKey());
  }
}
