package fr.vigie.runtime;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Map;
import org.springframework.beans.factory.support.DefaultSingletonBeanRegistry;
import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.boot.context.event.ApplicationFailedEvent;
import org.springframework.boot.context.event.ApplicationPreparedEvent;
import org.springframework.context.ApplicationEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Points the application at a database before the context starts: the one configured with Spring
 * Boot's {@code spring.datasource.*} settings, or else an embedded PostgreSQL keeping its data
 * under {@code vigie.data-dir} (default {@code ./data}).
 */
public final class DatabaseEnvironment implements ApplicationListener<ApplicationEvent> {
  private static final String DATABASE = "vigie";

  private EmbeddedDatabase embedded;

  @Override
  public void onApplicationEvent(ApplicationEvent event) {
    if (event instanceof ApplicationEnvironmentPreparedEvent prepared) {
      configure(prepared.getEnvironment());
    } else if (event instanceof ApplicationPreparedEvent prepared && embedded != null) {
      stopLast(prepared.getApplicationContext(), embedded);
      embedded = null;
    } else if (event instanceof ApplicationFailedEvent && embedded != null) {
      embedded.close();
      embedded = null;
    }
  }

  /**
   * Stops the database after every bean of the context, as the first disposable bean (destroyed
   * last): stopped on {@code ContextClosedEvent}, it went before the scheduler's tasks, which then
   * failed with a stack trace at the end of every command.
   */
  private static void stopLast(ConfigurableApplicationContext context, EmbeddedDatabase database) {
    ((DefaultSingletonBeanRegistry) context.getBeanFactory())
        .registerDisposableBean("vigieEmbeddedDatabase", database::close);
  }

  private void configure(ConfigurableEnvironment environment) {
    if (environment.containsProperty("spring.datasource.url")) {
      return;
    }
    Path dataDirectory = Path.of(environment.getProperty("vigie.data-dir", "data"));
    String keys = environment.getProperty("vigie.crypto.keys-dir", "");
    Path keysDirectory = keys.isBlank() ? dataDirectory.resolve("keys") : Path.of(keys);
    int port = environment.getProperty("vigie.embedded-postgres.port", Integer.class, 54329);
    embedded =
        EmbeddedDatabase.startOrAttach(dataDirectory.resolve("postgres"), keysDirectory, port);
    createDatabaseIfMissing(embedded);
    environment
        .getPropertySources()
        .addFirst(new MapPropertySource("vigie-embedded-postgres", properties(embedded)));
  }

  /**
   * The application connects as its own role; Flyway, which creates and changes the schema, as the
   * superuser that owns it.
   */
  static Map<String, Object> properties(EmbeddedDatabase database) {
    return Map.of(
        "spring.datasource.url", database.jdbcUrl(DATABASE),
        "spring.datasource.username", database.app().user(),
        "spring.datasource.password", database.app().password(),
        "spring.flyway.user", database.superuser().user(),
        "spring.flyway.password", database.superuser().password());
  }

  private static void createDatabaseIfMissing(EmbeddedDatabase database) {
    try (Connection connection = database.connectAsSuperuser("postgres");
        PreparedStatement exists =
            connection.prepareStatement("select 1 from pg_database where datname = ?")) {
      exists.setString(1, DATABASE);
      try (ResultSet rows = exists.executeQuery()) {
        if (!rows.next()) {
          // A database name cannot be a bound parameter; this one is a constant.
          connection.createStatement().execute("create database " + DATABASE);
        }
      }
    } catch (SQLException e) {
      throw new IllegalStateException("Could not create the vigie database", e);
    }
  }
}
