package fr.vigie.detection;

import static org.assertj.core.api.Assertions.assertThat;

import fr.vigie.identity.AccountId;
import fr.vigie.registry.PersonId;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The register's accounts at places new to them: the bar rises with the days the register has shown
 * (never with an alarmed one), and survives a restart, what it learned and the arrivals of the day
 * alike.
 */
class NewPlacesTest {
  private static final Instant START = Instant.parse("2026-03-02T08:00:00Z");
  private static final ZoneId UTC = ZoneOffset.UTC;

  private final NewPlaces places = new NewPlaces();
  private int accounts;

  private static AccountId account(int n) {
    return new AccountId(new UUID(0x4E50, n));
  }

  private Optional<CrossFinding> arrive(Instant at) {
    return places.observe(account(accounts++), at, at.atZone(UTC).toLocalDate(), true);
  }

  /** {@code days} days, each with {@code each} accounts at new places an hour apart. */
  private Instant days(Instant from, int days, int each) {
    Instant at = from;
    for (int d = 0; d < days; d++) {
      for (int n = 0; n < each; n++) {
        assertThat(arrive(at.plusSeconds(3600L * n))).isEmpty();
      }
      at = at.plus(Duration.ofDays(2));
    }
    return at;
  }

  /** {@code days} days with a read each and no new place: a usual day of none. */
  private Instant quiet(Instant from, int days) {
    Instant at = from;
    for (int d = 0; d < days; d++) {
      places.observe(account(9000 + d), at, at.atZone(UTC).toLocalDate(), false);
      at = at.plus(Duration.ofDays(1));
    }
    return at;
  }

  @Test
  void noDaysYet_theBarIsTheFewestAccounts() {
    assertThat(places.threshold()).isEqualTo(NewPlaces.MIN_ACCOUNTS);
    assertThat(places.learned()).isEmpty();
  }

  @Test
  void daysWithFourAccountsAtNewPlaces_raiseTheBarToThreeTimesFour() {
    Instant after = days(START, 30, 4);
    assertThat(places.threshold()).isEqualTo(12);

    for (int n = 0; n < 11; n++) {
      assertThat(arrive(after.plusSeconds(60L * n))).as("arrival %d", n).isEmpty();
    }
    Optional<CrossFinding> twelfth = arrive(after.plusSeconds(60L * 11));
    assertThat(twelfth).isPresent();
    assertThat(twelfth.get().accounts()).hasSize(12);
  }

  /**
   * An alarm in the evening: neither its day nor the next, which holds its arrivals in the window
   * after midnight, is taught as usual.
   */
  @Test
  void anAlarmedDay_andTheMorningAfterIt_areNotTaughtAsUsual() {
    Instant after = days(START, 30, 3);
    int before = places.threshold();
    assertThat(before).isEqualTo(9);
    Instant evening = after.plus(Duration.ofHours(13));
    for (int n = 0; n < 40; n++) {
      arrive(evening.plusSeconds(60L * n));
    }
    for (int d = 1; d <= 3; d++) {
      places.observe(account(9999), after.plus(Duration.ofDays(d)), day(after, d), false);
    }
    assertThat(places.threshold()).isEqualTo(before);
  }

  /** Four in the evening and four after midnight are eight within a day. */
  @Test
  void theWindowIsTheLast24Hours_notTheCalendarDay() {
    Instant evening = quiet(START, 30).plus(Duration.ofHours(14));
    for (int n = 0; n < 4; n++) {
      assertThat(arrive(evening.plusSeconds(60L * n))).isEmpty();
    }
    Instant night = evening.plus(Duration.ofHours(4));
    for (int n = 0; n < 3; n++) {
      assertThat(arrive(night.plusSeconds(60L * n))).isEmpty();
    }
    assertThat(arrive(night.plusSeconds(600))).isPresent();
  }

  @Test
  void arrivalsMoreThan24HoursOld_countNoMore() {
    for (int n = 0; n < NewPlaces.MIN_ACCOUNTS - 1; n++) {
      arrive(START.plusSeconds(60L * n));
    }
    assertThat(arrive(START.plus(Duration.ofHours(24)).plusSeconds(600))).isEmpty();
  }

  /**
   * Another node's arrival of 23:58, replayed here after this node's day turned at 00:05, still
   * counts within the window: the next arrival completes the eight.
   */
  @Test
  void anotherNodesArrivalReplayedAfterMidnight_stillCounts() {
    Instant midnight = quiet(START, 30).truncatedTo(ChronoUnit.DAYS).plus(Duration.ofDays(1));
    for (int n = 0; n < 5; n++) {
      assertThat(arrive(midnight.minusSeconds(600 - 60L * n))).isEmpty();
    }
    assertThat(arrive(midnight.plusSeconds(300))).isEmpty();
    assertThat(arrive(midnight.minusSeconds(120))).as("replayed late").isEmpty();
    Optional<CrossFinding> eighth = arrive(midnight.plusSeconds(600));
    assertThat(eighth).isPresent();
    assertThat(eighth.get().accounts()).hasSize(NewPlaces.MIN_ACCOUNTS);
  }

  @Test
  void whatItLearned_survivesARestart() {
    days(START, 30, 4);
    NewPlaces restarted = new NewPlaces();
    restarted.learn(places.learned().orElseThrow());
    assertThat(restarted.threshold()).isEqualTo(places.threshold()).isEqualTo(12);
  }

  /** A restart replays the stored week without teaching its days a second time. */
  @Test
  void aRestart_doesNotTeachTheStoredDaysAgain() {
    CrossAccount before = new CrossAccount(UTC);
    for (int d = 0; d < 20; d++) {
      for (int n = 0; n < 2; n++) {
        observe(before, 100 * d + n, START.plus(Duration.ofDays(d)).plusSeconds(60L * n));
      }
    }
    CrossMemory.Learned learned = learnedNewPlaces(before);
    assertThat(learned.days()).isEqualTo(19);

    CrossAccount restarted = new CrossAccount(UTC);
    restarted.remember(before.memory());

    assertThat(learnedNewPlaces(restarted).days()).isEqualTo(learned.days());
    assertThat(learnedNewPlaces(restarted).usual()).isEqualTo(learned.usual());
  }

  private static CrossMemory.Learned learnedNewPlaces(CrossAccount across) {
    return across.learned().stream()
        .filter(l -> l.organization().equals(NewPlaces.SCOPE))
        .findFirst()
        .orElseThrow();
  }

  /** Five arrivals before a restart, three after it: eight within a day all the same. */
  @Test
  void arrivalsBeforeARestart_countWithThoseAfterIt() {
    CrossAccount before = new CrossAccount(UTC);
    for (int n = 0; n < 5; n++) {
      assertThat(observe(before, n, START.plusSeconds(600L * n))).isEmpty();
    }
    CrossMemory stored = before.memory();
    assertThat(stored.observations()).hasSize(5);
    assertThat(stored.observations()).allMatch(o -> o.today().newPlace());

    CrossAccount restarted = new CrossAccount(UTC);
    restarted.remember(stored);
    List<CrossFinding> found = List.of();
    for (int n = 5; n < 8; n++) {
      found = observe(restarted, n, START.plusSeconds(600L * n));
    }
    assertThat(found).singleElement().satisfies(f -> assertThat(f.accounts()).hasSize(8));

    CrossAccount forgetful = new CrossAccount(UTC);
    for (int n = 5; n < 8; n++) {
      assertThat(observe(forgetful, n, START.plusSeconds(600L * n))).isEmpty();
    }
  }

  private static List<CrossFinding> observe(CrossAccount across, int account, Instant at) {
    Access access =
        Access.of(
            account(account),
            at,
            AccessKind.READ,
            new PersonId(new UUID(0x9E, account)),
            Link.FOLLOWED,
            "thief-pc-" + account,
            "thief-net-" + account);
    return across.observe(
        "FT-" + account, access, new OrganizationRise.Today(0, 0, 0, 0, false, true));
  }

  private static LocalDate day(Instant at, int plus) {
    return at.atZone(UTC).toLocalDate().plusDays(plus);
  }
}
