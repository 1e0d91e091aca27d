package fr.vigie.audit;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.postgresql.PGConnection;

/** The audit_entry table. Every statement binds its parameters; entries go in by binary COPY. */
final class AuditStore {
  /** The advisory lock that serializes appenders, across processes: "VIGIEAUD". */
  private static final long APPEND_LOCK = 0x5649474945415544L;

  private static final int FETCH = 10_000;

  /**
   * The lock, then the rows, inserted only if the table ends just before them. Sent in autocommit
   * as one extended-protocol exchange with one Sync: PostgreSQL runs both statements in one
   * implicit transaction, so the lock is held while the end is checked and the rows go in, and
   * commits it, durably, before it answers. The rows travel as bound arrays.
   */
  private static final String APPEND_AT_END =
      "select pg_advisory_xact_lock(?);"
          + " insert into audit_entry (idx, at, entry, leaf_hash, subject, actor, organization)"
          + " select r.idx, r.at, r.entry, r.leaf_hash, r.subject, r.actor, r.organization"
          + " from unnest(?::int8[], ?::timestamptz[], ?::bytea[], ?::bytea[], ?::uuid[],"
          + " ?::bytea[], ?::bytea[])"
          + " as r (idx, at, entry, leaf_hash, subject, actor, organization)"
          + " where (select coalesce(max(idx), -1) from audit_entry) = ?";

  private final DataSource dataSource;

  AuditStore(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  /** A connection in a transaction of its own. */
  Connection begin() throws SQLException {
    Connection c = dataSource.getConnection();
    c.setAutoCommit(false);
    return c;
  }

  /** A connection in autocommit, for {@link #appendAtEnd}. */
  Connection connection() throws SQLException {
    Connection c = dataSource.getConnection();
    c.setAutoCommit(true);
    return c;
  }

  /**
   * Appends {@code rows} and commits them in one round trip if the table ends just before their
   * first index; otherwise writes nothing and returns false (another process appended, or a commit
   * this one could not confirm did happen): the caller then catches up under the lock.
   *
   * @param c a connection in autocommit
   */
  static boolean appendAtEnd(Connection c, EntryRows rows) throws SQLException {
    try (PreparedStatement append = c.prepareStatement(APPEND_AT_END)) {
      append.setLong(1, APPEND_LOCK);
      // Primitive arrays go through the driver's own method.
      append.setArray(2, c.unwrap(PGConnection.class).createArrayOf("int8", rows.indexes));
      append.setArray(3, c.createArrayOf("timestamptz", rows.atTexts()));
      append.setArray(4, c.createArrayOf("bytea", rows.entries));
      append.setArray(5, c.createArrayOf("bytea", rows.leafHashes));
      append.setArray(6, c.createArrayOf("uuid", rows.subjects));
      append.setArray(7, c.createArrayOf("bytea", rows.actors));
      append.setArray(8, c.createArrayOf("bytea", rows.organizations));
      append.setLong(9, rows.first() - 1);
      append.execute();
      append.getMoreResults();
      return append.getUpdateCount() == rows.size();
    }
  }

  /**
   * Waits for the other appenders' transactions, holds them off until this one ends, and returns
   * the highest index stored (-1 if none), in one round trip: the statements run in order, so the
   * maximum is read once the lock is held.
   */
  static long lockForAppend(Connection c) throws SQLException {
    try (PreparedStatement lock =
        c.prepareStatement(
            "select pg_advisory_xact_lock(?); select coalesce(max(idx), -1) from audit_entry")) {
      lock.setLong(1, APPEND_LOCK);
      lock.execute();
      lock.getMoreResults();
      try (ResultSet max = lock.getResultSet()) {
        max.next();
        return max.getLong(1);
      }
    }
  }

  /**
   * Appends to {@code range} the leaf hashes stored from its size up to {@code last}, in order:
   * what another process appended, or a batch whose commit this one could not confirm. A gap means
   * rows were removed; appending past it would build on a log that is not there.
   *
   * @return the latest time among the entries read, in microseconds since the epoch; {@link
   *     Long#MIN_VALUE} when there were none
   */
  static long catchUp(Connection c, CompactRange range, long last) throws SQLException {
    if (last < range.size() - 1) {
      // Rows this log committed are gone from the end: appending would hide that.
      throw new SQLException(
          "audit_entry ends at entry "
              + last
              + " but the log has "
              + range.size()
              + " entries: run 'vigie audit verify'");
    }
    long latest = Long.MIN_VALUE;
    if (last < range.size()) {
      return latest;
    }
    // Both bounds, so that even a generic plan expects few rows and walks the primary key.
    try (PreparedStatement select =
        c.prepareStatement(
            "select idx, leaf_hash, (extract(epoch from at) * 1000000)::int8"
                + " from audit_entry where idx >= ? and idx <= ? order by idx")) {
      select.setFetchSize(FETCH);
      select.setLong(1, range.size());
      select.setLong(2, last);
      try (ResultSet rows = select.executeQuery()) {
        while (rows.next()) {
          long idx = rows.getLong(1);
          byte[] leafHash = rows.getBytes(2);
          if (idx != range.size() || leafHash.length != MerkleTree.HASH_BYTES) {
            break;
          }
          range.append(leafHash);
          latest = Math.max(latest, rows.getLong(3));
        }
      }
    }
    if (range.size() != last + 1) {
      throw new SQLException(
          "audit_entry is not contiguous at entry " + range.size() + ": run 'vigie audit verify'");
    }
    return latest;
  }

  static void copyIn(Connection c, byte[] rows) throws SQLException {
    try {
      c.unwrap(PGConnection.class)
          .getCopyAPI()
          .copyIn(EntryCopy.SQL, new ByteArrayInputStream(rows));
    } catch (IOException e) {
      throw new SQLException("COPY failed while reading from memory", e);
    }
  }

  /** The Merkle root of entries {@code [from, to)}, streamed from the table. */
  byte[] rangeRoot(long from, long to) throws SQLException {
    try (Connection c = begin();
        PreparedStatement select =
            c.prepareStatement(
                "select leaf_hash from audit_entry where idx >= ? and idx < ? order by idx")) {
      select.setFetchSize(FETCH);
      select.setLong(1, from);
      select.setLong(2, to);
      CompactRange range = new CompactRange();
      try (ResultSet rows = select.executeQuery()) {
        while (rows.next()) {
          range.append(rows.getBytes(1));
        }
      }
      c.commit();
      if (range.size() != to - from) {
        throw new SQLException("audit_entry is missing rows between " + from + " and " + to);
      }
      return range.root();
    }
  }

  byte[] leafHash(long index) throws SQLException {
    try (Connection c = dataSource.getConnection();
        PreparedStatement select =
            c.prepareStatement("select leaf_hash from audit_entry where idx = ?")) {
      select.setLong(1, index);
      try (ResultSet rows = select.executeQuery()) {
        if (!rows.next()) {
          throw new SQLException("audit_entry has no entry " + index);
        }
        return rows.getBytes(1);
      }
    }
  }
}
