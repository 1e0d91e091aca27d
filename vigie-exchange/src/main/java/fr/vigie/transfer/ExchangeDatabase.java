package fr.vigie.transfer;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.context.ApplicationEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Points the exchange at its database before the context starts: {@code spring.datasource.*} when
 * set, else an embedded PostgreSQL of its own under {@code vigie.exchange.data-dir/postgres}.
 *
 * <p>A deliberately small copy of the register's {@code runtime.DatabaseEnvironment} rather than a
 * dependency on the register's jar: the exchange must not carry the register's code, settings or
 * keys. It is a separate PostgreSQL server (its own data directory, port and super-user), so no
 * grant of the register's database can reach it and the reverse.
 */
final class ExchangeDatabase implements ApplicationListener<ApplicationEvent> {
  private EmbeddedPostgres embedded;

  @Override
  public void onApplicationEvent(ApplicationEvent event) {
    if (event instanceof ApplicationEnvironmentPreparedEvent prepared) {
      configure(prepared.getEnvironment());
    } else if (event instanceof ContextClosedEvent && embedded != null) {
      try {
        embedded.close();
      } catch (IOException e) {
        throw new UncheckedIOException("Could not stop the exchange's PostgreSQL", e);
      }
      embedded = null;
    }
  }

  private void configure(ConfigurableEnvironment environment) {
    if (environment.containsProperty("spring.datasource.url")) {
      return;
    }
    Path dataDirectory =
        Path.of(environment.getProperty("vigie.exchange.data-dir", "data/exchange"))
            .resolve("postgres");
    int port = environment.getProperty("vigie.exchange.postgres-port", Integer.class, 54330);
    Optional<Integer> running = runningPort(dataDirectory);
    if (running.isPresent()) {
      // The server a killed exchange left running on its data directory: use it, as it is.
      port = running.get();
    } else {
      try {
        Files.createDirectories(dataDirectory);
        embedded =
            EmbeddedPostgres.builder()
                .setDataDirectory(dataDirectory)
                .setCleanDataDirectory(false)
                .setPort(port)
                .start();
        port = embedded.getPort();
      } catch (IOException e) {
        throw new UncheckedIOException("Could not start the exchange's PostgreSQL", e);
      }
    }
    environment
        .getPropertySources()
        .addFirst(
            new MapPropertySource(
                "vigie-exchange-postgres",
                Map.of(
                    "spring.datasource.url",
                    "jdbc:postgresql://localhost:" + port + "/postgres",
                    "spring.datasource.username",
                    "postgres",
                    "spring.datasource.password",
                    "")));
  }

  /** The port in postmaster.pid when the server that wrote it is still alive. */
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
      long pid = Long.parseLong(lines.get(0).strip());
      boolean alive = ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
      return alive ? Optional.of(Integer.parseInt(lines.get(3).strip())) : Optional.empty();
    } catch (IOException | NumberFormatException e) {
      return Optional.empty();
    }
  }
}
