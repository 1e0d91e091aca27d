package fr.vigie.audit;

import fr.vigie.ProblemCode;
import fr.vigie.VigieException;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Proofs from the stored leaf hashes: each proof node is the root of a range of leaves, streamed
 * from the table. The ranges of one proof do not overlap, so a proof reads at most the whole tree
 * once: O(tree size) time, O(log n) memory.
 */
final class Proofs {
  private final AuditStore store;

  Proofs(AuditStore store) {
    this.store = store;
  }

  List<byte[]> inclusion(long index, long treeSize, long logSize) {
    checkRange(
        treeSize <= logSize && index >= 0 && index < treeSize,
        "entry " + index + " in a tree of " + treeSize + " (the log has " + logSize + ")");
    return hashes(ProofRanges.inclusion(index, treeSize));
  }

  List<byte[]> consistency(long size1, long size2, long logSize) {
    checkRange(
        size1 > 0 && size1 <= size2 && size2 <= logSize,
        "from size " + size1 + " to " + size2 + " (the log has " + logSize + ")");
    return hashes(ProofRanges.consistency(size1, size2));
  }

  byte[] leafHash(long index, long logSize) {
    checkRange(index >= 0 && index < logSize, "entry " + index + " (the log has " + logSize + ")");
    try {
      return store.leafHash(index);
    } catch (SQLException e) {
      throw new AuditUnavailableException("the audit log cannot be read", e);
    }
  }

  private List<byte[]> hashes(List<ProofRanges.Range> ranges) {
    try {
      List<byte[]> proof = new ArrayList<>(ranges.size());
      for (ProofRanges.Range r : ranges) {
        proof.add(store.rangeRoot(r.from(), r.to()));
      }
      return proof;
    } catch (SQLException e) {
      throw new AuditUnavailableException("the audit log cannot be read", e);
    }
  }

  private static void checkRange(boolean valid, String what) {
    if (!valid) {
      throw new VigieException(ProblemCode.AUDIT_RANGE_INVALID, "not in the audit log: " + what);
    }
  }
}
