package fr.vigie.audit;

import fr.vigie.crypto.AuditSigner;
import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * The audit_checkpoint table: signs and stores a checkpoint whenever the tree grew since the last
 * one this process made, with the frontier that lets a restart resume from it.
 */
final class Checkpoints {
  private static final String COLUMNS = "origin, tree_size, root, at, key_id, signature";

  private final DataSource dataSource;
  private final AuditSigner signer;
  private final String origin;
  private final Clock clock;
  private long lastSize = -1;

  Checkpoints(DataSource dataSource, AuditSigner signer, String origin, Clock clock) {
    this.dataSource = dataSource;
    this.signer = signer;
    this.origin = Checkpoint.checkOrigin(origin);
    this.clock = clock;
  }

  /** A checkpoint as stored, with the tree's frontier at its size. */
  record Stored(Checkpoint checkpoint, List<byte[]> frontier) {}

  /** Signs and stores the tree unless its size was checkpointed already; one at a time. */
  synchronized void signIfGrown(CompactRange tree) throws SQLException, GeneralSecurityException {
    if (tree.size() == lastSize) {
      return;
    }
    Checkpoint checkpoint =
        Checkpoint.sign(origin, tree.size(), tree.root(), clock.instant(), signer);
    ByteBuffer frontier = ByteBuffer.allocate(Long.bitCount(tree.size()) * MerkleTree.HASH_BYTES);
    tree.frontier().forEach(frontier::put);
    try (Connection c = dataSource.getConnection();
        PreparedStatement insert =
            c.prepareStatement(
                "insert into audit_checkpoint ("
                    + COLUMNS
                    + ", frontier)"
                    + " values (?, ?, ?, ?, ?, ?, ?) on conflict (tree_size) do nothing")) {
      insert.setString(1, checkpoint.origin());
      insert.setLong(2, checkpoint.treeSize());
      insert.setBytes(3, checkpoint.root());
      insert.setObject(4, OffsetDateTime.ofInstant(checkpoint.at(), ZoneOffset.UTC));
      insert.setLong(5, checkpoint.keyId());
      insert.setBytes(6, checkpoint.signature());
      insert.setBytes(7, frontier.array());
      // Another process may have signed this size first: theirs stands.
      insert.executeUpdate();
    }
    lastSize = tree.size();
  }

  String verifierKey() {
    return Checkpoint.verifierKey(origin, signer.publicKey());
  }

  Optional<Checkpoint> latest() throws SQLException {
    try (Connection c = dataSource.getConnection()) {
      return latest(c).map(Stored::checkpoint);
    }
  }

  static Optional<Stored> latest(Connection c) throws SQLException {
    try (PreparedStatement select =
            c.prepareStatement(
                "select "
                    + COLUMNS
                    + ", frontier"
                    + " from audit_checkpoint order by tree_size desc limit 1");
        ResultSet rows = select.executeQuery()) {
      if (!rows.next()) {
        return Optional.empty();
      }
      return Optional.of(stored(rows));
    }
  }

  /** The checkpoint and its frontier in the current row: {@link #columns}, then frontier. */
  static Stored stored(ResultSet rows) throws SQLException {
    List<byte[]> frontier = new ArrayList<>();
    ByteBuffer packed = ByteBuffer.wrap(rows.getBytes(7));
    while (packed.remaining() >= MerkleTree.HASH_BYTES) {
      byte[] hash = new byte[MerkleTree.HASH_BYTES];
      packed.get(hash);
      frontier.add(hash);
    }
    return new Stored(read(rows), frontier);
  }

  /** The select list of every query that reads checkpoints with {@link #read}. */
  static String columns() {
    return COLUMNS;
  }

  /** The checkpoint in the current row, whose first columns are {@link #columns}. */
  static Checkpoint read(ResultSet rows) throws SQLException {
    return new Checkpoint(
        rows.getString(1),
        rows.getLong(2),
        rows.getBytes(3),
        rows.getObject(4, OffsetDateTime.class).toInstant(),
        rows.getLong(5),
        rows.getBytes(6));
  }
}
