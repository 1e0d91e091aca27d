package fr.vigie.identity;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import fr.vigie.VigieApplication;
import fr.vigie.testing.TestDatabase;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/** The command line runs Vigie without a web server: the identity feature must start there too. */
class CommandLineContextIT {
  @TempDir Path data;

  @Test
  void start_withoutWebServer_setsPasswordsWithNoWebSecurity() {
    try (HikariDataSource database = TestDatabase.newDatabase();
        ConfigurableApplicationContext context =
            new SpringApplicationBuilder(VigieApplication.class)
                .web(WebApplicationType.NONE)
                .properties(TestDatabase.applicationArguments(database, ""))
                .properties("vigie.data-dir=" + data, "spring.main.banner-mode=off")
                .run()) {
      Organizations organizations = context.getBean(Organizations.class);
      organizations.registerOrganizations(
          List.of(new Organizations.NewOrganization("CLI", OrganizationKind.MISSION_LOCALE, "ML")));
      String login = "cli-" + UUID.randomUUID();
      organizations.registerAccounts(
          List.of(new Organizations.NewAccount(login, "CLI", Role.ADVISOR)));
      Credentials credentials = context.getBean(Credentials.class);
      UUID account = credentials.accountId(login).orElseThrow();

      credentials.setPassword(account, "a long enough password");

      assertThat(context.getBeansOfType(SecurityConfiguration.class)).isEmpty();
      assertThat(context.getBean(SignIn.class).checkPassword(login, "a long enough password").id())
          .isEqualTo(account);
    }
  }
}
