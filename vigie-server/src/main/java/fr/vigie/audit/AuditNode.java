package fr.vigie.audit;

/**
 * The hash of the aligned perfect subtree of 2^height leaves that holds entries {@code [index *
 * 2^height, (index + 1) * 2^height)}: a row of {@code audit_node}.
 */
record AuditNode(int height, long index, byte[] hash) {
  /** Below this height, subtree hashes are recomputed from the leaves of their tile. */
  static final int MIN_HEIGHT = 6;

  /** Leaves of a tile: the smallest stored subtree. */
  static final long TILE = 1L << MIN_HEIGHT;

  long firstLeaf() {
    return index << height;
  }
}
