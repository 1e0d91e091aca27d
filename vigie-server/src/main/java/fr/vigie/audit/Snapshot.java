package fr.vigie.audit;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Puts two connections in transactions that see the same snapshot, so that the entries and the
 * checkpoints read side by side agree while a running Vigie goes on appending.
 */
final class Snapshot {
  private Snapshot() {}

  static void share(Connection exporter, Connection importer) throws SQLException {
    for (Connection c : new Connection[] {exporter, importer}) {
      c.setAutoCommit(false);
      c.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
    }
    String id;
    try (Statement s = exporter.createStatement();
        ResultSet rows = s.executeQuery("select pg_export_snapshot()")) {
      rows.next();
      id = rows.getString(1);
    }
    // SET TRANSACTION SNAPSHOT takes a literal, not a parameter: the id comes from the server
    // and is checked to be hexadecimal digits and dashes before it is written in.
    if (!id.matches("[0-9A-Fa-f-]{1,64}")) {
      throw new SQLException("unexpected snapshot id from the server");
    }
    try (Statement s = importer.createStatement()) {
      s.execute("set transaction snapshot '" + id + "'");
    }
  }
}
