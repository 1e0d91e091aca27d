package fr.vigie.runtime;

import fr.vigie.VigieApplication;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A throw-away PostgreSQL with real durability (fsync, synchronous commit) in a temporary
 * directory, and a Vigie context on it with fresh keys; all of it gone once closed.
 */
public final class ThrowAwayVigie implements AutoCloseable {
  private static final String DATABASE = "vigie";

  private final Path work;
  private final EmbeddedDatabase server;
  private ConfigurableApplicationContext context;

  private ThrowAwayVigie(Path work, EmbeddedDatabase server) {
    this.work = work;
    this.server = server;
  }

  public static ThrowAwayVigie start(String name) throws IOException, SQLException {
    return start(name, WebApplicationType.NONE);
  }

  /**
   * As {@link #start(String)}, of this web application type (a servlet one listens on a random
   * loopback port), with {@code arguments} added to the command line.
   */
  public static ThrowAwayVigie start(String name, WebApplicationType type, String... arguments)
      throws IOException, SQLException {
    Path work = Files.createTempDirectory(name);
    ThrowAwayVigie vigie =
        new ThrowAwayVigie(work, EmbeddedDatabase.startTemporaryDurable(work.resolve("pg")));
    try {
      try (Connection c = vigie.server.connectAsSuperuser("postgres");
          Statement ddl = c.createStatement()) {
        ddl.execute("create database " + DATABASE); // a constant name, not input
      }
      SpringApplication application = new SpringApplication(VigieApplication.class);
      application.setWebApplicationType(type);
      List<String> line = new ArrayList<>();
      line.add("--spring.datasource.url=" + vigie.server.jdbcUrl(DATABASE));
      // The application as its own role, the migrations as the owner, as in ./vigie.
      line.add("--spring.datasource.username=" + vigie.server.app().user());
      line.add("--spring.datasource.password=" + vigie.server.app().password());
      line.add("--spring.flyway.user=" + vigie.server.superuser().user());
      line.add("--spring.flyway.password=" + vigie.server.superuser().password());
      line.add("--vigie.data-dir=" + work);
      line.add("--logging.level.root=WARN");
      if (type != WebApplicationType.NONE) {
        line.add("--server.port=0");
        line.add("--management.server.port=0");
        line.add("--server.address=127.0.0.1");
      }
      line.addAll(List.of(arguments));
      vigie.context = application.run(line.toArray(String[]::new));
      return vigie;
    } catch (RuntimeException | SQLException e) {
      vigie.close();
      throw e;
    }
  }

  public ConfigurableApplicationContext context() {
    return context;
  }

  /** The port the web server listens on, on 127.0.0.1. */
  public int port() {
    return Integer.parseInt(context.getEnvironment().getRequiredProperty("local.server.port"));
  }

  /** A connection of its own as the owner of the schema, outside the application's pool. */
  public Connection connect() throws SQLException {
    return server.connectAsSuperuser(DATABASE);
  }

  @Override
  public void close() throws IOException {
    try {
      if (context != null) {
        context.close();
      }
      server.close();
    } finally {
      try (Stream<Path> paths = Files.walk(work)) {
        paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }
}
