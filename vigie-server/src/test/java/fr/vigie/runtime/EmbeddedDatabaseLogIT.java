package fr.vigie.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.zaxxer.hikari.HikariDataSource;
import fr.vigie.testing.TestDatabase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * The embedded PostgreSQL's output goes to the application's log (zonky's process output logger); a
 * failed statement and its error must not, since both can quote the values they were given.
 */
class EmbeddedDatabaseLogIT {

  @Test
  void embeddedServer_logsNeitherErrorsNorStatements() throws Exception {
    try (HikariDataSource database = TestDatabase.newDatabase();
        Connection connection = database.getConnection();
        Statement show = connection.createStatement()) {
      assertThat(setting(show, "log_min_messages")).isEqualTo("log");
      assertThat(setting(show, "log_min_error_statement")).isEqualTo("panic");
      assertThat(setting(show, "log_statement")).isEqualTo("none");
    }
  }

  /**
   * The output logger reads the server's pipe on its own thread and does not always pass on the
   * last lines, so this is a second line of evidence: whatever it did pass on holds no value.
   */
  @Test
  void failedStatement_withAValue_isNotCopiedIntoTheApplicationLog() throws Exception {
    String secret = "secret-" + UUID.randomUUID();
    Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    ListAppender<ILoggingEvent> captured = new ListAppender<>();
    captured.start();
    root.addAppender(captured);
    try (HikariDataSource database = TestDatabase.newDatabase();
        Connection connection = database.getConnection()) {
      try (PreparedStatement failing = connection.prepareStatement("select ?::uuid")) {
        failing.setString(1, secret);
        assertThatThrownBy(failing::executeQuery).isInstanceOf(SQLException.class);
      }
      try (Statement failing = connection.createStatement()) {
        assertThatThrownBy(() -> failing.execute("select '" + secret + "'::uuid"))
            .isInstanceOf(SQLException.class);
      }
      Thread.sleep(2_000);

      assertThat(messages(captured)).noneMatch(line -> line.contains(secret));
    } finally {
      root.detachAppender(captured);
    }
  }

  private static String setting(Statement show, String name) throws SQLException {
    // The name is one of this test's constants, not outside input.
    try (ResultSet row = show.executeQuery("show " + name)) {
      row.next();
      return row.getString(1);
    }
  }

  private static List<String> messages(ListAppender<ILoggingEvent> captured) {
    synchronized (captured) {
      return captured.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
    }
  }
}
