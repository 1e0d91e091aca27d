package fr.vigie.audit;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.postgresql.PGConnection;

/** The audit_node table: stored subtree hashes, written once, read by key. Bound arrays only. */
final class AuditNodes {
  private AuditNodes() {}

  /** A node's key: its height and index. */
  record Key(int height, long index) {}

  /** Stores {@code nodes}; one already there (another process, a retried batch) stays. */
  static void insert(Connection c, List<AuditNode> nodes) throws SQLException {
    if (nodes.isEmpty()) {
      return;
    }
    int n = nodes.size();
    long[] heights = new long[n];
    long[] indexes = new long[n];
    byte[][] hashes = new byte[n][];
    for (int i = 0; i < n; i++) {
      heights[i] = nodes.get(i).height();
      indexes[i] = nodes.get(i).index();
      hashes[i] = nodes.get(i).hash();
    }
    try (PreparedStatement insert =
        c.prepareStatement(
            "insert into audit_node (height, idx, hash)"
                + " select * from unnest(?::int2[], ?::int8[], ?::bytea[])"
                + " on conflict do nothing")) {
      PGConnection pg = c.unwrap(PGConnection.class);
      insert.setArray(1, pg.createArrayOf("int8", heights));
      insert.setArray(2, pg.createArrayOf("int8", indexes));
      insert.setArray(3, c.createArrayOf("bytea", hashes));
      insert.executeUpdate();
    }
  }

  /** The stored hashes of {@code keys}; absent ones are not in the answer. */
  static Map<Key, byte[]> select(Connection c, Collection<Key> keys) throws SQLException {
    Map<Key, byte[]> found = new HashMap<>();
    if (keys.isEmpty()) {
      return found;
    }
    long[] heights = keys.stream().mapToLong(Key::height).toArray();
    long[] indexes = keys.stream().mapToLong(Key::index).toArray();
    try (PreparedStatement select =
        c.prepareStatement(
            "select n.height, n.idx, n.hash from unnest(?::int2[], ?::int8[]) as k (height, idx)"
                + " join audit_node n on n.height = k.height and n.idx = k.idx")) {
      PGConnection pg = c.unwrap(PGConnection.class);
      select.setArray(1, pg.createArrayOf("int8", heights));
      select.setArray(2, pg.createArrayOf("int8", indexes));
      try (ResultSet rows = select.executeQuery()) {
        while (rows.next()) {
          found.put(new Key(rows.getInt(1), rows.getLong(2)), rows.getBytes(3));
        }
      }
    }
    return found;
  }

  /** The leaf hashes of the tiles {@code tiles} (of {@link AuditNode#TILE} leaves), by index. */
  static Map<Long, byte[]> leaves(Connection c, Collection<Long> tiles) throws SQLException {
    Map<Long, byte[]> found = new HashMap<>();
    if (tiles.isEmpty()) {
      return found;
    }
    try (PreparedStatement select =
        c.prepareStatement(
            "select e.idx, e.leaf_hash from unnest(?::int8[]) as t (tile)"
                + " join audit_entry e on e.idx >= t.tile * ? and e.idx < (t.tile + 1) * ?")) {
      select.setFetchSize(10_000);
      select.setArray(
          1,
          c.unwrap(PGConnection.class)
              .createArrayOf("int8", tiles.stream().mapToLong(Long::longValue).toArray()));
      select.setLong(2, AuditNode.TILE);
      select.setLong(3, AuditNode.TILE);
      try (ResultSet rows = select.executeQuery()) {
        while (rows.next()) {
          found.put(rows.getLong(1), rows.getBytes(2));
        }
      }
    }
    return found;
  }
}
