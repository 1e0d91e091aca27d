package fr.vigie.detection;

import static org.assertj.core.api.Assertions.assertThat;

import fr.vigie.identity.AccountId;
import fr.vigie.identity.ContainmentState;
import fr.vigie.identity.OrganizationKind;
import fr.vigie.identity.Role;
import fr.vigie.registry.PersonId;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * An account older than the detectors' memory, unused for two months, woken on its owner's office
 * PC from a network it never used, reading its own caseload faster than its owner (issue 9,
 * variant-2-85): {@code dormant} and {@code woken-away} suspend it within a handful; back at its
 * office, or woken there, an advisor back from leave reads its caseload freely.
 */
class WokenAwayTest {
  /** Monday 2026-11-16, 08:00 UTC: 09:00 in Paris. */
  private static final Instant MONDAY = Instant.parse("2026-11-16T08:00:00Z");

  private static final ZoneId PARIS = ZoneId.of("Europe/Paris");
  private static final AccountId ACCOUNT = new AccountId(new UUID(5, 5));
  private static final AccountProfile ADVISOR =
      new AccountProfile(ACCOUNT, Role.ADVISOR, OrganizationKind.CAP_EMPLOI, null);

  private Detection detection = Detection.withDefaults();

  private static PersonId person(int n) {
    return new PersonId(new UUID(0x0190_0000_7000_0000L, 0x8000_0000_0000_0000L | n));
  }

  /** Used for a year, last two months ago, from its office PC; its caseload of 100 read. */
  private void usedBefore() {
    detection.remember(
        AccountMemory.ofPastUse(
            ACCOUNT,
            ADVISOR.peers(),
            PARIS,
            MONDAY.minus(Duration.ofDays(400)),
            MONDAY.minus(Duration.ofDays(60)),
            Map.of("pc", Set.of("office")),
            IntStream.range(0, 100).mapToObj(WokenAwayTest::person).toList()));
  }

  /** {@code n} persons of its caseload from {@code from}, a quarter of an hour apart. */
  private int readCaseload(Instant from, int n, String address) {
    for (int i = 0; i < n; i++) {
      ContainmentState state = detection.state(ACCOUNT);
      if (state == ContainmentState.SUSPENDED) {
        return i;
      }
      if (state == ContainmentState.STEP_UP) {
        detection.steppedUp(ACCOUNT);
      }
      detection.observe(
          ADVISOR,
          Access.of(
              ACCOUNT,
              from.plusSeconds(900L * i),
              AccessKind.READ,
              person(i),
              Link.FOLLOWED,
              "pc",
              address));
    }
    return n;
  }

  private boolean signalled(String detector) {
    return detection.reasons(ACCOUNT).stream().anyMatch(s -> s.detector().equals(detector));
  }

  @Test
  void wokenOnItsPcFromANetworkItNeverUsed_readingOn_suspendedWithinAHandful() {
    usedBefore();

    int read = readCaseload(MONDAY, 30, "stranger-net");

    assertThat(read).isBetween(1, WokenAway.LEAST_PERSONS + 1);
    assertThat(signalled("dormant")).isTrue();
    assertThat(signalled(WokenAway.NAME)).isTrue();
  }

  @Test
  void daysLater_stillNeverBackAtItsOffice_stillSuspended() {
    usedBefore();
    readCaseload(MONDAY, 3, "stranger-net");

    int read = readCaseload(MONDAY.plus(Duration.ofDays(3)), 30, "stranger-net");

    assertThat(read).isBetween(1, WokenAway.LEAST_PERSONS + 1);
    assertThat(signalled(WokenAway.NAME)).isTrue();
  }

  @Test
  void backAtItsOfficeTheNextDay_readsItsCaseloadFreely() {
    usedBefore();
    readCaseload(MONDAY, 3, "home-new");

    int read = readCaseload(MONDAY.plus(Duration.ofDays(1)), 30, "office");

    assertThat(read).isEqualTo(30);
    assertThat(detection.state(ACCOUNT)).isNotEqualTo(ContainmentState.SUSPENDED);
    assertThat(signalled(WokenAway.NAME)).isFalse();
  }

  @Test
  void wokenAtItsOffice_readsItsCaseloadFreely() {
    usedBefore();

    int read = readCaseload(MONDAY, 30, "office");

    assertThat(read).isEqualTo(30);
    assertThat(detection.state(ACCOUNT)).isNotEqualTo(ContainmentState.SUSPENDED);
  }

  @Test
  void afterARestart_wokenElsewhereIsRemembered() {
    usedBefore();
    readCaseload(MONDAY, 3, "stranger-net");
    Detection restarted = Detection.withDefaults();
    detection.memories().forEach(restarted::remember);
    detection = restarted;

    int read = readCaseload(MONDAY.plus(Duration.ofDays(2)), 30, "stranger-net");

    assertThat(read).isBetween(1, WokenAway.LEAST_PERSONS + 1);
    assertThat(signalled(WokenAway.NAME)).isTrue();
  }
}
