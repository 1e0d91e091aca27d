package fr.vigie.audit;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Iterator;
import java.util.NoSuchElementException;

/** The stored checkpoints by increasing tree size, fetched a thousand at a time. */
final class CheckpointCursor implements Iterator<Checkpoint>, AutoCloseable {
  /** A checkpoint row that could not be read; the verifier reports the log as unreadable. */
  static final class Unreadable extends RuntimeException {
    Unreadable(SQLException cause) {
      super("the audit checkpoints cannot be read", cause);
    }
  }

  private final PreparedStatement select;
  private final ResultSet rows;
  private Boolean hasNext;

  /** Reads within the connection's transaction, which must not auto-commit. */
  CheckpointCursor(Connection c) throws SQLException {
    select =
        c.prepareStatement(
            "select " + Checkpoints.columns() + " from audit_checkpoint order by tree_size");
    select.setFetchSize(1_000);
    rows = select.executeQuery();
  }

  @Override
  public boolean hasNext() {
    if (hasNext == null) {
      try {
        hasNext = rows.next();
      } catch (SQLException e) {
        throw new Unreadable(e);
      }
    }
    return hasNext;
  }

  @Override
  public Checkpoint next() {
    if (!hasNext()) {
      throw new NoSuchElementException();
    }
    hasNext = null;
    try {
      return Checkpoints.read(rows);
    } catch (SQLException e) {
      throw new Unreadable(e);
    }
  }

  @Override
  public void close() throws SQLException {
    rows.close();
    select.close();
  }
}
