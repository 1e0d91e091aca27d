package fr.vigie.audit;

import java.util.ArrayList;
import java.util.List;

/**
 * The right frontier of a Merkle tree of {@code size} leaves: the roots of its perfect subtrees,
 * one per bit set in {@code size}. Enough to append a leaf and compute the root in O(log n), and
 * all that the audit log keeps in memory.
 */
final class CompactRange {
  /**
   * {@code levels[h]} is the root of the perfect subtree of 2^h leaves when bit h of size is set.
   */
  private final byte[][] levels = new byte[64][];

  private long size;

  /** The stored subtrees completed since {@link #collectNodes}, or null when not collecting. */
  private List<AuditNode> completed;

  long size() {
    return size;
  }

  void append(byte[] leafHash) {
    byte[] hash = leafHash;
    int level = 0;
    for (long s = size; (s & 1) == 1; s >>>= 1, level++) {
      hash = MerkleTree.nodeHash(levels[level], hash);
      levels[level] = null;
      if (completed != null && level + 1 >= AuditNode.MIN_HEIGHT) {
        completed.add(new AuditNode(level + 1, size >>> (level + 1), hash));
      }
    }
    levels[level] = hash;
    size++;
  }

  /** The RFC 6962 root of the leaves appended so far. */
  byte[] root() {
    byte[] root = null;
    // Smaller subtrees hold later leaves: fold from the right.
    for (byte[] subtree : levels) {
      if (subtree != null) {
        root = root == null ? subtree : MerkleTree.nodeHash(subtree, root);
      }
    }
    return root == null ? MerkleTree.emptyRoot() : root;
  }

  /** From now on, remembers each perfect subtree of {@link AuditNode#MIN_HEIGHT} or more. */
  void collectNodes() {
    if (completed == null) {
      completed = new ArrayList<>();
    }
  }

  /** The subtrees completed since the last call, to store; empty when not collecting. */
  List<AuditNode> drainNodes() {
    if (completed == null || completed.isEmpty()) {
      return List.of();
    }
    List<AuditNode> nodes = completed;
    completed = new ArrayList<>();
    return nodes;
  }

  CompactRange copy() {
    CompactRange copy = new CompactRange();
    System.arraycopy(levels, 0, copy.levels, 0, levels.length);
    copy.size = size;
    return copy;
  }

  /** The subtree roots, largest (leftmost) first. */
  List<byte[]> frontier() {
    List<byte[]> frontier = new ArrayList<>();
    for (int level = levels.length - 1; level >= 0; level--) {
      if (levels[level] != null) {
        frontier.add(levels[level]);
      }
    }
    return frontier;
  }

  /** The range of {@code size} leaves whose subtree roots are {@code frontier}, largest first. */
  static CompactRange of(long size, List<byte[]> frontier) {
    if (size < 0 || Long.bitCount(size) != frontier.size()) {
      throw new IllegalArgumentException(
          "a tree of " + size + " leaves has " + Long.bitCount(Math.max(0, size)) + " subtrees");
    }
    CompactRange range = new CompactRange();
    int next = 0;
    for (int level = 63; level >= 0; level--) {
      if ((size >>> level & 1) == 1) {
        range.levels[level] = frontier.get(next++).clone();
      }
    }
    range.size = size;
    return range;
  }
}
