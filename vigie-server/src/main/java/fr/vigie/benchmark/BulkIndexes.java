package fr.vigie.benchmark;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * The secondary indexes of {@code audit_entry} (subject, actor, organization), set aside while a
 * benchmark grows the log and built again whole afterwards, as PostgreSQL's documentation advises
 * for a bulk load ("Populating a Database": remove indexes, load, create them again). The indexes
 * come back from their own definitions as the migrations made them, so the scope reads the same
 * indexes as a live log's; the primary key stays.
 */
final class BulkIndexes {
  private final List<String> definitions;

  private BulkIndexes(List<String> definitions) {
    this.definitions = List.copyOf(definitions);
  }

  /** Drops the table's indexes other than its primary key, remembering their definitions. */
  static BulkIndexes setAside(Connection owner) throws SQLException {
    List<String> names = new ArrayList<>();
    List<String> definitions = new ArrayList<>();
    try (PreparedStatement select =
            owner.prepareStatement(
                "select i.indexname, i.indexdef from pg_indexes i"
                    + " join pg_class c on c.relname = i.indexname"
                    + " join pg_index x on x.indexrelid = c.oid"
                    + " where i.schemaname = current_schema() and i.tablename = 'audit_entry'"
                    + " and not x.indisprimary order by i.indexname");
        ResultSet rows = select.executeQuery()) {
      while (rows.next()) {
        names.add(rows.getString(1));
        definitions.add(rows.getString(2));
      }
    }
    try (Statement ddl = owner.createStatement()) {
      for (String name : names) {
        // Names read from the catalog just above, quoted as identifiers.
        ddl.execute("drop index \"" + name.replace("\"", "\"\"") + "\"");
      }
    }
    return new BulkIndexes(definitions);
  }

  /** Builds the indexes set aside again, from their definitions, and refreshes the statistics. */
  void restore(Connection owner) throws SQLException {
    try (Statement ddl = owner.createStatement()) {
      ddl.execute("set maintenance_work_mem = '1GB'");
      for (String definition : definitions) {
        // PostgreSQL's own pg_get_indexdef text for an index it held a moment ago.
        ddl.execute(definition);
      }
      ddl.execute("analyze audit_entry");
    }
  }
}
