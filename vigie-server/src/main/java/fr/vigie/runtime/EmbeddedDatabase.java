package fr.vigie.runtime;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A PostgreSQL server run from the binaries on the class path, keeping its data in a directory of
 * its own, or the one already running on that directory. Every connection proves a password
 * (SCRAM-SHA-256): the superuser's, which only migrations and administration use, or the
 * application role's ({@value AppRole#NAME}), which owns nothing and cannot change the audit log.
 */
public final class EmbeddedDatabase implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(EmbeddedDatabase.class);

  /** The superuser that initdb creates; it owns the schema and runs the migrations. */
  public static final String SUPERUSER = "postgres";

  /** The application's own role. */
  public static final String APP_ROLE = AppRole.NAME;

  static final String SUPERUSER_PASSWORD_FILE = "database-superuser.password";
  static final String APP_PASSWORD_FILE = "database-app.password";

  private final EmbeddedPostgres server;
  private final int port;
  private final DatabaseLogin superuser;
  private final DatabaseLogin app;

  private EmbeddedDatabase(
      EmbeddedPostgres server, int port, DatabaseLogin superuser, DatabaseLogin app) {
    this.server = server;
    this.port = port;
    this.superuser = superuser;
    this.app = app;
  }

  /**
   * Starts PostgreSQL on {@code dataDirectory}, or attaches to the server that already runs on it
   * (the running Vigie, when a command is given while it serves). The passwords are in owner-only
   * files in {@code keysDirectory}, generated on first use; a data directory made by an older
   * Vigie, which trusted every local connection, is switched to passwords on its first start.
   */
  public static EmbeddedDatabase startOrAttach(
      Path dataDirectory, Path keysDirectory, int preferredPort) {
    Path superuserFile = keysDirectory.resolve(SUPERUSER_PASSWORD_FILE);
    DatabaseLogin superuser =
        new DatabaseLogin(SUPERUSER, PasswordFile.readOrCreate(superuserFile));
    DatabaseLogin app =
        new DatabaseLogin(
            APP_ROLE, PasswordFile.readOrCreate(keysDirectory.resolve(APP_PASSWORD_FILE)));
    Optional<Integer> running = runningPort(dataDirectory);
    EmbeddedDatabase database;
    if (running.isPresent()) {
      log.info("Using the PostgreSQL server already running on {}", dataDirectory);
      database = new EmbeddedDatabase(null, running.get(), superuser, app);
    } else {
      try {
        Files.createDirectories(dataDirectory);
        EmbeddedPostgres server =
            builder(superuser, superuserFile)
                .setDataDirectory(dataDirectory)
                .setCleanDataDirectory(false)
                .setPort(preferredPort)
                .setServerConfig("max_connections", "100")
                .setServerConfig("shared_buffers", "512MB")
                .setServerConfig("max_wal_size", "4GB")
                // zonky starts PostgreSQL with -F (no fsync) and synchronous_commit off, for tests;
                // the register's own server writes every commit to disk before it answers.
                .setServerConfig("fsync", "on")
                .setServerConfig("synchronous_commit", "on")
                .start();
        log.info(
            "Started PostgreSQL on port {} with its data in {}", server.getPort(), dataDirectory);
        database = new EmbeddedDatabase(server, server.getPort(), superuser, app);
      } catch (IOException e) {
        throw new UncheckedIOException("Could not start the embedded PostgreSQL", e);
      }
    }
    return database.secured(dataDirectory);
  }

  /** Starts a throw-away server on a fresh temporary directory and a free port, for tests. */
  public static EmbeddedDatabase startTemporary() {
    return startThrowAway(null, false);
  }

  /**
   * Starts a throw-away server in {@code directory} with the same durability as a real one (fsync,
   * synchronous commit), for benchmarks.
   */
  public static EmbeddedDatabase startTemporaryDurable(Path directory) {
    return startThrowAway(directory, true);
  }

  /** Passwords generated for this run only, held in memory; gone with the server. */
  private static EmbeddedDatabase startThrowAway(Path directory, boolean durable) {
    DatabaseLogin superuser = new DatabaseLogin(SUPERUSER, PasswordFile.generate());
    DatabaseLogin app = new DatabaseLogin(APP_ROLE, PasswordFile.generate());
    Path passwordFile = null;
    try {
      passwordFile =
          Files.createTempFile(
              "vigie-pg-",
              ".password",
              PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
      Files.writeString(passwordFile, superuser.password(), StandardCharsets.US_ASCII);
      EmbeddedPostgres.Builder builder = builder(superuser, passwordFile);
      if (durable) {
        Files.createDirectories(directory);
        builder
            .setDataDirectory(directory)
            .setCleanDataDirectory(true)
            .setServerConfig("shared_buffers", "512MB")
            .setServerConfig("max_wal_size", "4GB")
            .setServerConfig("fsync", "on")
            .setServerConfig("synchronous_commit", "on");
      } else {
        builder.setServerConfig("max_connections", "400").setServerConfig("fsync", "off");
      }
      EmbeddedPostgres server = builder.start();
      return new EmbeddedDatabase(server, server.getPort(), superuser, app).secured(null);
    } catch (IOException e) {
      throw new UncheckedIOException("Could not start the embedded PostgreSQL", e);
    } finally {
      deleteQuietly(passwordFile);
    }
  }

  /**
   * A new cluster gets the superuser's password and SCRAM-SHA-256 from initdb itself, so that it
   * never runs a moment with {@code trust}. The zonky builder passes its "locale" settings to
   * initdb as {@code --key=value}; they come after its own {@code -A trust} and override it.
   */
  private static EmbeddedPostgres.Builder builder(DatabaseLogin superuser, Path passwordFile) {
    return quietBuilder()
        .setLocaleConfig("pwfile", passwordFile.toString())
        .setLocaleConfig("auth-host", HostBasedAuthentication.METHOD)
        .setLocaleConfig("auth-local", HostBasedAuthentication.METHOD)
        .setConnectConfig("password", superuser.password());
  }

  /**
   * Switches a data directory that still trusts local connections (made by an older Vigie) to
   * passwords, then makes sure the application role exists with its current password.
   */
  private EmbeddedDatabase secured(Path dataDirectory) {
    try (Connection connection = connectAsSuperuser("postgres")) {
      if (dataDirectory != null && HostBasedAuthentication.trustsAnyone(dataDirectory)) {
        log.warn(
            "The PostgreSQL server in {} trusted local connections: requiring passwords now",
            dataDirectory);
        AppRole.setPassword(connection, SUPERUSER, superuser.password());
        HostBasedAuthentication.requirePasswords(dataDirectory);
        try (Statement reload = connection.createStatement()) {
          reload.execute("select pg_reload_conf()");
        }
      }
      AppRole.ensure(connection, app.password());
      return this;
    } catch (SQLException e) {
      close();
      throw new IllegalStateException(
          "Could not sign in to the embedded PostgreSQL as its superuser: check "
              + SUPERUSER_PASSWORD_FILE
              + " in the keys directory",
          e);
    }
  }

  /**
   * A builder whose server keeps statements and their errors out of its log, which the embedded
   * server's process output copies into the application's log: an error message or a failed
   * statement can quote the values it was given. Errors still reach the client that caused them;
   * the server's own LOG, FATAL and PANIC messages (start, stop, crashes) are still logged.
   */
  private static EmbeddedPostgres.Builder quietBuilder() {
    return EmbeddedPostgres.builder()
        .setServerConfig("log_min_messages", "log")
        .setServerConfig("log_min_error_statement", "panic")
        .setServerConfig("log_statement", "none");
  }

  public String jdbcUrl(String database) {
    return "jdbc:postgresql://localhost:" + port + "/" + database;
  }

  public int port() {
    return port;
  }

  /** The superuser, for migrations and administration only. */
  public DatabaseLogin superuser() {
    return superuser;
  }

  /** The application's role: no ownership, and the audit log append-only. */
  public DatabaseLogin app() {
    return app;
  }

  /** A connection as the superuser, outside any pool. */
  public Connection connectAsSuperuser(String database) throws SQLException {
    return DriverManager.getConnection(jdbcUrl(database), superuser.user(), superuser.password());
  }

  @Override
  public void close() {
    if (server == null) {
      return;
    }
    try {
      server.close();
    } catch (IOException e) {
      throw new UncheckedIOException("Could not stop the embedded PostgreSQL", e);
    }
  }

  private static void deleteQuietly(Path file) {
    if (file == null) {
      return;
    }
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      log.warn("Could not delete the temporary file {}", file);
    }
  }

  /** Reads the port from postmaster.pid when the server that wrote it is still alive. */
  private static Optional<Integer> runningPort(Path dataDirectory) {
    Path pidFile = dataDirectory.resolve("postmaster.pid");
    if (!Files.isRegularFile(pidFile)) {
      return Optional.empty();
    }
    try {
      List<String> lines = Files.readAllLines(pidFile, StandardCharsets.US_ASCII);
      if (lines.size() < 4) {
        return Optional.empty();
      }
      long pid = Long.parseLong(lines.get(0).trim());
      boolean alive = ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
      return alive ? Optional.of(Integer.parseInt(lines.get(3).trim())) : Optional.empty();
    } catch (IOException | NumberFormatException e) {
      return Optional.empty();
    }
  }
}
