package fr.vigie.testing;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import fr.vigie.runtime.DatabaseLogin;
import fr.vigie.runtime.EmbeddedDatabase;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.flywaydb.core.Flyway;

/**
 * A real PostgreSQL for integration tests: one embedded server per test JVM, started on first use
 * and stopped when the JVM exits, and a fresh database with the real Flyway migrations per call.
 * Like the one {@code ./vigie} runs, the server asks every connection for a password: the
 * superuser's (which {@link #newDatabase} connects as, to set tests up) or the application role's
 * (which the application under test connects as, see {@link #applicationProperties}).
 */
public final class TestDatabase {
  private static final AtomicInteger DATABASES = new AtomicInteger();
  private static EmbeddedDatabase server;

  private TestDatabase() {}

  /** A new, migrated database, connected as the superuser; close the data source when done. */
  public static HikariDataSource newDatabase() {
    String name = "test_" + ProcessHandle.current().pid() + "_" + DATABASES.incrementAndGet();
    EmbeddedDatabase db = server();
    try (Connection c = db.connectAsSuperuser("postgres");
        Statement ddl = c.createStatement()) {
      // A database name cannot be a bound parameter; this one is made here of digits.
      ddl.execute("create database " + name);
    } catch (SQLException e) {
      throw new IllegalStateException("could not create a test database", e);
    }
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(db.jdbcUrl(name));
    config.setUsername(db.superuser().user());
    config.setPassword(db.superuser().password());
    config.setMaximumPoolSize(8);
    config.setMinimumIdle(1);
    config.setIdleTimeout(10_000);
    HikariDataSource dataSource = new HikariDataSource(config);
    Flyway.configure().dataSource(dataSource).load().migrate();
    return dataSource;
  }

  /**
   * The settings that run Vigie on {@code database} as {@code ./vigie} does: the application as its
   * own role, Flyway as the superuser.
   */
  public static Map<String, String> applicationProperties(HikariDataSource database) {
    Map<String, String> properties = new LinkedHashMap<>();
    properties.put("spring.datasource.url", database.getJdbcUrl());
    properties.put("spring.datasource.username", app().user());
    properties.put("spring.datasource.password", app().password());
    properties.put("spring.flyway.user", superuser().user());
    properties.put("spring.flyway.password", superuser().password());
    // Many test servers live at once in one JVM (Spring caches their contexts): each keeps only
    // the connections it uses, not a full pool, within the one PostgreSQL's connection slots.
    properties.put("spring.datasource.hikari.minimum-idle", "1");
    properties.put("spring.datasource.hikari.idle-timeout", "10000");
    return properties;
  }

  /** {@link #applicationProperties} as {@code key=value} arguments, for a SpringApplication. */
  public static String[] applicationArguments(HikariDataSource database, String prefix) {
    return applicationProperties(database).entrySet().stream()
        .map(e -> prefix + e.getKey() + "=" + e.getValue())
        .toArray(String[]::new);
  }

  /** A connection to {@code database} as the application's role. */
  public static Connection connectAsApp(HikariDataSource database) throws SQLException {
    return DriverManager.getConnection(database.getJdbcUrl(), app().user(), app().password());
  }

  /** The superuser of the test server. */
  public static DatabaseLogin superuser() {
    return server().superuser();
  }

  /** The application role of the test server. */
  public static DatabaseLogin app() {
    return server().app();
  }

  /** The port of the test server, for tools such as pg_dump. */
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
