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
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * A sweep from an advisor's own office PC, in its hours, trying identifiers or names through the
 * register and finding nobody it may see (issue 9, the variants' {@code search_sweep}): fast, it is
 * suspended within the hour, not only slowed; slow, a few searches an hour, within two days; the
 * owner's typos say nothing; and a restart forgets none of the days of searching.
 */
class SearchedNobodyTest {
  /** Monday 2026-11-16, 08:00 UTC: 09:00 in Paris. */
  private static final Instant MONDAY = Instant.parse("2026-11-16T08:00:00Z");

  private static final ZoneId PARIS = ZoneId.of("Europe/Paris");
  private static final AccountId ACCOUNT = new AccountId(new UUID(8, 8));
  private static final AccountProfile ADVISOR =
      new AccountProfile(ACCOUNT, Role.ADVISOR, OrganizationKind.FRANCE_TRAVAIL_AGENCY, null);

  private Detection detection = Detection.withDefaults();

  private static PersonId person(int n) {
    return new PersonId(new UUID(0x0190_0000_7000_0000L, 0x8000_0000_0000_0000L | n));
  }

  private void search(Instant at, int found) {
    if (detection.state(ACCOUNT) == ContainmentState.STEP_UP) {
      detection.steppedUp(ACCOUNT);
    }
    detection.observe(ADVISOR, Access.search(ACCOUNT, at, found, "pc", "office"));
  }

  private static boolean weekday(Instant day) {
    return day.atZone(PARIS).getDayOfWeek().getValue() <= 5;
  }

  /**
   * Six weeks of the owner's weekdays before {@code until}: 12 persons a day of its caseload, half
   * of them found by a search first, a typo (a search finding nobody) every third day.
   */
  private void work(Instant until) {
    int day = 0;
    for (Instant at = until.minus(Duration.ofDays(42));
        at.isBefore(until);
        at = at.plus(Duration.ofDays(1))) {
      if (!weekday(at)) {
        continue;
      }
      if (day++ % 3 == 0) {
        search(at.minusSeconds(60), 0);
      }
      for (int n = 0; n < 12; n++) {
        Instant t = at.plusSeconds(1800L * n);
        if (n % 2 == 0) {
          search(t.minusSeconds(20), 1);
        }
        detection.observe(
            ADVISOR,
            Access.of(
                ACCOUNT,
                t,
                AccessKind.READ,
                person(n + 12 * (day % 10)),
                Link.FOLLOWED,
                "pc",
                "office"));
      }
    }
  }

  /**
   * Searches that find nobody, {@code every} apart from 09:00 to 17:00 on weekdays, from {@code
   * from}; how many before the account was suspended, or -1 when it never was within {@code days}.
   */
  private int sweep(Instant from, int days, Duration every) {
    int searches = 0;
    Instant day = from;
    for (int d = 0; d < days; d++, day = day.plus(Duration.ofDays(1))) {
      if (!weekday(day)) {
        continue;
      }
      for (Instant at = day; at.isBefore(day.plus(Duration.ofHours(8))); at = at.plus(every)) {
        if (detection.state(ACCOUNT) == ContainmentState.SUSPENDED) {
          return searches;
        }
        search(at, 0);
        searches++;
      }
    }
    return detection.state(ACCOUNT) == ContainmentState.SUSPENDED ? searches : -1;
  }

  private boolean signalled(String detector) {
    return detection.reasons(ACCOUNT).stream().anyMatch(s -> s.detector().equals(detector));
  }

  @Test
  void aFastSweep_isSuspendedWithinTheHour_notOnlySlowedDown() {
    work(MONDAY);

    int searches = sweep(MONDAY, 1, Duration.ofSeconds(20));

    assertThat(searches).isBetween(1, 180);
    assertThat(signalled("searched-nobody")).isTrue();
  }

  @Test
  void aSlowSweep_underTheHourlyThreshold_isSuspendedWithinTwoDays() {
    work(MONDAY);

    // Three an hour: enumeration, which wants five in an hour, never sees it.
    int searches = sweep(MONDAY, 2, Duration.ofMinutes(20));

    assertThat(searches).isBetween(1, 48);
    assertThat(signalled("enumeration")).isFalse();
    assertThat(signalled("searched-nobody")).isTrue();
    assertThat(signalled("accumulated-searched-nobody")).isTrue();
  }

  @Test
  void theOwnersTypos_sayNothing() {
    work(MONDAY.plus(Duration.ofDays(28)));

    assertThat(detection.state(ACCOUNT)).isEqualTo(ContainmentState.ACTIVE);
    assertThat(signalled("searched-nobody")).isFalse();
    assertThat(signalled("accumulated-searched-nobody")).isFalse();
  }

  @Test
  void afterARestart_theDaysOfSearchingAreStillCounted() {
    work(MONDAY);
    // A first day of a slow sweep, one an hour: not enough alone.
    assertThat(sweep(MONDAY, 1, Duration.ofHours(1))).isEqualTo(-1);
    Detection restarted = Detection.withDefaults();
    detection.memories().forEach(restarted::remember);
    detection = restarted;

    int searches = sweep(MONDAY.plus(Duration.ofDays(1)), 1, Duration.ofHours(1));

    assertThat(searches).isBetween(1, 8);
    assertThat(signalled("accumulated-searched-nobody")).isTrue();
  }

  @Test
  void theDaysOfSearching_areWrittenAndReadBack() {
    AccountHistory history = new AccountHistory(PARIS);
    PeerStats peers = new PeerStats(PARIS);
    for (int d = 0; d < 3; d++) {
      Instant day = MONDAY.plus(Duration.ofDays(d));
      for (int n = 0; n < 4 + d; n++) {
        history.record(Access.search(ACCOUNT, day.plusSeconds(600L * n), 0, "pc", "office"), peers);
      }
      history.record(Access.search(ACCOUNT, day.plusSeconds(9000), 2, "pc", "office"), peers);
    }

    AccountHistory back = HistoryCodec.read(PARIS, HistoryCodec.write(history));

    assertThat(back.emptySearches.today).isEqualTo(6);
    assertThat(back.emptySearches.recently(4)).isEqualTo(4 + 5 + 6);
    assertThat(back.emptySearches.recentDays(4)).isEqualTo(3);
    assertThat(back.excessEmptySearches(peers)).isEqualTo(history.excessEmptySearches(peers));
    assertThat(back.excessEmptySearches(peers)).isEqualTo((4 - 2.0) + (5 - 2.0) + (6 - 2.0));
  }
}
