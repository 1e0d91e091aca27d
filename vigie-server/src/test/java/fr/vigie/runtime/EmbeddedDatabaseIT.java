package fr.vigie.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The embedded server as {@code ./vigie} runs it: every connection proves a password, the passwords
 * are in owner-only files next to the keys, and a data directory made by an older Vigie (which
 * trusted every local connection) stops trusting on its first start.
 */
class EmbeddedDatabaseIT {
  @TempDir Path data;

  @Test
  void connect_withoutPassword_isRefused() throws Exception {
    try (EmbeddedDatabase database = start()) {
      assertRefused(database, EmbeddedDatabase.SUPERUSER, null);
      assertRefused(database, EmbeddedDatabase.APP_ROLE, null);
    }
  }

  @Test
  void connect_withWrongPassword_isRefused() throws Exception {
    try (EmbeddedDatabase database = start()) {
      assertRefused(database, EmbeddedDatabase.SUPERUSER, "not-the-password");
      assertRefused(database, EmbeddedDatabase.APP_ROLE, database.superuser().password());
    }
  }

  @Test
  void connect_withTheFilesPasswords_succeeds() throws Exception {
    try (EmbeddedDatabase database = start()) {
      assertThat(currentUser(database, database.superuser())).isEqualTo("postgres");
      assertThat(currentUser(database, database.app())).isEqualTo("vigie_app");
      assertThat(database.superuser().password())
          .isEqualTo(Files.readString(keys().resolve("database-superuser.password")).strip());
    }
  }

  @Test
  void start_fresh_writesOwnerOnlyPasswordFilesAndNoTrustRule() throws Exception {
    try (EmbeddedDatabase database = start()) {
      for (String file : new String[] {"database-superuser.password", "database-app.password"}) {
        assertThat(
                PosixFilePermissions.toString(Files.getPosixFilePermissions(keys().resolve(file))))
            .as(file)
            .isEqualTo("rw-------");
      }
      assertThat(HostBasedAuthentication.trustsAnyone(data.resolve("postgres"))).isFalse();
      assertThat(Files.readString(data.resolve("postgres").resolve("pg_hba.conf")))
          .contains("scram-sha-256");
    }
  }

  @Test
  void appRole_hasNoPowers() throws Exception {
    try (EmbeddedDatabase database = start();
        Connection c = database.connectAsSuperuser("postgres");
        Statement s = c.createStatement();
        ResultSet role =
            s.executeQuery(
                "select rolsuper, rolcreatedb, rolcreaterole, rolreplication, rolbypassrls"
                    + " from pg_roles where rolname = 'vigie_app'")) {
      assertThat(role.next()).isTrue();
      for (int column = 1; column <= 5; column++) {
        assertThat(role.getBoolean(column)).as("column %d", column).isFalse();
      }
    }
  }

  @Test
  void start_onDataOfOlderVigie_requiresPasswordsFromThenOn() throws Exception {
    int port = freePort();
    Path postgres = data.resolve("postgres");
    // What an older Vigie left: initdb's "trust" for every local connection, no password files.
    try (EmbeddedPostgres older =
        EmbeddedPostgres.builder()
            .setDataDirectory(postgres)
            .setCleanDataDirectory(false)
            .setPort(port)
            .start()) {
      try (Connection c =
          DriverManager.getConnection(
              "jdbc:postgresql://localhost:" + port + "/postgres", "postgres", "")) {
        c.createStatement().execute("create database vigie");
      }
    }
    assertThat(HostBasedAuthentication.trustsAnyone(postgres)).isTrue();

    try (EmbeddedDatabase database = EmbeddedDatabase.startOrAttach(postgres, keys(), port)) {
      assertRefused(database, EmbeddedDatabase.SUPERUSER, null);
      assertRefused(database, EmbeddedDatabase.SUPERUSER, "wrong");
      assertThat(currentUser(database, database.superuser())).isEqualTo("postgres");
      assertThat(HostBasedAuthentication.trustsAnyone(postgres)).isFalse();
    }
    // And the next start, with the files it wrote, still gets in.
    try (EmbeddedDatabase again = EmbeddedDatabase.startOrAttach(postgres, keys(), port)) {
      assertThat(currentUser(again, again.app())).isEqualTo("vigie_app");
      assertRefused(again, EmbeddedDatabase.APP_ROLE, null);
    }
  }

  @Test
  void start_withPasswordFileReadableByOthers_refusesToStart() throws Exception {
    Path file = keys().resolve("database-superuser.password");
    Files.createDirectories(keys());
    Files.writeString(file, PasswordFile.generate());
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));

    assertThatThrownBy(() -> start())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("readable by others");
  }

  @Test
  void databaseLogin_toString_hidesThePassword() {
    DatabaseLogin login = new DatabaseLogin("vigie_app", "s3cret-password-value");

    assertThat(login.toString()).doesNotContain("s3cret").contains("vigie_app");
  }

  @Test
  void start_asVigieRunsIt_andForBenchmarks_flushesEveryCommitToDisk() throws Exception {
    try (EmbeddedDatabase database = start()) {
      assertDurable(database);
    }
    try (EmbeddedDatabase database =
        EmbeddedDatabase.startTemporaryDurable(data.resolve("bench"))) {
      assertDurable(database);
    }
  }

  private static void assertDurable(EmbeddedDatabase database) throws SQLException {
    try (Connection c = database.connectAsSuperuser("postgres");
        Statement s = c.createStatement()) {
      for (String setting : new String[] {"fsync", "synchronous_commit", "full_page_writes"}) {
        try (ResultSet value = s.executeQuery("show " + setting)) {
          value.next();
          assertThat(value.getString(1)).as(setting).isEqualTo("on");
        }
      }
    }
  }

  private EmbeddedDatabase start() throws IOException {
    return EmbeddedDatabase.startOrAttach(data.resolve("postgres"), keys(), freePort());
  }

  private Path keys() {
    return data.resolve("keys");
  }

  private static String currentUser(EmbeddedDatabase database, DatabaseLogin login)
      throws SQLException {
    try (Connection c =
            DriverManager.getConnection(
                database.jdbcUrl("postgres"), login.user(), login.password());
        ResultSet rows = c.createStatement().executeQuery("select current_user")) {
      rows.next();
      return rows.getString(1);
    }
  }

  private static void assertRefused(EmbeddedDatabase database, String user, String password) {
    Properties properties = new Properties();
    properties.setProperty("user", user);
    if (password != null) {
      properties.setProperty("password", password);
    }
    assertThatThrownBy(
            () -> DriverManager.getConnection(database.jdbcUrl("postgres"), properties).close())
        .isInstanceOf(SQLException.class)
        .satisfies(
            e ->
                assertThat(((SQLException) e).getSQLState())
                    .as(e.getMessage())
                    // 28P01 wrong password; 08004 the server asked for a password none was given.
                    .isIn("28P01", "08004"));
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
