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
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The owner's office PC cookie read from a network of the thief's, the owner away (issue 9): a
 * device that only ever worked on the shared office network, now on a network no other account
 * uses, is strong evidence; a laptop that already went home, on a new home box, is not.
 */
class MovedOfficePcTest {
  /** Monday 2026-11-16, 08:00 UTC: 09:00 in Paris. */
  private static final Instant MONDAY = Instant.parse("2026-11-16T08:00:00Z");

  private static final ZoneId PARIS = ZoneId.of("Europe/Paris");
  private static final AccountId ACCOUNT = new AccountId(new UUID(5, 5));
  private static final AccountId COLLEAGUE = new AccountId(new UUID(5, 6));
  private static final AccountProfile ADVISOR = profile(ACCOUNT);
  private static final AccountProfile OTHER = profile(COLLEAGUE);

  private Detection detection = Detection.withDefaults();
  private int nextPerson;

  /** Every state the owner's account rose to, and the detectors behind each rise. */
  private final List<Verdict> verdicts = new ArrayList<>();

  private static AccountProfile profile(AccountId account) {
    return new AccountProfile(account, Role.ADVISOR, OrganizationKind.FRANCE_TRAVAIL_AGENCY, null);
  }

  private void read(AccountProfile who, Instant at, Link link, String device, String network) {
    detection
        .observe(
            who,
            Access.of(
                who.account(),
                at,
                AccessKind.READ,
                new PersonId(new UUID(9, nextPerson++)),
                link,
                device,
                network))
        .filter(v -> v.account().equals(ACCOUNT))
        .ifPresent(verdicts::add);
  }

  /**
   * Five weeks of weekdays, 12 persons a day: the owner on its office device at the office (and, on
   * Wednesdays when {@code remote}, on the same device at home), a colleague at the same office.
   */
  private void work(String device, boolean remote) {
    Instant day = MONDAY.minus(Duration.ofDays(35));
    for (; day.isBefore(MONDAY); day = day.plus(Duration.ofDays(1))) {
      int dow = day.atZone(PARIS).getDayOfWeek().getValue();
      if (dow > 5) {
        continue;
      }
      String network = remote && dow == 3 ? "home" : "office";
      for (int n = 0; n < 12; n++) {
        Link link = n % 2 == 0 ? Link.APPOINTMENT : Link.FOLLOWED;
        read(ADVISOR, day.plusSeconds(1800L * n), link, device, network);
        read(OTHER, day.plusSeconds(1800L * n + 60), link, "pc-colleague", "office");
      }
    }
  }

  /**
   * Reads {@code n} followed persons {@code gap} seconds apart from {@code device} on {@code
   * network}, answering every step-up; how many were read before suspension, or -1.
   */
  private int readAnsweringUntilSuspended(
      Instant from, int n, long gap, String device, String network) {
    for (int i = 0; i < n; i++) {
      ContainmentState state = detection.state(ACCOUNT);
      if (state == ContainmentState.SUSPENDED) {
        return i;
      }
      if (state == ContainmentState.STEP_UP) {
        detection.steppedUp(ACCOUNT);
      }
      read(ADVISOR, from.plusSeconds(gap * i), Link.FOLLOWED, device, network);
    }
    return detection.state(ACCOUNT) == ContainmentState.SUSPENDED ? n : -1;
  }

  private boolean signalled(String detector) {
    return verdicts.stream()
        .flatMap(v -> v.reasons().stream())
        .anyMatch(s -> s.detector().equals(detector));
  }

  private void restart() {
    Detection after = Detection.withDefaults();
    detection.memories().forEach(after::remember);
    detection = after;
  }

  @Test
  void officePcFromTheThiefsNetwork_aMinuteApart_suspendedWithin20Persons() {
    work("pc", false);

    int read = readAnsweringUntilSuspended(MONDAY, 60, 60, "pc", "thief-box");

    assertThat(read).isBetween(6, 20);
    assertThat(signalled("moved-office-pc")).isTrue();
  }

  @Test
  void roamingLaptopOnANewHomeBox_aUsualDay_raisesNothing() {
    work("laptop", true);

    int read = readAnsweringUntilSuspended(MONDAY, 12, 1800, "laptop", "new-home-box");

    assertThat(read).isEqualTo(-1);
    assertThat(verdicts).isEmpty();
  }

  @Test
  void officePcOnAnotherSharedNetwork_raisesNothing() {
    work("pc", false);
    read(OTHER, MONDAY.minusSeconds(60), Link.APPOINTMENT, "pc-colleague", "other-site");

    readAnsweringUntilSuspended(MONDAY, 12, 1800, "pc", "other-site");

    assertThat(signalled("moved-office-pc")).isFalse();
    assertThat(detection.state(ACCOUNT)).isNotEqualTo(ContainmentState.SUSPENDED);
  }

  @Test
  void officePcTakenHomeAtTheUsualPace_alone_asksAtMostForAStepUp() {
    work("pc", false);

    for (int n = 0; n < 12; n++) {
      if (detection.state(ACCOUNT) == ContainmentState.STEP_UP) {
        detection.steppedUp(ACCOUNT);
      }
      Link link = n % 2 == 0 ? Link.APPOINTMENT : Link.FOLLOWED;
      read(ADVISOR, MONDAY.plusSeconds(1800L * n), link, "pc", "home");
    }

    assertThat(verdicts).extracting(Verdict::state).containsOnly(ContainmentState.STEP_UP);
    assertThat(signalled("moved-office-pc")).isTrue();
  }

  @Test
  void restart_keepsWhichNetworksEachDeviceUsed_andTheCountFromTheMovedPc() {
    work("pc", false);
    readAnsweringUntilSuspended(MONDAY, 4, 1800, "pc", "thief-box");
    restart();
    assertThat(detection.memory(ACCOUNT).orElseThrow().state())
        .contains("\"device_networks\":{\"pc\":{")
        .contains("\"moved_persons\":{\"pc|thief-box\":4}");

    int read = readAnsweringUntilSuspended(MONDAY.plusSeconds(7200), 60, 60, "pc", "thief-box");

    assertThat(read).isBetween(2, 16);
    assertThat(signalled("moved-office-pc")).isTrue();
  }
}
