package fr.vigie.runtime;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A PostgreSQL server run from the binaries on the class path, keeping its data in a directory of
 * its own, or the one already running on that directory.
 */
public final class EmbeddedDatabase implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(EmbeddedDatabase.class);

  private final EmbeddedPostgres server;
  private final int port;

  private EmbeddedDatabase(EmbeddedPostgres server, int port) {
    this.server = server;
    this.port = port;
  }

  /**
   * Starts PostgreSQL on {@code dataDirectory}, or attaches to the server that already runs on it
   * (the running Vigie, when a command is given while it serves).
   */
  public static EmbeddedDatabase startOrAttach(Path dataDirectory, int preferredPort) {
    Optional<Integer> running = runningPort(dataDirectory);
    if (running.isPresent()) {
      log.info("Using the PostgreSQL server already running on {}", dataDirectory);
      return new EmbeddedDatabase(null, running.get());
    }
    try {
      Files.createDirectories(dataDirectory);
      EmbeddedPostgres server =
          quietBuilder()
              .setDataDirectory(dataDirectory)
              .setCleanDataDirectory(false)
              .setPort(preferredPort)
              .setServerConfig("max_connections", "100")
              .setServerConfig("shared_buffers", "512MB")
              .setServerConfig("max_wal_size", "4GB")
              .setServerConfig("synchronous_commit", "on")
              .start();
      log.info(
          "Started PostgreSQL on port {} with its data in {}", server.getPort(), dataDirectory);
      return new EmbeddedDatabase(server, server.getPort());
    } catch (IOException e) {
      throw new UncheckedIOException("Could not start the embedded PostgreSQL", e);
    }
  }

  /** Starts a throw-away server on a fresh temporary directory and a free port, for tests. */
  public static EmbeddedDatabase startTemporary() {
    try {
      EmbeddedPostgres server =
          quietBuilder()
              .setServerConfig("max_connections", "200")
              .setServerConfig("fsync", "off")
              .start();
      return new EmbeddedDatabase(server, server.getPort());
    } catch (IOException e) {
      throw new UncheckedIOException("Could not start the embedded PostgreSQL", e);
    }
  }

  /**
   * Starts a throw-away server in {@code directory} with the same durability as a real one (fsync,
   * synchronous commit), for benchmarks.
   */
  public static EmbeddedDatabase startTemporaryDurable(Path directory) {
    try {
      Files.createDirectories(directory);
      EmbeddedPostgres server =
          quietBuilder()
              .setDataDirectory(directory)
              .setCleanDataDirectory(true)
              .setServerConfig("shared_buffers", "512MB")
              .setServerConfig("max_wal_size", "4GB")
              .start();
      return new EmbeddedDatabase(server, server.getPort());
    } catch (IOException e) {
      throw new UncheckedIOException("Could not start the embedded PostgreSQL", e);
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

  /** The super-user of the embedded server; it trusts local connections. */
  public static String user() {
    return "postgres";
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
