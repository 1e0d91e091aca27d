package fr.vigie.testing;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import fr.vigie.runtime.EmbeddedDatabase;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;
import org.flywaydb.core.Flyway;

/**
 * A real PostgreSQL for integration tests: one embedded server per test JVM, started on first use
 * and stopped when the JVM exits, and a fresh database with the real Flyway migrations per call.
 */
public final class TestDatabase {
  private static final AtomicInteger DATABASES = new AtomicInteger();
  private static EmbeddedDatabase server;

  private TestDatabase() {}

  /** A new, migrated database; close the data source when done. */
  public static HikariDataSource newDatabase() {
    String name = "test_" + ProcessHandle.current().pid() + "_" + DATABASES.incrementAndGet();
    EmbeddedDatabase db = server();
    try (Connection c = DriverManager.getConnection(db.jdbcUrl("postgres"), "postgres", "");
        Statement ddl = c.createStatement()) {
      // A database name cannot be a bound parameter; this one is made here of digits.
      ddl.execute("create database " + name);
    } catch (SQLException e) {
      throw new IllegalStateException("could not create a test database", e);
    }
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(db.jdbcUrl(name));
    config.setUsername(EmbeddedDatabase.user());
    config.setPassword("");
    config.setMaximumPoolSize(8);
    HikariDataSource dataSource = new HikariDataSource(config);
    Flyway.configure().dataSource(dataSource).load().migrate();
    return dataSource;
  }

  /** The JDBC URL of a database made by {@link #newDatabase}, for tools such as pg_dump. */
  public static int port() {
    return server().port();
  }

  private static synchronized EmbeddedDatabase server() {
    if (server == null) {
      server = EmbeddedDatabase.startTemporary();
      EmbeddedDatabase started = server;
      Runtime.getRuntime().addShutdownHook(new Thread(started::close));
    }
    return server;
  }
}
