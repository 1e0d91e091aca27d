package fr.vigie.audit;

import java.security.MessageDigest;
import java.util.Iterator;

/**
 * The verifier's pass over the log, entry by entry in index order, with the checkpoints merged in
 * by tree size. Holds only the tree's frontier, so its memory does not grow with the log. Fails on
 * the first entry or checkpoint that does not match, naming it.
 */
final class LogWalk {
  private final byte[] publicKey;
  private final Iterator<Checkpoint> checkpoints;
  private final CompactRange tree;
  private Checkpoint next;
  private long lastGoodCheckpoint;
  private long checkpointsVerified;

  /**
   * @param checkpoints the stored checkpoints, by increasing tree size
   */
  LogWalk(byte[] publicKey, Iterator<Checkpoint> checkpoints) throws ProofException {
    this(publicKey, checkpoints, new CompactRange());
  }

  /**
   * A walk that starts after the entries of {@code start}, the frontier stored with a checkpoint:
   * the first of {@code checkpoints} must be that checkpoint, whose signed root then vouches for
   * the frontier before any entry is read.
   */
  LogWalk(byte[] publicKey, Iterator<Checkpoint> checkpoints, CompactRange start)
      throws ProofException {
    this.publicKey = publicKey;
    this.checkpoints = checkpoints;
    this.tree = start;
    this.lastGoodCheckpoint = start.size();
    advance();
    checkpointsAt(start.size());
  }

  /** The tree size of the last checkpoint whose root and signature held. */
  long lastGoodCheckpoint() {
    return lastGoodCheckpoint;
  }

  long size() {
    return tree.size();
  }

  void entry(long idx, long atMicros, byte[] entry, byte[] leafHash) throws ProofException {
    long expected = tree.size();
    if (idx != expected) {
      throw new ProofException(
          expected == 0
              ? "entry 0: missing (indexes start at " + idx + ")"
              : "entry "
                  + expected
                  + ": missing (indexes jump from "
                  + (expected - 1)
                  + " to "
                  + idx
                  + ")",
          expected);
    }
    checkContent(idx, atMicros, entry, leafHash);
    tree.append(leafHash);
    checkpointsAt(tree.size());
  }

  /** Checks one row: its leaf hash, and the index and time columns, against its content. */
  static void checkContent(long idx, long atMicros, byte[] entry, byte[] leafHash)
      throws ProofException {
    if (entry == null || leafHash == null) {
      throw new ProofException("entry " + idx + ": has no content or no leaf hash", idx);
    }
    if (!MessageDigest.isEqual(MerkleTree.leafHash(entry), leafHash)) {
      throw new ProofException("entry " + idx + ": leaf hash does not match its content", idx);
    }
    long claimed = AuditEntry.indexOf(entry);
    if (claimed != idx) {
      throw new ProofException(
          claimed < 0
              ? "entry " + idx + ": its content is not an audit entry"
              : "entry "
                  + idx
                  + ": its content is that of entry "
                  + claimed
                  + " (rows moved or reordered)",
          idx);
    }
    if (AuditEntry.microsOf(entry) != atMicros) {
      throw new ProofException("entry " + idx + ": time column does not match its content", idx);
    }
  }

  /** Ends the walk: a checkpoint beyond the last entry means entries were removed from the end. */
  AuditVerifier.Report finish() throws ProofException {
    if (next != null) {
      throw new ProofException(
          "entry "
              + tree.size()
              + ": missing (the checkpoint at size "
              + next.treeSize()
              + " covers it)",
          tree.size());
    }
    return new AuditVerifier.Report(tree.size(), checkpointsVerified, tree.root());
  }

  private void checkpointsAt(long size) throws ProofException {
    while (next != null && next.treeSize() == size) {
      next.verify(publicKey);
      if (!MessageDigest.isEqual(tree.root(), next.root())) {
        // Each entry matched its own leaf hash, so one was rewritten together with its hash:
        // only the signed roots tell, and they place it after the last checkpoint that held.
        throw new ProofException(
            "checkpoint at size "
                + size
                + ": root does not match entries 0 to "
                + (size - 1)
                + ": an entry from "
                + lastGoodCheckpoint
                + " to "
                + (size - 1)
                + " was rewritten along with its leaf hash",
            lastGoodCheckpoint);
      }
      lastGoodCheckpoint = size;
      checkpointsVerified++;
      advance();
    }
  }

  private void advance() throws ProofException {
    next = checkpoints.hasNext() ? checkpoints.next() : null;
    if (next != null && next.treeSize() < tree.size()) {
      throw new ProofException(
          "checkpoint at size " + next.treeSize() + ": out of order", next.treeSize());
    }
  }
}
