package fr.vigie.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import fr.vigie.identity.ContainmentState;
import fr.vigie.identity.OrganizationKind;
import fr.vigie.identity.Organizations;
import fr.vigie.identity.Role;
import fr.vigie.testing.TestDatabase;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.WebApplicationType;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * {@code vigie accounts create} as an administrator runs it: a role the organization's kind may not
 * hold (docs/security.md) exits 2 and creates nothing; one it may hold is created.
 */
class AccountsCommandIT {
  @TempDir Path data;

  @Test
  void create_roleTheOrganizationKindMayNotHold_exitsTwoAndCreatesNothing() {
    try (HikariDataSource database = TestDatabase.newDatabase()) {
      Map<String, String> settings = commandSettings(database);
      ByteArrayOutputStream errors = new ByteArrayOutputStream();
      PrintStream standardError = System.err;
      int refused;
      int allowed;
      try {
        try (ConfigurableApplicationContext context = VigieCommand.start(WebApplicationType.NONE)) {
          context
              .getBean(Organizations.class)
              .registerOrganizations(
                  List.of(
                      new Organizations.NewOrganization(
                          "CE-CLI", OrganizationKind.CAP_EMPLOI, "Cap emploi test")));
        }
        System.setErr(new PrintStream(errors, true, StandardCharsets.UTF_8));
        refused =
            VigieCommand.execute(
                "accounts",
                "create",
                "--login",
                "dpo-cli",
                "--role",
                "DPO",
                "--organization",
                "CE-CLI");
        allowed =
            VigieCommand.execute(
                "accounts",
                "create",
                "--login",
                "advisor-cli",
                "--role",
                "ADVISOR",
                "--organization",
                "CE-CLI");
      } finally {
        System.setErr(standardError);
        settings.keySet().forEach(System::clearProperty);
      }

      JdbcTemplate jdbc = new JdbcTemplate(database);
      assertThat(refused).isEqualTo(2);
      assertThat(errors.toString(StandardCharsets.UTF_8))
          .contains("an organization of kind CAP_EMPLOI may not hold a DPO account");
      assertThat(count(jdbc, "dpo-cli")).isZero();
      assertThat(allowed).isZero();
      assertThat(count(jdbc, "advisor-cli")).isEqualTo(1);
      String opened =
          jdbc.queryForObject(
              "select id::text from staff_account where login = 'advisor-cli'", String.class);
      assertThat(
              jdbc.queryForObject(
                  "select count(*) from audit_entry"
                      + " where position(convert_to(?, 'UTF8') in entry) > 0"
                      + " and actor = convert_to('cli', 'UTF8')",
                  Integer.class,
                  "ACCOUNT.OPEN." + opened.toUpperCase(java.util.Locale.ROOT)))
          .as("the opening audited, by the command line")
          .isEqualTo(1);
      assertThat(
              jdbc.queryForObject(
                  "select count(*) from audit_entry"
                      + " where position(convert_to('ACCOUNT.OPEN.', 'UTF8') in entry) > 0",
                  Integer.class))
          .as("the refused account opened nothing")
          .isEqualTo(1);
    }
  }

  /**
   * A command acting for a person of staff runs as the guard sees the account: its stored state.
   */
  @Test
  void actorOf_containedAccount_carriesItsStoredContainment() {
    try (HikariDataSource database = TestDatabase.newDatabase()) {
      Map<String, String> settings = commandSettings(database);
      try (ConfigurableApplicationContext context = VigieCommand.start(WebApplicationType.NONE)) {
        Organizations organizations = context.getBean(Organizations.class);
        organizations.registerOrganizations(
            List.of(
                new Organizations.NewOrganization(
                    "FT-CLI", OrganizationKind.FRANCE_TRAVAIL_AGENCY, "Agence test")));
        organizations.registerAccounts(
            List.of(
                new Organizations.NewAccount("held-cli", "FT-CLI", Role.ADVISOR),
                new Organizations.NewAccount("free-cli", "FT-CLI", Role.ADVISOR)));
        new JdbcTemplate(database)
            .update("update staff_account set containment = 'THROTTLED' where login = 'held-cli'");

        assertThat(VigieCommand.actorOf(context, "held-cli").containment())
            .isEqualTo(ContainmentState.THROTTLED);
        assertThat(VigieCommand.actorOf(context, "free-cli").containment())
            .isEqualTo(ContainmentState.ACTIVE);
      } finally {
        settings.keySet().forEach(System::clearProperty);
      }
    }
  }

  /** The settings a command started now reads (system properties, cleared by the caller). */
  private Map<String, String> commandSettings(HikariDataSource database) {
    Map<String, String> settings = new java.util.LinkedHashMap<>();
    settings.putAll(TestDatabase.applicationProperties(database));
    settings.put("vigie.data-dir", data.toString());
    settings.put("logging.level.root", "WARN");
    settings.forEach(System::setProperty);
    return settings;
  }

  private static int count(JdbcTemplate jdbc, String login) {
    return jdbc.queryForObject(
        "select count(*) from staff_account where login = ?", Integer.class, login);
  }
}
