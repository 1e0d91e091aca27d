package fr.vigie.detection;

import static org.assertj.core.api.Assertions.assertThat;

import fr.vigie.identity.AccountId;
import fr.vigie.identity.ContainmentState;
import fr.vigie.identity.OrganizationKind;
import fr.vigie.identity.Role;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * A thief on the owner's own PC reading fast in the early evening, an hour the owner never worked
 * and not yet the ceilings' night (issue 9, variant-1-121): {@code own-hours} joins {@code pace}
 * and {@code volume} and suspends it sooner; the same pace in the owner's own hours is left to
 * them, and an odd evening of a few files says nothing.
 */
class OwnHoursTest {
  /** Monday 2026-11-16, 08:00 UTC: 09:00 in Paris. */
  private static final Instant MONDAY = Instant.parse("2026-11-16T08:00:00Z");

  /** Friday 2026-11-20, 17:00 UTC: 18:00 in Paris, after the owner's usual day. */
  private static final Instant FRIDAY_EVENING = Instant.parse("2026-11-20T17:00:00Z");

  private static final AccountId ACCOUNT = new AccountId(new UUID(6, 6));
  private static final AccountProfile ADVISOR =
      new AccountProfile(ACCOUNT, Role.ADVISOR, OrganizationKind.CAP_EMPLOI, null);

  private Detection detection = Detection.withDefaults();
  private final OfficePcReads reads = new OfficePcReads(ADVISOR);

  private void read(Instant at, Link link) {
    detection.observe(ADVISOR, reads.next(at, link));
  }

  /** Five weeks of weekdays at the office PC, 09:00 to 15:00 in Paris, 12 persons a day. */
  private void work() {
    Instant day = MONDAY.minus(Duration.ofDays(35));
    for (; day.isBefore(MONDAY); day = day.plus(Duration.ofDays(1))) {
      int dow = day.atZone(ZoneId.of("Europe/Paris")).getDayOfWeek().getValue();
      if (dow <= 5) {
        for (int n = 0; n < 12; n++) {
          read(day.plusSeconds(1800L * n), n % 2 == 0 ? Link.APPOINTMENT : Link.FOLLOWED);
        }
      }
    }
  }

  /** One person a minute by a reader answering every step-up; how many before suspension. */
  private int readAMinute(Instant from, int n) {
    for (int i = 0; i < n; i++) {
      ContainmentState state = detection.state(ACCOUNT);
      if (state == ContainmentState.SUSPENDED) {
        return i;
      }
      if (state == ContainmentState.STEP_UP) {
        detection.steppedUp(ACCOUNT);
      }
      read(from.plusSeconds(60L * i), Link.FOLLOWED);
    }
    return detection.state(ACCOUNT) == ContainmentState.SUSPENDED ? n : -1;
  }

  private boolean signalled(String detector) {
    return detection.reasons(ACCOUNT).stream().anyMatch(s -> s.detector().equals(detector));
  }

  @Test
  void aMinuteAtAnHourNeverWorked_suspendedSooner_ownHoursAmongTheReasons() {
    work();

    int read = readAMinute(FRIDAY_EVENING, 60);

    assertThat(read).isBetween(6, 20);
    assertThat(signalled(OwnHours.NAME)).isTrue();
  }

  @Test
  void fiveFilesAtAnHourNeverWorked_sayNothing() {
    work();

    readAMinute(FRIDAY_EVENING, 5);

    assertThat(detection.state(ACCOUNT)).isEqualTo(ContainmentState.ACTIVE);
    assertThat(signalled(OwnHours.NAME)).isFalse();
  }

  /** Its points climb from 35 at six persons to 60 at eighteen, and no further. */
  @Test
  void points_climbWithThePersonsReadAtSuchHours() {
    assertThat(OwnHours.points(OwnHours.PERSONS)).isEqualTo(35);
    assertThat(OwnHours.points(12)).isBetween(45, 50);
    assertThat(OwnHours.points(18)).isEqualTo(60);
    assertThat(OwnHours.points(400)).isEqualTo(60);
  }

  /**
   * Ten an hour from the owner's PC on an evening it never worked, every step-up answered: the
   * caseload read at an evening's pace, which `pace` hardly sees; `own-hours` weighs the more
   * persons it read and suspends it with the others.
   */
  @Test
  void tenAnHourAtAnHourNeverWorked_suspendedWithOwnHoursAtItsMost() {
    work();

    int read = 0;
    for (; read < 60 && detection.state(ACCOUNT) != ContainmentState.SUSPENDED; read++) {
      if (detection.state(ACCOUNT) == ContainmentState.STEP_UP) {
        detection.steppedUp(ACCOUNT);
      }
      read(FRIDAY_EVENING.plusSeconds(360L * read), Link.FOLLOWED);
    }

    assertThat(detection.state(ACCOUNT)).isEqualTo(ContainmentState.SUSPENDED);
    assertThat(read).isLessThanOrEqualTo(20);
    assertThat(detection.reasons(ACCOUNT))
        .anySatisfy(
            s -> {
              assertThat(s.detector()).isEqualTo(OwnHours.NAME);
              assertThat(s.points()).isGreaterThan(OwnHours.POINTS);
            });
  }

  @Test
  void aMinuteInTheOwnersHours_noOwnHours() {
    work();

    readAMinute(MONDAY.plus(Duration.ofHours(1)), 60);

    assertThat(signalled(OwnHours.NAME)).isFalse();
  }

  @Test
  void aMinuteAtAnHourNeverWorked_suspendedSoonerThanWithoutOwnHours() {
    work();
    int with = readAMinute(FRIDAY_EVENING, 60);

    detection =
        new Detection(
            Ceilings.defaults(),
            Detectors.defaults().stream().filter(d -> !d.name().equals(OwnHours.NAME)).toList(),
            Thresholds.defaults());
    reads.restart();
    work();
    int without = readAMinute(FRIDAY_EVENING, 60);

    assertThat(with).isPositive();
    assertThat(without).isGreaterThan(with);
  }
}
