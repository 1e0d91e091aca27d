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
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * A thief on the owner's own PC reading night after night (issue 9, variant-1-127): the first night
 * over the account's allowance is not learned as usual, and the second one suspends it with {@code
 * off-hours-again}; one late evening, or evenings within the allowance, say nothing.
 */
class NightAfterNightTest {
  /** Monday 2026-11-16, 08:00 UTC: 09:00 in Paris. */
  private static final Instant MONDAY = Instant.parse("2026-11-16T08:00:00Z");

  private static final AccountId ACCOUNT = new AccountId(new UUID(5, 5));
  private static final AccountProfile ADVISOR =
      new AccountProfile(ACCOUNT, Role.ADVISOR, OrganizationKind.MISSION_LOCALE, null);

  /** Every detector that spoke on a read, whether or not the account's state rose. */
  private final Set<String> raised = new HashSet<>();

  private Detection detection = listened();
  private int nextPerson;

  private Detection listened() {
    return Listened.detection((access, spoke) -> raised.add(spoke.detector()));
  }

  private void read(Instant at) {
    detection.observe(
        ADVISOR,
        Access.of(
            ACCOUNT,
            at,
            AccessKind.READ,
            new PersonId(new UUID(9, nextPerson++)),
            nextPerson % 2 == 0 ? Link.APPOINTMENT : Link.FOLLOWED,
            "pc",
            "office"));
  }

  /** Five weeks of weekdays at the office PC, 12 persons a day, never at night. */
  private void work() {
    Instant day = MONDAY.minus(Duration.ofDays(35));
    for (; day.isBefore(MONDAY); day = day.plus(Duration.ofDays(1))) {
      int dow = day.atZone(ZoneId.of("Europe/Paris")).getDayOfWeek().getValue();
      if (dow <= 5) {
        for (int n = 0; n < 12; n++) {
          read(day.plusSeconds(1800L * n));
        }
      }
    }
  }

  /**
   * {@code n} persons from {@code from}, {@code gap} seconds apart, by a reader answering every
   * step-up; how many were read before suspension, or -1.
   */
  private int night(Instant from, int n, long gap) {
    for (int i = 0; i < n; i++) {
      ContainmentState state = detection.state(ACCOUNT);
      if (state == ContainmentState.SUSPENDED) {
        return i;
      }
      if (state == ContainmentState.STEP_UP) {
        detection.steppedUp(ACCOUNT);
      }
      read(from.plusSeconds(gap * i));
    }
    return detection.state(ACCOUNT) == ContainmentState.SUSPENDED ? n : -1;
  }

  private boolean signalled(String detector) {
    return raised.contains(detector)
        || detection.reasons(ACCOUNT).stream().anyMatch(s -> s.detector().equals(detector));
  }

  /** 21:00 in Paris, {@code days} after the first Monday. */
  private static Instant evening(int days) {
    return MONDAY.plus(Duration.ofDays(days)).plus(Duration.ofHours(12));
  }

  @Test
  void twoNightsFromTheOwnerPc_secondSuspendedWithinAFewPersons_offHoursAgain() {
    work();
    // Two an hour from 21:00 to midnight: over the allowance, not enough for off-hours to suspend.
    assertThat(night(evening(0), 6, 1800)).isEqualTo(-1);

    int read = night(evening(1), 20, 1800);

    assertThat(read).isBetween(4, 8);
    assertThat(signalled(OffHoursAgain.NAME)).isTrue();
    assertThat(signalled("off-hours")).isTrue();
  }

  @Test
  void restartBetweenTheTwoNights_forgetsNothing() {
    work();
    night(evening(0), 6, 1800);
    AccountMemory memory = detection.memory(ACCOUNT).orElseThrow();
    detection = listened();
    detection.remember(memory);

    int read = night(evening(1), 20, 1800);

    assertThat(read).isBetween(4, 8);
    assertThat(signalled(OffHoursAgain.NAME)).isTrue();
  }

  @Test
  void nightOverTheAllowance_notLearnedAsUsual() {
    work();
    night(evening(0), 10, 600);
    detection.release(ACCOUNT);
    // Eight days later, beyond the week of off-hours-again: the allowance is still the owner's.
    night(evening(8), 5, 600);

    assertThat(signalled("off-hours")).isTrue();
    assertThat(signalled(OffHoursAgain.NAME)).isFalse();
  }

  @Test
  void oneLateEveningThenEveningsWithinTheAllowance_raiseNoSuspension() {
    work();
    night(evening(0), 6, 600);
    detection.release(ACCOUNT);

    night(evening(1), 3, 600);
    night(evening(2), 3, 600);

    assertThat(detection.state(ACCOUNT)).isEqualTo(ContainmentState.ACTIVE);
    assertThat(signalled(OffHoursAgain.NAME)).isFalse();
  }

  @Test
  void twoLateEveningsTwoWeeksApart_sayNoOffHoursAgain() {
    work();
    night(evening(0), 6, 600);
    detection.release(ACCOUNT);

    night(evening(14), 6, 600);

    assertThat(signalled(OffHoursAgain.NAME)).isFalse();
    assertThat(detection.state(ACCOUNT)).isNotEqualTo(ContainmentState.SUSPENDED);
  }

  @Test
  void oneNightPastMidnight_overTheAllowance_sayNoOffHoursAgain() {
    work();

    night(evening(0), 11, 1800);

    assertThat(signalled("off-hours")).isTrue();
    assertThat(signalled(OffHoursAgain.NAME)).isFalse();
  }

  @Test
  void oneWeekendSaturdayThenSunday_overTheAllowance_sayNoOffHoursAgain() {
    work();
    Instant saturday = MONDAY.plus(Duration.ofDays(5)).plus(Duration.ofHours(1));

    night(saturday, 5, 1800);
    night(saturday.plus(Duration.ofDays(1)), 5, 1800);

    assertThat(signalled("off-hours")).isTrue();
    assertThat(signalled(OffHoursAgain.NAME)).isFalse();
  }

  @Test
  void twoNightsPastMidnight_secondSaysOffHoursAgain() {
    work();
    // One an hour from 21:00 to 02:00: over the allowance, not enough for off-hours to suspend.
    assertThat(night(evening(0), 6, 3600)).isEqualTo(-1);

    int read = night(evening(1), 20, 1800);

    assertThat(read).isBetween(4, 8);

    assertThat(signalled(OffHoursAgain.NAME)).isTrue();
  }

  @Test
  void releasedInTheNight_nextReadThenRaisesNothing() {
    work();
    night(evening(0), 8, 600);
    assertThat(signalled(OwnHours.NAME)).isTrue();
    detection.release(ACCOUNT);
    raised.clear();

    read(evening(0).plus(Duration.ofMinutes(90)));

    assertThat(raised).doesNotContain(OwnHours.NAME, OffHoursAgain.NAME, "off-hours");
    assertThat(detection.state(ACCOUNT)).isEqualTo(ContainmentState.ACTIVE);
  }
}
