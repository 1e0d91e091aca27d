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
import java.util.OptionalInt;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The owner's PC left on at the office and read at three in the morning, a few persons a night,
 * under every night's allowance (issue 9, variant-3-72): {@code hours} adds up the hours of the
 * last week's nights that neither the account nor its peers ever read in, so that the second or
 * third night contains it; one late file, and a fresh start with no peers' hours yet, say no more
 * than one such hour did.
 */
class UnusualHoursTest {
  /** Monday 2026-11-16, 08:00 UTC: 09:00 in Paris. */
  private static final Instant MONDAY = Instant.parse("2026-11-16T08:00:00Z");

  private static final int ADVISORS = 5;

  private Detection detection = listened();
  private int nextPerson;

  /** The most points {@code hours} gave advisor 0 on any read, whether or not its state rose. */
  private int hoursPoints;

  private Detection listened() {
    return Listened.detection(
        (access, spoke) -> {
          if (spoke.detector().equals("hours") && access.account().equals(account(0))) {
            hoursPoints = Math.max(hoursPoints, spoke.points());
          }
        });
  }

  private static AccountId account(int n) {
    return new AccountId(new UUID(31, n));
  }

  private static AccountProfile advisor(int n) {
    return new AccountProfile(
        account(n), Role.ADVISOR, OrganizationKind.FRANCE_TRAVAIL_AGENCY, null);
  }

  private void read(int advisor, Instant at) {
    detection.observe(
        advisor(advisor),
        Access.of(
            account(advisor),
            at,
            AccessKind.READ,
            new PersonId(new UUID(32, nextPerson++)),
            Link.FOLLOWED,
            "pc-" + advisor,
            "office"));
  }

  /** Five weeks of weekdays of five advisors at their office PCs, 09:00 to 15:00 in Paris. */
  private void work() {
    work(5, 12);
  }

  /**
   * Weekdays of {@link #ADVISORS} advisors at their office PCs from 09:00 in Paris, {@code perDay}
   * persons a day each, 30 minutes apart, until the first Monday, over {@code weeks} weeks.
   */
  private void work(int weeks, int perDay) {
    Instant day = MONDAY.minus(Duration.ofDays(7L * weeks));
    for (; day.isBefore(MONDAY); day = day.plus(Duration.ofDays(1))) {
      int dow = day.atZone(ZoneId.of("Europe/Paris")).getDayOfWeek().getValue();
      if (dow > 5) {
        continue;
      }
      for (int n = 0; n < perDay; n++) {
        for (int a = 0; a < ADVISORS; a++) {
          read(a, day.plusSeconds(1800L * n + 60L * a));
        }
      }
    }
  }

  /** 02:00 in Paris in the night after the weekday {@code days} after the first Monday. */
  private static Instant twoInTheMorning(int days) {
    return MONDAY.plus(Duration.ofDays(days)).plus(Duration.ofHours(17));
  }

  /**
   * Three persons an hour apart from {@code from} on advisor 0's PC, every step-up answered; the
   * number read before it was suspended, if it was.
   */
  private OptionalInt night(Instant from) {
    for (int i = 0; i < 3; i++) {
      ContainmentState state = detection.state(account(0));
      if (state == ContainmentState.SUSPENDED) {
        return OptionalInt.of(i);
      }
      if (state == ContainmentState.STEP_UP) {
        detection.steppedUp(account(0));
      }
      read(0, from.plus(Duration.ofHours(i)));
    }
    return detection.state(account(0)) == ContainmentState.SUSPENDED
        ? OptionalInt.of(3)
        : OptionalInt.empty();
  }

  @Test
  void threePersonsANightAtTwoInTheMorning_throttledOnTheSecondNight_suspendedOnTheThird() {
    work();

    assertThat(night(twoInTheMorning(0))).isEmpty();
    ContainmentState afterOne = detection.state(account(0));
    assertThat(night(twoInTheMorning(1))).isEmpty();
    ContainmentState afterTwo = detection.state(account(0));
    OptionalInt third = night(twoInTheMorning(2));

    assertThat(afterOne).isEqualTo(ContainmentState.STEP_UP);
    assertThat(afterTwo).isEqualTo(ContainmentState.THROTTLED);
    assertThat(third).isPresent();
    assertThat(detection.reasons(account(0)))
        .extracting(Signal::detector)
        .contains("hours", Detection.THROTTLED_AGAIN_DETECTOR);
  }

  @Test
  void theSameNights_aRestartBetween_rememberTheFirst() {
    work();
    night(twoInTheMorning(0));
    Detection restarted = listened();
    detection.memories().forEach(restarted::remember);
    detection = restarted;

    night(twoInTheMorning(1));

    assertThat(detection.state(account(0))).isEqualTo(ContainmentState.THROTTLED);
    assertThat(hoursPoints).isGreaterThanOrEqualTo(70);
  }

  @Test
  void oneLateFileAtTwoInTheMorning_saysWhatOneHourSays() {
    work();

    read(0, twoInTheMorning(0));
    read(0, twoInTheMorning(0).plus(Duration.ofMinutes(20)));

    assertThat(detection.state(account(0))).isEqualTo(ContainmentState.ACTIVE);
  }

  @Test
  void nightsAWeekApart_eachAlone() {
    work();

    night(twoInTheMorning(0));
    ContainmentState afterOne = detection.state(account(0));
    detection.steppedUp(account(0));
    night(twoInTheMorning(8));

    assertThat(afterOne).isEqualTo(ContainmentState.STEP_UP);
    assertThat(detection.state(account(0))).isNotEqualTo(ContainmentState.THROTTLED);
    assertThat(detection.state(account(0))).isNotEqualTo(ContainmentState.SUSPENDED);
  }

  /**
   * Three weeks of five advisors, 24 persons a day: 1,800 reads, enough for an hour none of them
   * ever read in to show, but 70 days, too few for their hours to say anything of a night.
   */
  @Test
  void freshStart_peersWithoutDaysEnough_nightsDoNotAddUp() {
    work(3, 24);

    night(twoInTheMorning(0));
    night(twoInTheMorning(1));

    assertThat(hoursPoints).isEqualTo(25);
  }
}
