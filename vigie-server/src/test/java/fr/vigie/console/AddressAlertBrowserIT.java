package fr.vigie.console;

import static org.assertj.core.api.Assertions.assertThat;

import fr.vigie.identity.IdentityIntegrationTest;
import fr.vigie.identity.OrganizationKind;
import fr.vigie.identity.Role;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

/**
 * The analyst's alert page in a real browser lists the exchange's blocked addresses and releases
 * one after a fresh code, through the same service as the API ({@code AddressAlertsIT} shows the
 * exchange told). The same server as {@link ConsoleBrowserIT}, for the same reason.
 */
@TestPropertySource(properties = "vigie.audit.rate-limit.capacity=100000")
class AddressAlertBrowserIT extends IdentityIntegrationTest {
  private final ConsoleSteps steps =
      new ConsoleSteps(PASSWORD, this::codeNow, IdentityIntegrationTest::seedOfKey);

  @Test
  void analyst_seesTheBlockedAddress_andReleasesItWithAFreshCode() {
    moveToNextWeekdayMorning();
    String address = "10.%d.%d.%d".formatted(random(256), random(256), 1 + random(254));
    UUID alert = UUID.randomUUID();
    Instant now = clockNow();
    jdbc.update(
        "insert into exchange_address_alert (id, address, raised_at, refusals, until, told)"
            + " values (?, ?, ?, 73, ?, true)",
        alert,
        address,
        Timestamp.from(now),
        Timestamp.from(now.plus(Duration.ofHours(1))));
    TestAccount analyst =
        newAccount(
            Role.SECURITY_ANALYST,
            "FT-" + UUID.randomUUID(),
            OrganizationKind.FRANCE_TRAVAIL_AGENCY);
    try (Browser browser = new Browser("http://localhost:" + port())) {
      steps.signInAndEnroll(browser, analyst);
      assertThat(browser.path()).isEqualTo("/console/alertes");
      String item = ".alerte-adresse[data-alert='" + alert + "']";
      browser.await(item, Duration.ofSeconds(30));
      assertThat(browser.text(item)).contains("Adresse " + address).contains("73 jetons refusés");
      browser.assertAccessible();

      nextStep();
      browser.type("#code-" + alert, steps.codeOf(analyst));
      browser.submit(item + " form");

      browser.await(".notice.succes", Duration.ofSeconds(30));
      assertThat(browser.text(".notice.succes")).contains("Adresse libérée");
      assertThat(browser.findAll(item)).isEmpty();
    }
    assertThat(
            jdbc.queryForObject(
                "select released_by from exchange_address_alert where id = ?", UUID.class, alert))
        .isEqualTo(analyst.id());
  }

  private static int random(int bound) {
    return ThreadLocalRandom.current().nextInt(bound);
  }
}
