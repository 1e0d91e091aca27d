package fr.vigie.detection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fr.vigie.identity.AccountId;
import fr.vigie.identity.ContainmentState;
import fr.vigie.identity.OrganizationKind;
import fr.vigie.identity.Role;
import fr.vigie.registry.PersonId;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** What the detectors remember of an account survives a restart (a new {@link Detection}). */
class AccountMemoryTest {
  /** A Tuesday, 10:00 in Paris. */
  private static final Instant TUESDAY = Instant.parse("2026-11-17T09:00:00Z");

  private static final AccountId ACCOUNT = new AccountId(new UUID(3, 3));
  private static final AccountProfile ADVISOR =
      new AccountProfile(ACCOUNT, Role.ADVISOR, OrganizationKind.CAP_EMPLOI, null);

  private static Access read(int person, Instant at, String device, String address) {
    return Access.of(
        ACCOUNT,
        at,
        AccessKind.READ,
        new PersonId(new UUID(8, person)),
        person % 5 == 0 ? Link.FOLLOWED : Link.APPOINTMENT,
        device,
        address);
  }

  /** Five weeks of ordinary work from one laptop at the office, ending on the Friday before. */
  private static Detection settled() {
    Detection detection = Detection.withDefaults();
    Instant day = TUESDAY.minus(Duration.ofDays(35));
    for (int d = 0; d < 35; d++, day = day.plus(Duration.ofDays(1))) {
      for (int n = 0; n < 20; n++) {
        detection.observe(ADVISOR, read(d * 20 + n, day.plusSeconds(600L * n), "pc", "office"));
      }
    }
    return detection;
  }

  private static Detection restarted(Detection before) {
    Detection after = Detection.withDefaults();
    before.memories().forEach(after::remember);
    return after;
  }

  @Test
  void restart_dormantAccountWakingOnANewDevice_isStillDormantAndSuspended() {
    Detection after = restarted(settled());
    Instant woke = TUESDAY.plus(Duration.ofDays(45));

    Optional<Verdict> verdict = after.observe(ADVISOR, read(9000, woke, "stranger", "elsewhere"));

    assertThat(verdict).hasValueSatisfying(v -> assertThat(v.state()).isEqualTo(SUSPENDED));
    assertThat(verdict.get().reasons())
        .extracting(Signal::detector)
        .contains("dormant", "new-device");
  }

  @Test
  void noRestoreAfterRestart_dormantAccountLooksNew_andIsNotSuspended() {
    // What the memory prevents: without it the woken account is a new one, with no usual place.
    Detection forgetful = Detection.withDefaults();
    Instant woke = TUESDAY.plus(Duration.ofDays(45));

    Optional<Verdict> verdict =
        forgetful.observe(ADVISOR, read(9000, woke, "stranger", "elsewhere"));

    assertThat(verdict).isEmpty();
    assertThat(forgetful.state(ACCOUNT)).isEqualTo(ContainmentState.ACTIVE);
  }

  @Test
  void restart_knownDeviceAndNetwork_stayKnown() {
    Detection after = restarted(settled());

    Optional<Verdict> verdict =
        after.observe(ADVISOR, read(9001, TUESDAY.plusSeconds(600), "pc", "office"));

    assertThat(verdict).isEmpty();
    assertThat(after.state(ACCOUNT)).isEqualTo(ContainmentState.ACTIVE);
  }

  @Test
  void restart_aStrangerBesideTheOwner_isStillAnUnfamiliarPlace() {
    Detection after = restarted(settled());
    Instant at = TUESDAY.plusSeconds(600);
    after.observe(ADVISOR, read(9001, at, "pc", "office"));

    Optional<Verdict> verdict = Optional.empty();
    for (int n = 0; verdict.isEmpty() && n < 10; n++) {
      verdict =
          after
              .observe(ADVISOR, read(9100 + n, at.plusSeconds(60L * (n + 1)), "other", "away"))
              .filter(v -> v.state() == SUSPENDED);
    }

    assertThat(verdict).isPresent();
  }

  @Test
  void restart_anAnsweredStepUp_isRemembered_andThePaceGoingOnAfterItIsStillSeen() {
    Detection before = settled();
    Instant at = TUESDAY.plusSeconds(600);
    // Persons of its past weeks, so that what is tested is the pace after the answer, not the
    // strangers never-read would see: read anew, they would have it suspended sooner.
    int person = 100;
    while (before.state(ACCOUNT) != ContainmentState.STEP_UP && person < 140) {
      before.observe(ADVISOR, followed(person++, at));
      at = at.plusSeconds(60);
    }
    assertThat(before.state(ACCOUNT)).isEqualTo(ContainmentState.STEP_UP);
    before.steppedUp(ACCOUNT);
    assertThat(before.memory(ACCOUNT).orElseThrow().state()).contains("\"stepped_up\"");

    Detection after = restarted(before);
    Instant later = at.plus(Duration.ofMinutes(25));
    for (int n = 0; n < 12; n++) {
      after.observe(ADVISOR, followed(person++, later.plusSeconds(120L * n)));
    }

    assertThat(after.reasons(ACCOUNT))
        .extracting(Signal::detector)
        .contains(Detection.PERSISTING_DETECTOR);
  }

  @Test
  void restart_noStepUpAnswered_noAfterStepUp() {
    Detection after = restarted(settled());
    Instant later = TUESDAY.plusSeconds(600);
    for (int n = 0; n < 12; n++) {
      after.observe(ADVISOR, followed(9000 + n, later.plusSeconds(120L * n)));
    }

    assertThat(after.memory(ACCOUNT).orElseThrow().state()).contains("\"stepped_up\":null");
    assertThat(after.reasons(ACCOUNT))
        .extracting(Signal::detector)
        .doesNotContain(Detection.PERSISTING_DETECTOR);
  }

  private static Access followed(int person, Instant at) {
    return Access.of(
        ACCOUNT,
        at,
        AccessKind.READ,
        new PersonId(new UUID(8, person)),
        Link.FOLLOWED,
        "pc",
        "office");
  }

  @Test
  void memory_roundTrip_keepsBaselineAndPlaces() {
    Detection before = settled();
    String first = before.memory(ACCOUNT).orElseThrow().state();

    String again = restarted(before).memory(ACCOUNT).orElseThrow().state();

    assertThat(again).isEqualTo(first);
    assertThat(first).contains("\"closed_days\":34").contains("\"pc\"").contains("\"office\"");
  }

  @Test
  void ofPastUse_accountUsedLongBeforeTheRun_wakesDormantOnANewDevice() {
    Detection detection = Detection.withDefaults();
    detection.remember(
        AccountMemory.ofPastUse(
            ACCOUNT,
            ADVISOR.peers(),
            Ceilings.defaults().zone(),
            TUESDAY.minus(Duration.ofDays(400)),
            TUESDAY.minus(Duration.ofDays(60)),
            Set.of("pc"),
            Set.of("office")));

    Optional<Verdict> verdict =
        detection.observe(ADVISOR, read(9000, TUESDAY, "stranger", "elsewhere"));

    assertThat(verdict).hasValueSatisfying(v -> assertThat(v.state()).isEqualTo(SUSPENDED));
  }

  @Test
  void remember_notJson_isRefusedWithoutEchoingIt() {
    Detection detection = Detection.withDefaults();
    AccountMemory bad = new AccountMemory(ACCOUNT, ADVISOR.peers(), "{\"version\": 99}");

    assertThatThrownBy(() -> detection.remember(bad))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("account memory: expected version 1");
  }

  private static final ContainmentState SUSPENDED = ContainmentState.SUSPENDED;
}
