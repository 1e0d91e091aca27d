package fr.vigie.audit;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Inclusion proofs of a few entries in a large tree, from the stored subtree hashes ({@code
 * audit_node}) and the leaf hashes of the entries' tiles, instead of from the whole tree: about
 * log2(n) stored hashes and one tile of leaves per entry. What it reads is not trusted: the caller
 * checks each proof against a signed root. A subtree whose hash is not stored yet is computed from
 * its leaves, and kept to be stored once the proofs held.
 */
final class SubtreeHashes {
  private final Connection c;
  private final Map<AuditNodes.Key, byte[]> nodes = new HashMap<>();
  private final Map<Long, byte[]> leaves = new HashMap<>();
  private final Set<Long> tilesRead = new HashSet<>();
  private final List<AuditNode> computed = new ArrayList<>();

  SubtreeHashes(Connection c) {
    this.c = c;
  }

  /** Reads, in two queries, the stored hashes and tiles that these leaves' proofs need. */
  void prefetch(long[] indexes, long treeSize) throws SQLException {
    Set<AuditNodes.Key> keys = new HashSet<>();
    Set<Long> tiles = new HashSet<>();
    for (long index : indexes) {
      tiles.add(index / AuditNode.TILE);
      for (ProofRanges.Range r : ProofRanges.inclusion(index, treeSize)) {
        plan(r.from(), r.to(), keys, tiles);
      }
    }
    nodes.putAll(AuditNodes.select(c, keys));
    readTiles(tiles);
  }

  /** The inclusion proof of leaf {@code index} in the tree of {@code treeSize}, leaf up. */
  List<byte[]> inclusionProof(long index, long treeSize) throws SQLException {
    List<byte[]> proof = new ArrayList<>();
    for (ProofRanges.Range r : ProofRanges.inclusion(index, treeSize)) {
      proof.add(root(r.from(), r.to()));
    }
    return proof;
  }

  /** The subtrees computed because they were not stored: to store once the proofs held. */
  List<AuditNode> computed() {
    return computed;
  }

  /** Leaves read, for the report. */
  long leavesRead() {
    return leaves.size();
  }

  private static void plan(long from, long to, Set<AuditNodes.Key> keys, Set<Long> tiles) {
    long n = to - from;
    int height = Long.numberOfTrailingZeros(n);
    if (perfect(from, n) && height >= AuditNode.MIN_HEIGHT) {
      keys.add(new AuditNodes.Key(height, from >>> height));
    } else if (perfect(from, n)) {
      tiles.add(from / AuditNode.TILE);
    } else {
      long k = ProofRanges.largestPowerOfTwoBelow(n);
      plan(from, from + k, keys, tiles);
      plan(from + k, to, keys, tiles);
    }
  }

  /** The RFC 6962 hash of leaves {@code [from, to)}. */
  private byte[] root(long from, long to) throws SQLException {
    long n = to - from;
    if (n == 1) {
      return leaf(from);
    }
    int height = Long.numberOfTrailingZeros(n);
    if (perfect(from, n) && height >= AuditNode.MIN_HEIGHT) {
      AuditNodes.Key key = new AuditNodes.Key(height, from >>> height);
      byte[] stored = nodes.get(key);
      return stored != null ? stored : fromLeaves(from, to);
    }
    long k = ProofRanges.largestPowerOfTwoBelow(n);
    return MerkleTree.nodeHash(root(from, from + k), root(from + k, to));
  }

  private byte[] leaf(long index) throws SQLException {
    byte[] hash = leaves.get(index);
    if (hash == null) {
      readTiles(Set.of(index / AuditNode.TILE));
      hash = leaves.get(index);
    }
    if (hash == null) {
      throw new SQLException("audit_entry has no entry " + index + ": run 'vigie audit verify'");
    }
    return hash;
  }

  /** A subtree not stored: its leaves in one range read, and every stored-size node inside it. */
  private byte[] fromLeaves(long from, long to) throws SQLException {
    CompactRange range = new CompactRange();
    range.collectNodes();
    try (PreparedStatement select =
        c.prepareStatement(
            "select idx, leaf_hash from audit_entry where idx >= ? and idx < ? order by idx")) {
      select.setFetchSize(10_000);
      select.setLong(1, from);
      select.setLong(2, to);
      try (ResultSet rows = select.executeQuery()) {
        while (rows.next() && rows.getLong(1) == from + range.size()) {
          range.append(rows.getBytes(2));
        }
      }
    }
    if (range.size() != to - from) {
      throw new SQLException(
          "audit_entry is not contiguous at entry "
              + (from + range.size())
              + ": run 'vigie audit verify'");
    }
    int shift = Long.numberOfTrailingZeros(to - from);
    for (AuditNode local : range.drainNodes()) {
      // Indexes within the range, made absolute: the range starts on a multiple of its size.
      long index = (from >>> local.height()) + local.index();
      AuditNode node = new AuditNode(local.height(), index, local.hash());
      nodes.put(new AuditNodes.Key(node.height(), node.index()), node.hash());
      computed.add(node);
    }
    return nodes.get(new AuditNodes.Key(shift, from >>> shift));
  }

  private void readTiles(Set<Long> tiles) throws SQLException {
    Set<Long> unread = new HashSet<>(tiles);
    unread.removeAll(tilesRead);
    leaves.putAll(AuditNodes.leaves(c, unread));
    tilesRead.addAll(unread);
  }

  private static boolean perfect(long from, long n) {
    return Long.bitCount(n) == 1 && from % n == 0;
  }
}
