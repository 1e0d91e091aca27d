package fr.vigie.registry;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The {@code registry_backfill} row of the birth-name index backfill and the persons it still has
 * to visit: ids and counts only. Every statement binds its parameters.
 */
final class BirthNameBackfill {
  static final String NAME = "birth_name_index";

  /** The persons still to visit after a cursor (bound twice): not erased, without the index. */
  private static final String WAITING =
      " from person where erased_at is null and birth_name_index is null"
          + " and (?::uuid is null or id > ?::uuid)";

  private BirthNameBackfill() {}

  /** Where a run stands: the last person finished, the counts, whether it ended. */
  record Cursor(UUID after, long visited, long filled, boolean finished) {}

  /** The cursor, created at the start if there is none; locked until the transaction ends. */
  static Cursor lock(Connection c) throws SQLException {
    try (PreparedStatement insert =
        c.prepareStatement(
            "insert into registry_backfill (name, started_at) values (?, now())"
                + " on conflict (name) do nothing")) {
      insert.setString(1, NAME);
      insert.executeUpdate();
    }
    try (PreparedStatement select =
        c.prepareStatement(
            "select after_id, visited, filled, finished_at is not null from registry_backfill"
                + " where name = ? for update")) {
      select.setString(1, NAME);
      try (ResultSet row = select.executeQuery()) {
        row.next();
        return new Cursor(
            row.getObject(1, UUID.class), row.getLong(2), row.getLong(3), row.getBoolean(4));
      }
    }
  }

  static void save(Connection c, Cursor cursor) throws SQLException {
    try (PreparedStatement update =
        c.prepareStatement(
            "update registry_backfill set after_id = ?, visited = ?, filled = ?,"
                + " finished_at = case when ? then now() end where name = ?")) {
      update.setObject(1, cursor.after());
      update.setLong(2, cursor.visited());
      update.setLong(3, cursor.filled());
      update.setBoolean(4, cursor.finished());
      update.setString(5, NAME);
      update.executeUpdate();
    }
  }

  /** The next persons without a birth-name index, after {@code after}, in id order. */
  static List<PersonId> next(Connection c, UUID after, int limit) throws SQLException {
    try (PreparedStatement select =
        c.prepareStatement("select id" + WAITING + " order by id limit ?")) {
      select.setObject(1, after);
      select.setObject(2, after);
      select.setInt(3, limit);
      List<PersonId> ids = new ArrayList<>();
      try (ResultSet rows = select.executeQuery()) {
        while (rows.next()) {
          ids.add(new PersonId(rows.getObject(1, UUID.class)));
        }
      }
      return ids;
    }
  }

  /** Persons without a birth-name index at all, for the progress's total. */
  static long remaining(Connection c, UUID after) throws SQLException {
    try (PreparedStatement select = c.prepareStatement("select count(*)" + WAITING)) {
      select.setObject(1, after);
      select.setObject(2, after);
      try (ResultSet row = select.executeQuery()) {
        row.next();
        return row.getLong(1);
      }
    }
  }

  static void set(Connection c, PersonId id, byte[] index) throws SQLException {
    try (PreparedStatement update =
        c.prepareStatement(
            "update person set birth_name_index = ? where id = ? and erased_at is null")) {
      update.setBytes(1, index);
      update.setObject(2, id.value());
      update.executeUpdate();
    }
  }
}
