package fr.vigie.runtime;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.postgresql.PGConnection;

/**
 * The role the application connects as: it can log in and nothing more. It owns no table; the
 * migration {@code V35} grants it the rows it works on, and on the audit log only INSERT and
 * SELECT, so that neither the application nor whoever takes it over can rewrite history.
 */
final class AppRole {
  static final String NAME = "vigie_app";

  private AppRole() {}

  /** Creates the role if missing, strips any power it may have been given, sets its password. */
  static void ensure(Connection superuser, String password) throws SQLException {
    boolean exists;
    try (PreparedStatement query =
        superuser.prepareStatement("select 1 from pg_roles where rolname = ?")) {
      query.setString(1, NAME);
      try (ResultSet rows = query.executeQuery()) {
        exists = rows.next();
      }
    }
    try (Statement ddl = superuser.createStatement()) {
      // A role name cannot be a bound parameter; this one is a constant.
      ddl.execute(
          (exists ? "alter role " : "create role ")
              + NAME
              + " login nosuperuser nocreatedb nocreaterole noreplication nobypassrls");
    }
    setPassword(superuser, NAME, password);
  }

  /**
   * Sets a role's password as a SCRAM-SHA-256 verifier computed by the driver: the password itself
   * never travels in an SQL text that the server could log.
   */
  static void setPassword(Connection superuser, String role, String password) throws SQLException {
    superuser
        .unwrap(PGConnection.class)
        .alterUserPassword(role, password.toCharArray(), "scram-sha-256");
  }
}
