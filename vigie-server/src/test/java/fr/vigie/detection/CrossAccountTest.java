package fr.vigie.detection;

import static org.assertj.core.api.Assertions.assertThat;

import fr.vigie.identity.AccountId;
import fr.vigie.identity.ContainmentState;
import fr.vigie.identity.OrganizationKind;
import fr.vigie.identity.Role;
import fr.vigie.registry.PersonId;
import fr.vigie.testing.TestingClock;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The detectors across accounts: an organization's accounts rising together, the same persons read
 * by several accounts nothing links to them, reads walking the register; each names every account
 * involved and asks each for a step-up, and ordinary days of the same accounts raise nothing.
 */
class CrossAccountTest {
  /** Monday 2026-11-16, 08:00 UTC: 09:00 in Paris. */
  private static final Instant MONDAY = Instant.parse("2026-11-16T08:00:00Z");

  private static final ZoneId PARIS = ZoneId.of("Europe/Paris");
  private static final String AGENCY = "agency-1";

  private final Detection detection = Detection.withDefaults();
  private final TestingClock clock = new TestingClock(MONDAY.minus(Duration.ofDays(35)));
  private final Random random = new Random(7);
  private final List<AccountId> accounts = new ArrayList<>();

  private AccountId account(int n) {
    while (accounts.size() <= n) {
      accounts.add(new AccountId(new UUID(77, accounts.size())));
    }
    return accounts.get(n);
  }

  private PersonId anyPerson() {
    return new PersonId(new UUID(random.nextLong(), random.nextLong()));
  }

  private static PersonId person(long index) {
    return new PersonId(new UUID(0x5E50, index));
  }

  /** Observes the read, as the server and the simulation do, then looks across accounts. */
  private List<Detection.Rise> read(int account, PersonId person, Link link) {
    return read(account, person, link, "pc-" + account, "office");
  }

  /** The same from {@code device} on {@code network}. */
  private List<Detection.Rise> read(
      int account, PersonId person, Link link, String device, String network) {
    AccountId id = account(account);
    AccountProfile profile =
        new AccountProfile(id, Role.ADVISOR, OrganizationKind.FRANCE_TRAVAIL_AGENCY, null);
    Access access = Access.of(id, clock.instant(), AccessKind.READ, person, link, device, network);
    detection.observe(profile, access);
    return detection.across(AGENCY, access);
  }

  /** Five weeks of weekdays of {@code count} advisors: 12 persons a day, one justified a week. */
  private void work(int count) {
    while (clock.instant().isBefore(MONDAY)) {
      DayOfWeek day = clock.instant().atZone(PARIS).getDayOfWeek();
      if (day.getValue() <= 5) {
        for (int n = 0; n < 12; n++) {
          for (int a = 0; a < count; a++) {
            boolean glass = day == DayOfWeek.WEDNESDAY && n == 5 && a % 2 == 0;
            read(
                a,
                anyPerson(),
                glass ? Link.OUTSIDE : n % 2 == 0 ? Link.APPOINTMENT : Link.FOLLOWED);
          }
          clock.advance(Duration.ofMinutes(30));
        }
        clock.advance(Duration.ofHours(18));
      } else {
        clock.advance(Duration.ofDays(1));
      }
    }
  }

  private ContainmentState state(int account) {
    return detection.state(account(account));
  }

  private List<Signal> signals(int account, String detector) {
    return detection.reasons(account(account)).stream()
        .filter(s -> s.detector().equals(detector))
        .toList();
  }

  @Test
  void organizationRise_twoAccountsBreakingTheGlassOften_raisesNothingAcross() {
    work(20);
    for (int n = 0; n < 10; n++) {
      read(0, anyPerson(), Link.OUTSIDE);
      read(1, anyPerson(), Link.OUTSIDE);
      clock.advance(Duration.ofMinutes(20));
    }
    assertThat(signals(0, OrganizationRise.NAME)).isEmpty();
    assertThat(signals(1, OrganizationRise.NAME)).isEmpty();
  }

  @Test
  void organizationRise_fiveAccountsAtOnce_stepsUpEachAndTheLastAlertNamesAllFive() {
    work(20);
    for (int n = 0; n < 6; n++) {
      for (int a = 0; a < 5; a++) {
        read(a, anyPerson(), Link.OUTSIDE);
        clock.advance(Duration.ofMinutes(7));
      }
    }
    for (int a = 0; a < 5; a++) {
      assertThat(state(a)).as("account %d", a).isGreaterThanOrEqualTo(ContainmentState.STEP_UP);
      assertThat(signals(a, OrganizationRise.NAME)).as("account %d", a).hasSize(1);
    }
    String reason = signals(4, OrganizationRise.NAME).getFirst().reason();
    for (int a = 0; a < 5; a++) {
      assertThat(reason).contains(account(a).value().toString());
    }
    for (int a = 5; a < 20; a++) {
      assertThat(state(a)).as("account %d", a).isEqualTo(ContainmentState.ACTIVE);
      assertThat(reason).doesNotContain(account(a).value().toString());
    }
  }

  @Test
  void organizationRise_implicatedAccount_suspendedWhenAnotherDetectorAgrees() {
    work(20);
    for (int n = 0; n < 6; n++) {
      for (int a = 0; a < 5; a++) {
        read(a, anyPerson(), Link.OUTSIDE);
        clock.advance(Duration.ofMinutes(7));
      }
    }
    assertThat(state(0)).isBetween(ContainmentState.STEP_UP, ContainmentState.THROTTLED);
    detection.steppedUp(account(0));
    // Account 0 goes on breaking the glass: alone, broken-glass would ask for a step-up at most.
    for (int n = 0; n < 12 && state(0) != ContainmentState.SUSPENDED; n++) {
      read(0, anyPerson(), Link.OUTSIDE);
      clock.advance(Duration.ofMinutes(5));
    }
    assertThat(state(0)).isEqualTo(ContainmentState.SUSPENDED);
    assertThat(detection.reasons(account(0)).stream().map(Signal::detector))
        .contains(OrganizationRise.NAME);
  }

  /**
   * Five accounts read their own caseloads at 12 persons an hour, eight times their usual hour: no
   * day's total is out of the ordinary yet (fewer than 20 unexplained above the usual), but the
   * hours are, all at once.
   */
  @Test
  void organizationRise_fiveAccountsHurryingThroughTheirCaseloads_namesAllFive() {
    work(20);
    for (int n = 0; n < 12; n++) {
      for (int a = 0; a < 5; a++) {
        read(a, anyPerson(), Link.FOLLOWED);
      }
      clock.advance(Duration.ofMinutes(5));
    }
    for (int a = 0; a < 5; a++) {
      assertThat(signals(a, OrganizationRise.NAME)).as("account %d", a).hasSize(1);
    }
    String reason = signals(4, OrganizationRise.NAME).getFirst().reason();
    assertThat(reason).contains("far faster than their usual hour");
    for (int a = 0; a < 5; a++) {
      assertThat(reason).contains(account(a).value().toString());
    }
    for (int a = 5; a < 20; a++) {
      assertThat(state(a)).as("account %d", a).isEqualTo(ContainmentState.ACTIVE);
    }
  }

  /**
   * A hurried hour counts for an hour: two accounts hurrying in the morning and a third after lunch
   * are not three at once.
   */
  @Test
  void organizationRise_hurriedHoursApart_raiseNothingAcross() {
    work(20);
    for (int n = 0; n < 12; n++) {
      read(0, anyPerson(), Link.FOLLOWED);
      read(1, anyPerson(), Link.FOLLOWED);
      clock.advance(Duration.ofMinutes(5));
    }
    clock.advance(Duration.ofHours(2));
    for (int n = 0; n < 12; n++) {
      read(2, anyPerson(), Link.FOLLOWED);
      clock.advance(Duration.ofMinutes(5));
    }
    for (int a = 0; a < 3; a++) {
      assertThat(signals(a, OrganizationRise.NAME)).as("account %d", a).isEmpty();
    }
  }

  @Test
  void organizationRise_tenAccountsOnSessionAndReceptionLists_raiseNothingAcross() {
    work(20);
    List<PersonId> session = new ArrayList<>();
    for (int n = 0; n < 40; n++) {
      session.add(person(9000 + n));
    }
    // A collective session and the reception desk, made explicit by a manager: the same persons in
    // the register's order, read by ten accounts.
    for (PersonId listed : session) {
      for (int a = 0; a < 10; a++) {
        read(a, listed, Link.TIME_BOXED);
      }
      clock.advance(Duration.ofMinutes(4));
    }
    for (int a = 0; a < 10; a++) {
      assertThat(detection.reasons(account(a)).stream().map(Signal::detector))
          .as("account %d", a)
          .doesNotContain(OrganizationRise.NAME, SharedPersons.NAME, RegisterWalk.NAME);
    }
  }

  @Test
  void sharedPersons_twoAccountsOrLinkedReaders_raiseNothing() {
    work(10);
    PersonId shared = anyPerson();
    read(0, shared, Link.OUTSIDE);
    read(1, shared, Link.OUTSIDE);
    read(2, shared, Link.FOLLOWED);
    read(3, shared, Link.TIME_BOXED);
    read(4, shared, Link.APPOINTMENT);
    for (int a = 0; a < 5; a++) {
      assertThat(signals(a, SharedPersons.NAME)).as("account %d", a).isEmpty();
    }
  }

  @Test
  void sharedPersons_threeUnlinkedAccountsOnOnePerson_stepsUpAllThreeNamed() {
    work(10);
    PersonId shared = anyPerson();
    read(0, shared, Link.OUTSIDE);
    clock.advance(Duration.ofDays(2));
    read(1, shared, Link.OUTSIDE);
    clock.advance(Duration.ofHours(3));
    read(2, shared, Link.OUTSIDE);
    for (int a = 0; a < 3; a++) {
      assertThat(state(a)).as("account %d", a).isGreaterThanOrEqualTo(ContainmentState.STEP_UP);
      String reason = signals(a, SharedPersons.NAME).getFirst().reason();
      assertThat(reason)
          .contains(account(0).toString(), account(1).toString(), account(2).toString());
    }
    assertThat(state(3)).isEqualTo(ContainmentState.ACTIVE);
  }

  @Test
  void sharedPersons_readsAWeekApart_raiseNothing() {
    work(10);
    PersonId shared = anyPerson();
    read(0, shared, Link.OUTSIDE);
    clock.advance(Duration.ofDays(4));
    read(1, shared, Link.OUTSIDE);
    clock.advance(Duration.ofDays(4));
    read(2, shared, Link.OUTSIDE);
    assertThat(signals(2, SharedPersons.NAME)).isEmpty();
  }

  @Test
  void registerWalk_oneAccountInTheRegistersOrder_stepsUpAtItsEighthRead() {
    work(5);
    int read = 0;
    while (state(0) == ContainmentState.ACTIVE && read < 20) {
      read(0, person(1000 + 3L * read), Link.OUTSIDE);
      read++;
      clock.advance(Duration.ofMinutes(10));
    }
    assertThat(read).isEqualTo(RegisterWalk.RUN);
    assertThat(signals(0, RegisterWalk.NAME)).hasSize(1);
  }

  @Test
  void registerWalk_oneAccountInNoOrder_raisesNothing() {
    work(5);
    List<Long> indexes = new ArrayList<>();
    for (long i = 0; i < 20; i++) {
      indexes.add(1000 + 3 * i);
    }
    Collections.shuffle(indexes, new Random(3));
    // A shuffle with a run of 8 would be a walk; this one has none.
    for (long index : indexes) {
      read(0, person(index), Link.OUTSIDE);
      clock.advance(Duration.ofMinutes(10));
    }
    assertThat(signals(0, RegisterWalk.NAME)).isEmpty();
  }

  /** A partner's advisors follow every person referred to their organization: a walk of those. */
  @Test
  void registerWalk_oneAccountThroughPersonsItFollows_stepsUpAtItsTwelfthRead() {
    work(5);
    int read = 0;
    while (state(0) == ContainmentState.ACTIVE && read < 30) {
      read(0, person(1000 + 3L * read), Link.FOLLOWED);
      read++;
      clock.advance(Duration.ofMinutes(10));
    }
    assertThat(read).isEqualTo(RegisterWalk.FOLLOWED_RUN);
    assertThat(signals(0, RegisterWalk.NAME)).hasSize(1);
    assertThat(signals(0, RegisterWalk.NAME).getFirst().reason())
        .contains(account(0).value().toString());
    assertThat(state(1)).isEqualTo(ContainmentState.ACTIVE);
  }

  @Test
  void registerWalk_personsItFollowsInNoOrder_raiseNothing() {
    work(5);
    List<Long> indexes = new ArrayList<>();
    for (long i = 0; i < 30; i++) {
      indexes.add(1000 + 3 * i);
    }
    Collections.shuffle(indexes, new Random(3));
    for (long index : indexes) {
      read(0, person(index), Link.FOLLOWED);
      clock.advance(Duration.ofMinutes(10));
    }
    assertThat(signals(0, RegisterWalk.NAME)).isEmpty();
  }

  @Test
  void registerWalk_tenAccountsTakingTurns_namesEveryOne() {
    work(12);
    long next = 5000;
    for (int round = 0; round < 4; round++) {
      for (int a = 0; a < 10; a++) {
        read(a, person(next++), Link.OUTSIDE);
        read(10 + a % 2, anyPerson(), Link.OUTSIDE);
        clock.advance(Duration.ofMinutes(3));
      }
    }
    for (int a = 0; a < 10; a++) {
      assertThat(state(a)).as("account %d", a).isGreaterThanOrEqualTo(ContainmentState.STEP_UP);
      assertThat(signals(a, RegisterWalk.NAME)).as("account %d", a).hasSize(1);
    }
  }

  @Test
  void registerWalk_manyHonestGlassBreaksInNoOrder_raiseNothing() {
    work(30);
    for (int n = 0; n < 600; n++) {
      read(n % 30, anyPerson(), Link.OUTSIDE);
      clock.advance(Duration.ofSeconds(100));
    }
    for (int a = 0; a < 30; a++) {
      assertThat(signals(a, RegisterWalk.NAME)).as("account %d", a).isEmpty();
    }
  }

  /** Reads a person of its caseload from a device and a network of its own, never seen before. */
  private List<Detection.Rise> readFromNewPlace(int account) {
    return read(account, anyPerson(), Link.FOLLOWED, "thief-pc-" + account, "thief-net-" + account);
  }

  @Test
  void newPlaces_eightAccountsEachFromAPlaceNewToIt_stepsUpEachAndNamesAllEight() {
    work(20);
    for (int a = 0; a < NewPlaces.MIN_ACCOUNTS; a++) {
      readFromNewPlace(a);
      clock.advance(Duration.ofMinutes(3));
    }
    for (int a = 0; a < NewPlaces.MIN_ACCOUNTS; a++) {
      assertThat(state(a)).as("account %d", a).isGreaterThanOrEqualTo(ContainmentState.STEP_UP);
      assertThat(signals(a, NewPlaces.NAME)).as("account %d", a).hasSize(1);
    }
    String reason = signals(NewPlaces.MIN_ACCOUNTS - 1, NewPlaces.NAME).getFirst().reason();
    for (int a = 0; a < NewPlaces.MIN_ACCOUNTS; a++) {
      assertThat(reason).contains(account(a).value().toString());
    }
    for (int a = NewPlaces.MIN_ACCOUNTS; a < 20; a++) {
      assertThat(state(a)).as("account %d", a).isEqualTo(ContainmentState.ACTIVE);
      assertThat(reason).doesNotContain(account(a).value().toString());
    }
  }

  /** A ninth account at a new place the same day is named too, in an alert of its own. */
  @Test
  void newPlaces_anAccountArrivingAfterTheAlert_isNamedToo() {
    work(20);
    for (int a = 0; a <= NewPlaces.MIN_ACCOUNTS; a++) {
      readFromNewPlace(a);
      clock.advance(Duration.ofMinutes(20));
    }
    assertThat(signals(NewPlaces.MIN_ACCOUNTS, NewPlaces.NAME)).hasSize(1);
    assertThat(state(NewPlaces.MIN_ACCOUNTS)).isGreaterThanOrEqualTo(ContainmentState.STEP_UP);
  }

  @Test
  void newPlaces_sevenAccounts_raiseNothingAcross() {
    work(20);
    for (int a = 0; a < NewPlaces.MIN_ACCOUNTS - 1; a++) {
      readFromNewPlace(a);
      clock.advance(Duration.ofMinutes(3));
    }
    for (int a = 0; a < NewPlaces.MIN_ACCOUNTS - 1; a++) {
      assertThat(signals(a, NewPlaces.NAME)).as("account %d", a).isEmpty();
    }
  }

  /** Each a day after the one before: never eight within a day. */
  @Test
  void newPlaces_arrivalsADayApart_raiseNothing() {
    work(20);
    for (int a = 0; a < 2 * NewPlaces.MIN_ACCOUNTS; a++) {
      readFromNewPlace(a);
      clock.advance(Duration.ofHours(25));
    }
    for (int a = 0; a < 2 * NewPlaces.MIN_ACCOUNTS; a++) {
      assertThat(signals(a, NewPlaces.NAME)).as("account %d", a).isEmpty();
    }
  }

  /**
   * New office PCs for the whole agency, handed out the same morning: a new device on the usual
   * network is not a new place.
   */
  @Test
  void newPlaces_twentyNewPcsInTheOffice_raiseNothing() {
    work(20);
    for (int a = 0; a < 20; a++) {
      read(a, anyPerson(), Link.FOLLOWED, "new-pc-" + a, "office");
      clock.advance(Duration.ofMinutes(2));
    }
    for (int a = 0; a < 20; a++) {
      assertThat(signals(a, NewPlaces.NAME)).as("account %d", a).isEmpty();
    }
  }

  /** Accounts younger than four weeks have no usual place: a new one is no evidence. */
  @Test
  void newPlaces_accountsInTheirFirstWeeks_raiseNothing() {
    clock.advance(Duration.ofDays(28));
    for (int a = 0; a < 2 * NewPlaces.MIN_ACCOUNTS; a++) {
      read(a, anyPerson(), Link.FOLLOWED);
    }
    clock.advance(Duration.ofDays(7));
    for (int a = 0; a < 2 * NewPlaces.MIN_ACCOUNTS; a++) {
      readFromNewPlace(a);
      clock.advance(Duration.ofMinutes(3));
    }
    for (int a = 0; a < 2 * NewPlaces.MIN_ACCOUNTS; a++) {
      assertThat(signals(a, NewPlaces.NAME)).as("account %d", a).isEmpty();
    }
  }

  @Test
  void threshold_growsAsTwiceTheRootOfTheReads() {
    assertThat(RegisterWalk.threshold(1)).isEqualTo(RegisterWalk.MIN_CHAIN);
    assertThat(RegisterWalk.threshold(400)).isBetween(40.0, 60.0);
    // 1,000 reads in no order: the longest monotone chain is about 60, far under the threshold.
    assertThat(RegisterWalk.threshold(1000)).isGreaterThan(2 * Math.sqrt(1000) + 10);
  }
}
