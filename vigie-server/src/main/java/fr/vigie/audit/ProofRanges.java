package fr.vigie.audit;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Which subtrees a proof is made of, as leaf ranges: RFC 9162 PATH (2.1.3.1) and SUBPROOF
 * (2.1.4.1), unrolled. Each range's hash is the Merkle root of its leaves, so a caller can compute
 * them from wherever the leaves are, in order, without holding the tree.
 */
final class ProofRanges {
  private ProofRanges() {}

  /** Leaves {@code [from, to)}. */
  record Range(long from, long to) {}

  /** The ranges of the inclusion proof of leaf {@code index} in a tree of {@code size}. */
  static List<Range> inclusion(long index, long size) {
    if (index < 0 || index >= size) {
      throw new IllegalArgumentException("leaf " + index + " is not in a tree of " + size);
    }
    List<Range> path = new ArrayList<>();
    long from = 0;
    long to = size;
    while (to - from > 1) {
      long k = largestPowerOfTwoBelow(to - from);
      if (index < from + k) {
        path.add(new Range(from + k, to));
        to = from + k;
      } else {
        path.add(new Range(from, from + k));
        from += k;
      }
    }
    // Found from the root down; a proof lists them from the leaf up.
    Collections.reverse(path);
    return path;
  }

  /** The ranges of the consistency proof from a tree of {@code size1} to one of {@code size2}. */
  static List<Range> consistency(long size1, long size2) {
    if (size1 <= 0 || size1 > size2) {
      throw new IllegalArgumentException(
          "no consistency proof from size " + size1 + " to size " + size2);
    }
    List<Range> proof = new ArrayList<>();
    long from = 0;
    long to = size2;
    long m = size1;
    boolean wholeOldTree = true;
    while (m != to - from) {
      long k = largestPowerOfTwoBelow(to - from);
      if (m <= k) {
        proof.add(new Range(from + k, to));
        to = from + k;
      } else {
        proof.add(new Range(from, from + k));
        from += k;
        m -= k;
        wholeOldTree = false;
      }
    }
    // When the old tree is a subtree of the new one, the verifier knows its root already.
    if (!wholeOldTree) {
      proof.add(new Range(from, to));
    }
    Collections.reverse(proof);
    return proof;
  }

  /** The largest power of two strictly below {@code n}, for n >= 2. */
  static long largestPowerOfTwoBelow(long n) {
    return Long.highestOneBit(n - 1);
  }
}
