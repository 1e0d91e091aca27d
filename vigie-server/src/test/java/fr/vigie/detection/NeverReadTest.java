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
 * A thief on a partner advisor's own office PC, in its hours and at its pace, reading persons of
 * the organization the account never read (issue 9, variant-3-7): {@code never-read} and {@code
 * accumulated-never-read} suspend it within 20 persons; the owner going back to its own caseload,
 * even twice as fast, says nothing to them; and a restart forgets none of the persons read before.
 */
class NeverReadTest {
  /** Monday 2026-11-16, 08:00 UTC: 09:00 in Paris. */
  private static final Instant MONDAY = Instant.parse("2026-11-16T08:00:00Z");

  private static final ZoneId PARIS = ZoneId.of("Europe/Paris");
  private static final AccountId ACCOUNT = new AccountId(new UUID(7, 7));
  private static final AccountProfile ADVISOR =
      new AccountProfile(ACCOUNT, Role.ADVISOR, OrganizationKind.MISSION_LOCALE, null);

  /** The owner's caseload: persons 0 to 149. */
  private static final int CASELOAD = 150;

  private Detection detection = Detection.withDefaults();
  private int cursor;

  private static PersonId person(int n) {
    return new PersonId(new UUID(0x0190_0000_7000_0000L, 0x8000_0000_0000_0000L | n));
  }

  private void read(Instant at, int person, Link link) {
    detection.observe(
        ADVISOR, Access.of(ACCOUNT, at, AccessKind.READ, person(person), link, "pc", "office"));
  }

  /** What the store holds of the account before: its PC, its network, its caseload read. */
  private static AccountMemory pastUse(Instant last) {
    return AccountMemory.ofPastUse(
        ACCOUNT,
        ADVISOR.peers(),
        PARIS,
        MONDAY.minus(Duration.ofDays(400)),
        last,
        Map.of("pc", Set.of("office")),
        IntStream.range(0, CASELOAD).mapToObj(NeverReadTest::person).toList());
  }

  /**
   * An account in use for a year, then seven weeks of weekdays going through its caseload, 12
   * persons a day, half of them met.
   */
  private void work() {
    detection.remember(pastUse(MONDAY.minus(Duration.ofDays(52))));
    for (Instant day = MONDAY.minus(Duration.ofDays(49));
        day.isBefore(MONDAY);
        day = day.plus(Duration.ofDays(1))) {
      if (day.atZone(PARIS).getDayOfWeek().getValue() <= 5) {
        for (int n = 0; n < 12; n++) {
          read(
              day.plusSeconds(1800L * n),
              cursor++ % CASELOAD,
              n % 2 == 0 ? Link.APPOINTMENT : Link.FOLLOWED);
        }
      }
    }
  }

  /**
   * {@code perDay} reads a working day, from 09:00, of the persons {@code first} on, answering
   * every step-up; the persons read before suspension, or -1 when never suspended.
   */
  private int readDays(int days, int perDay, int first, Link link) {
    int read = 0;
    Instant day = MONDAY;
    for (int d = 0; d < days; d++, day = day.plus(Duration.ofDays(1))) {
      for (int n = 0; n < perDay; n++) {
        ContainmentState state = detection.state(ACCOUNT);
        if (state == ContainmentState.SUSPENDED) {
          return read;
        }
        if (state == ContainmentState.STEP_UP) {
          detection.steppedUp(ACCOUNT);
        }
        read(day.plusSeconds(1800L * n), first + read, link);
        read++;
      }
    }
    return detection.state(ACCOUNT) == ContainmentState.SUSPENDED ? read : -1;
  }

  private boolean signalled(String detector) {
    return detection.reasons(ACCOUNT).stream().anyMatch(s -> s.detector().equals(detector));
  }

  @Test
  void strangersOfItsOrganization_atTheOwnersPace_suspendedWithin20() {
    work();

    int read = readDays(5, 12, 10_000, Link.FOLLOWED);

    assertThat(read).isBetween(1, 20);
    assertThat(signalled("never-read")).isTrue();
    assertThat(signalled("accumulated-never-read")).isTrue();
  }

  @Test
  void itsOwnCaseload_twiceItsPace_saysNothingToThem() {
    work();

    int read = 0;
    for (int n = 0; n < 24; n++) {
      read(MONDAY.plusSeconds(900L * n), n % CASELOAD, Link.FOLLOWED);
      read++;
    }

    assertThat(read).isEqualTo(24);
    assertThat(signalled("never-read")).isFalse();
    assertThat(signalled("accumulated-never-read")).isFalse();
  }

  @Test
  void aFewStrangersADay_addUpAcrossDays() {
    work();

    // Five strangers a day among ten of its own persons: no one day says much, the days add up.
    int strangers = 0;
    Instant day = MONDAY;
    for (int d = 0; d < 10 && detection.state(ACCOUNT) != ContainmentState.SUSPENDED; d++) {
      for (int n = 0; n < 15 && detection.state(ACCOUNT) != ContainmentState.SUSPENDED; n++) {
        if (detection.state(ACCOUNT) == ContainmentState.STEP_UP) {
          detection.steppedUp(ACCOUNT);
        }
        boolean strange = n % 3 == 0;
        read(day.plusSeconds(1800L * n), strange ? 20_000 + strangers : n + 15 * d, Link.FOLLOWED);
        strangers += strange ? 1 : 0;
      }
      day = day.plus(Duration.ofDays(day.atZone(PARIS).getDayOfWeek().getValue() == 5 ? 3 : 1));
    }

    assertThat(detection.state(ACCOUNT)).isEqualTo(ContainmentState.SUSPENDED);
    assertThat(strangers).isBetween(1, 20);
    assertThat(signalled("accumulated-never-read")).isTrue();
  }

  @Test
  void afterARestart_thePersonsReadBeforeAreStillKnown() {
    work();
    Detection restarted = Detection.withDefaults();
    detection.memories().forEach(restarted::remember);
    detection = restarted;

    for (int n = 0; n < 12; n++) {
      read(MONDAY.plusSeconds(1800L * n), n, Link.FOLLOWED);
    }
    assertThat(signalled("never-read")).isFalse();

    int read = readDays(5, 12, 10_000, Link.FOLLOWED);
    assertThat(read).isBetween(1, 20);
  }

  @Test
  void anAccountOlderThanTheMemory_knowsItsCaseloadFromItsPastUse() {
    detection.remember(pastUse(MONDAY.minus(Duration.ofDays(3))));

    for (int n = 0; n < 20; n++) {
      read(MONDAY.plusSeconds(1200L * n), n, Link.FOLLOWED);
    }
    assertThat(signalled("never-read")).isFalse();

    int read = readDays(5, 12, 10_000, Link.FOLLOWED);
    assertThat(read).isBetween(1, 20);
  }

  @Test
  void aReleaseMidDay_dropsTheNeverReadDayWithThePersonsDay() {
    AccountHistory history = new AccountHistory(PARIS);
    PeerStats peers = new PeerStats(PARIS);
    Instant day = MONDAY;
    for (int d = 0; d < 3; d++, day = day.plus(Duration.ofDays(1))) {
      for (int n = 0; n < 5; n++) {
        history.record(
            Access.of(
                ACCOUNT,
                day.plusSeconds(600L * n),
                AccessKind.READ,
                person(100 * d + n),
                Link.FOLLOWED,
                "pc",
                "office"),
            peers);
      }
      if (d == 1) {
        history.forgive();
      }
    }

    // The released day closed neither as a baseline day nor as a day of persons never read.
    assertThat(history.baselineDays()).isEqualTo(1);
    assertThat(history.neverRead.days()).isEqualTo(history.baselineDays());
    assertThat(history.neverRead.today).isEqualTo(5);
  }
}
