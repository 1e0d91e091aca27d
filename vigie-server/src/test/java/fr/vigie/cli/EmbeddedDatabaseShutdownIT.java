package fr.vigie.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.WebApplicationType;
import org.springframework.context.ApplicationEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A command on the embedded PostgreSQL ({@code vigie import persons}) ended with the scheduler's
 * tasks failing, stack traces in the log: the database was stopped when the context began to close,
 * before its beans. It now stops after them.
 */
class EmbeddedDatabaseShutdownIT {
  @TempDir Path data;

  @Test
  void closingACommandsContext_keepsTheEmbeddedDatabaseUntilItsBeansAreGone() throws IOException {
    Map<String, String> settings =
        Map.of(
            "vigie.data-dir", data.toString(),
            "vigie.embedded-postgres.port", Integer.toString(freePort()),
            "logging.level.root", "WARN");
    settings.forEach(System::setProperty);
    List<String> duringClose = new ArrayList<>();
    try {
      ConfigurableApplicationContext context = VigieCommand.start(WebApplicationType.NONE);
      DataSource database = context.getBean(DataSource.class);
      context.addApplicationListener(
          (ApplicationListener<ApplicationEvent>)
              event -> {
                if (event instanceof ContextClosedEvent) {
                  duringClose.add(reachable(database));
                }
              });
      context.close();
    } finally {
      settings.keySet().forEach(System::clearProperty);
    }

    assertThat(duringClose).containsExactly("reachable");
    assertThat(data.resolve("postgres").resolve("postmaster.pid")).doesNotExist();
  }

  private static String reachable(DataSource database) {
    try {
      return new JdbcTemplate(database).queryForObject("select 'reachable'", String.class);
    } catch (DataAccessException e) {
      return "stopped";
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
