package fr.vigie.registry;

import static org.assertj.core.api.Assertions.assertThat;

import fr.vigie.identity.IdentityIntegrationTest;
import fr.vigie.identity.OrganizationKind;
import fr.vigie.identity.Role;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The nightly retention job reckons today, and the grace of an end date, by the application's
 * clock: once it read the system's, so the tests' clock and the evaluation's simulated time never
 * reached it. A person whose registration ended just under the period (20 years) ago is kept until
 * the test clock passes the period and the grace (30 days) since its end date was recorded.
 */
class RetentionJobIT extends IdentityIntegrationTest {
  @Autowired RetentionJob job;
  @Autowired Registry registry;

  @Test
  void run_clockNotMoved_keepsAPersonWithinThePeriod() {
    PersonRecord person = endedTenDaysShortOfThePeriod();

    job.run();

    assertThat(registry.findByIdentifier(person.identifier())).isPresent();
  }

  @Test
  void run_clockPastThePeriodButNotTheGrace_keepsThePerson() {
    PersonRecord person = endedTenDaysShortOfThePeriod();
    moveClock(Duration.ofDays(11));

    job.run();

    assertThat(registry.findByIdentifier(person.identifier())).isPresent();
  }

  @Test
  void run_clockPastThePeriodAndTheGrace_erasesThePerson() {
    PersonRecord person = endedTenDaysShortOfThePeriod();
    moveClock(Duration.ofDays(11).plus(Registry.DEFAULT_GRACE));

    job.run();

    assertThat(registry.findByIdentifier(person.identifier())).isEmpty();
  }

  /**
   * A person of a fresh agency whose registration ended 20 years less 10 days ago, imported now.
   */
  private PersonRecord endedTenDaysShortOfThePeriod() {
    String agency = "FT-" + UUID.randomUUID();
    newAccount(Role.ADVISOR, agency, OrganizationKind.FRANCE_TRAVAIL_AGENCY);
    LocalDate today = LocalDate.ofInstant(clockNow(), java.time.ZoneOffset.UTC);
    long n = Math.floorMod(UUID.randomUUID().getMostSignificantBits(), 9_000_000_000L);
    PersonRecord person =
        RetentionUnlinksIT.leftOn(
            fr.vigie.web.TestPersons.person(n, agency), today.minusYears(20).plusDays(10));
    ImportReport report =
        registry.importRecords(
            List.of(person).iterator(), 1, ImportOptions.defaults(), ImportProgress.NONE);
    assertThat(report.inserted()).isOne();
    return person;
  }
}
