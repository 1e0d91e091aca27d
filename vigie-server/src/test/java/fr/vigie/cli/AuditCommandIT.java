package fr.vigie.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import fr.vigie.audit.AuditAction;
import fr.vigie.audit.AuditDecision;
import fr.vigie.audit.AuditEvent;
import fr.vigie.audit.AuditLog;
import fr.vigie.testing.TestDatabase;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.WebApplicationType;
import org.springframework.context.ConfigurableApplicationContext;

/** {@code vigie audit verify} in a JVM of its own, as an operator runs it: output and exit code. */
class AuditCommandIT {
  @TempDir Path data;
  private HikariDataSource dataSource;

  @BeforeEach
  void setUp() {
    dataSource = TestDatabase.newDatabase();
    List<String> arguments =
        new java.util.ArrayList<>(List.of(TestDatabase.applicationArguments(dataSource, "--")));
    arguments.addAll(List.of("--vigie.data-dir=" + data, "--logging.level.root=WARN"));
    try (ConfigurableApplicationContext context =
        VigieCommand.start(WebApplicationType.NONE, arguments.toArray(String[]::new))) {
      context
          .getBean(AuditLog.class)
          .appendAll(IntStream.range(0, 25).mapToObj(this::event).toList());
    }
  }

  @AfterEach
  void tearDown() {
    dataSource.close();
  }

  @Test
  void verify_cleanLog_exitsZero() throws Exception {
    Run run = vigie("audit", "verify");

    assertThat(run.exitCode()).as(run.output()).isZero();
    assertThat(run.output()).contains("audit log verified: 25 entries");
  }

  @Test
  void verify_rowDeleted_exitsOneNamingTheEntry() throws Exception {
    try (Connection c = dataSource.getConnection();
        Statement s = c.createStatement()) {
      s.execute("alter table audit_entry disable trigger user");
      s.execute("delete from audit_entry where idx = 7");
    }

    Run run = vigie("audit", "verify");

    assertThat(run.exitCode()).as(run.output()).isEqualTo(1);
    assertThat(run.output())
        .contains("audit log tampered with: entry 7: missing (indexes jump from 6 to 8)");
  }

  private record Run(int exitCode, String output) {}

  private Run vigie(String... args) throws Exception {
    List<String> command =
        new java.util.ArrayList<>(
            List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                "-Dvigie.data-dir=" + data,
                "-Dlogging.level.root=WARN",
                VigieCommand.class.getName()));
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    // In the environment, not on the command line, where any local user could read the passwords.
    TestDatabase.applicationProperties(dataSource)
        .forEach(
            (key, value) -> builder.environment().put(key.toUpperCase().replace('.', '_'), value));
    Process process = builder.start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(2, TimeUnit.MINUTES)).isTrue();
    return new Run(process.exitValue(), output);
  }

  private AuditEvent event(int n) {
    return new AuditEvent(
        Instant.parse("2026-03-02T09:00:00Z").plusSeconds(n),
        new UUID(1, n).toString(),
        AuditAction.SEARCH,
        null,
        List.of(),
        "CASELOAD",
        AuditDecision.ALLOW,
        null,
        "org-1");
  }
}
