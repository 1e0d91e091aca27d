package fr.vigie.audit;

import java.security.MessageDigest;
import java.util.Arrays;
import java.util.List;

/**
 * A second, independent reading of RFC 6962 proofs, written from the recursive definitions of
 * section 2.1 (PATH and SUBPROOF) rather than from the iterative algorithms of RFC 9162 that {@link
 * MerkleTree} follows: the fuzz tests accept a verification only when both agree.
 */
final class ReferenceProofs {
  private static final int HASH = 32;
  private static final int MAX_PROOF = 64;

  private ReferenceProofs() {}

  /** Whether {@code proof} shows {@code leaf} at {@code index} of the tree of size and root. */
  static boolean inclusionHolds(
      long index, long size, byte[] leaf, List<byte[]> proof, byte[] root) {
    if (!isHash(leaf) || !isHash(root) || !wellFormed(proof)) {
      return false;
    }
    if (size <= 0 || index < 0 || index >= size) {
      return false;
    }
    int[] end = {proof.size()};
    byte[] computed = path(index, size, leaf, proof, end);
    return computed != null && end[0] == 0 && Arrays.equals(computed, root);
  }

  /** PATH(m, D[n]), read from the end of the proof back to its start. */
  private static byte[] path(long m, long n, byte[] leaf, List<byte[]> proof, int[] end) {
    if (n == 1) {
      return leaf;
    }
    if (end[0] == 0) {
      return null;
    }
    byte[] sibling = proof.get(--end[0]);
    long k = Long.highestOneBit(n - 1);
    if (m < k) {
      byte[] left = path(m, k, leaf, proof, end);
      return left == null ? null : MerkleTree.nodeHash(left, sibling);
    }
    byte[] right = path(m - k, n - k, leaf, proof, end);
    return right == null ? null : MerkleTree.nodeHash(sibling, right);
  }

  /**
   * Whether {@code proof} shows that the tree of size2 and root2 extends the tree of size1 and
   * root1. Vigie's policy on top of the RFC: a proof from the empty tree proves nothing and is
   * refused; equal sizes need an empty proof and equal roots.
   */
  static boolean consistencyHolds(
      long size1, long size2, List<byte[]> proof, byte[] root1, byte[] root2) {
    if (size1 < 0 || size1 > size2) {
      return false;
    }
    if (size1 == size2) {
      // As the transparency-dev vectors want ("sizes are equal (one) and proof is empty", with
      // 12-byte roots, is accepted): equal sizes compare the roots as given, of any length.
      return proof.isEmpty()
          && root1 != null
          && Arrays.equals(root1, root2)
          && (size1 > 0 || Arrays.equals(root1, MerkleTree.emptyRoot()));
    }
    if (!isHash(root1) || !isHash(root2) || !wellFormed(proof)) {
      return false;
    }
    if (size1 == 0) {
      return false;
    }
    int[] end = {proof.size()};
    byte[][] roots = subproof(size1, size2, true, proof, end, root1);
    return roots != null
        && end[0] == 0
        && Arrays.equals(roots[0], root1)
        && Arrays.equals(roots[1], root2);
  }

  /** SUBPROOF(m, D[n], b): the roots of the old tree and of D[n] that the proof implies. */
  private static byte[][] subproof(
      long m, long n, boolean b, List<byte[]> proof, int[] end, byte[] root1) {
    if (m == n) {
      if (b) {
        return new byte[][] {root1, root1};
      }
      if (end[0] == 0) {
        return null;
      }
      byte[] node = proof.get(--end[0]);
      return new byte[][] {node, node};
    }
    if (end[0] == 0) {
      return null;
    }
    byte[] sibling = proof.get(--end[0]);
    long k = Long.highestOneBit(n - 1);
    if (m <= k) {
      byte[][] inner = subproof(m, k, b, proof, end, root1);
      return inner == null ? null : new byte[][] {inner[0], MerkleTree.nodeHash(inner[1], sibling)};
    }
    byte[][] inner = subproof(m - k, n - k, false, proof, end, root1);
    return inner == null
        ? null
        : new byte[][] {
          MerkleTree.nodeHash(sibling, inner[0]), MerkleTree.nodeHash(sibling, inner[1])
        };
  }

  private static boolean wellFormed(List<byte[]> proof) {
    return proof.size() <= MAX_PROOF && proof.stream().allMatch(ReferenceProofs::isHash);
  }

  private static boolean isHash(byte[] bytes) {
    return bytes != null && bytes.length == HASH;
  }

  static boolean same(byte[] a, byte[] b) {
    return MessageDigest.isEqual(a, b);
  }
}
