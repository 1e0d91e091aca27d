package fr.vigie.detection;

import static org.assertj.core.api.Assertions.assertThat;

import fr.vigie.identity.AccountId;
import fr.vigie.identity.ContainmentState;
import fr.vigie.identity.OrganizationKind;
import fr.vigie.identity.Role;
import fr.vigie.registry.PersonId;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class DetectionTest {
  /** A Tuesday, 10:00 in Paris. */
  private static final Instant WORKING_HOURS = Instant.parse("2026-11-17T09:00:00Z");

  private static final AccountId ACCOUNT = new AccountId(new UUID(1, 1));
  private static final AccountProfile ADVISOR =
      new AccountProfile(ACCOUNT, Role.ADVISOR, OrganizationKind.CAP_EMPLOI, null);

  private final Detection detection = Detection.withDefaults();

  private static PersonId person(int n) {
    return new PersonId(new UUID(7, n));
  }

  private static Access read(int person, Instant at) {
    return Access.of(
        ACCOUNT, at, AccessKind.READ, person(person), Link.FOLLOWED, "laptop", "office");
  }

  @Test
  void admit_tenPersonsInAMinute_admitsThemAndSuspendsOnTheEleventh() {
    for (int n = 0; n < 10; n++) {
      assertThat(detection.admit(ADVISOR, read(n, WORKING_HOURS.plusSeconds(n))).admitted())
          .isTrue();
    }

    Admission eleventh = detection.admit(ADVISOR, read(10, WORKING_HOURS.plusSeconds(10)));

    assertThat(eleventh).isInstanceOf(Admission.Suspended.class);
    Verdict verdict = ((Admission.Suspended) eleventh).verdict();
    assertThat(verdict.state()).isEqualTo(ContainmentState.SUSPENDED);
    assertThat(verdict.reasons()).extracting(Signal::detector).containsExactly("ceiling:burst");
    assertThat(verdict.touched()).hasSize(10).doesNotContain(person(10));
    assertThat(detection.state(ACCOUNT)).isEqualTo(ContainmentState.SUSPENDED);
    assertThat(detection.admit(ADVISOR, read(0, WORKING_HOURS.plusSeconds(20))))
        .isInstanceOf(Admission.Suspended.class);
  }

  @Test
  void wouldSuspend_aSearchWithMoreHitsThanTheBurstLeaves_isTrueOnlyThen() {
    for (int n = 0; n < 5; n++) {
      detection.admit(ADVISOR, read(n, WORKING_HOURS.plusSeconds(n)));
    }
    Instant at = WORKING_HOURS.plusSeconds(10);

    assertThat(
            detection.wouldSuspend(
                ADVISOR,
                at,
                List.of(person(10), person(11), person(12), person(13), person(14), person(15))))
        .isTrue();
    assertThat(
            detection.wouldSuspend(
                ADVISOR, at, List.of(person(10), person(11), person(12), person(13), person(14))))
        .isFalse();
    assertThat(
            detection.wouldSuspend(
                ADVISOR,
                at,
                List.of(person(0), person(1), person(2), person(3), person(4), person(10))))
        .isFalse();
    assertThat(detection.state(ACCOUNT)).isEqualTo(ContainmentState.ACTIVE);
  }

  @Test
  void admit_samePersonAgainAndAgain_countsOnePerson() {
    // Twenty reads a minute, within the ceiling on all accesses: only one person for the others.
    for (int n = 0; n < 100; n++) {
      assertThat(detection.admit(ADVISOR, read(1, WORKING_HOURS.plusSeconds(3L * n))).admitted())
          .isTrue();
    }
    assertThat(detection.state(ACCOUNT)).isEqualTo(ContainmentState.ACTIVE);
  }

  @Test
  void admit_samePersonOverThirtyTimesAMinute_refusesWithoutSuspending() {
    for (int n = 0; n < 30; n++) {
      assertThat(detection.admit(ADVISOR, read(1, WORKING_HOURS.plusMillis(n))).admitted())
          .isTrue();
    }

    Admission over = detection.admit(ADVISOR, read(1, WORKING_HOURS.plusSeconds(1)));

    assertThat(over)
        .isInstanceOfSatisfying(
            Admission.Refused.class,
            refused -> {
              assertThat(refused.limit().explain())
                  .isEqualTo("more than 30 accesses within 1 minute");
              assertThat(refused.retryAfter()).isEqualTo(Duration.ofSeconds(59));
            });
    assertThat(detection.state(ACCOUNT)).isEqualTo(ContainmentState.ACTIVE);
    assertThat(detection.admit(ADVISOR, read(1, WORKING_HOURS.plusSeconds(61))).admitted())
        .isTrue();
  }

  @Test
  void admit_samePersonOverSixHundredTimesAnHour_isRefused() {
    for (int n = 0; n < 600; n++) {
      assertThat(detection.admit(ADVISOR, read(1, WORKING_HOURS.plusSeconds(5L * n))).admitted())
          .isTrue();
    }

    Admission over = detection.admit(ADVISOR, read(1, WORKING_HOURS.plusSeconds(3_000)));

    assertThat(over)
        .isInstanceOfSatisfying(
            Admission.Refused.class,
            refused ->
                assertThat(refused.limit().explain())
                    .isEqualTo("more than 600 accesses within 1 hour"));
  }

  @Test
  void admit_overTheHourlyCeiling_refusesWithoutSuspending() {
    Instant at = WORKING_HOURS;
    for (int n = 0; n < 60; n++) {
      at = at.plusSeconds(50);
      assertThat(detection.admit(ADVISOR, read(n, at)).admitted()).as("person %d", n).isTrue();
    }

    Admission over = detection.admit(ADVISOR, read(60, at.plusSeconds(50)));

    assertThat(over)
        .isInstanceOfSatisfying(
            Admission.Refused.class,
            refused ->
                assertThat(refused.limit().explain())
                    .isEqualTo("more than 60 distinct persons within 1 hour"));
    assertThat(detection.state(ACCOUNT)).isEqualTo(ContainmentState.ACTIVE);
    // An hour later the window has moved on.
    assertThat(detection.admit(ADVISOR, read(60, at.plus(Duration.ofMinutes(61)))).admitted())
        .isTrue();
  }

  @Test
  void admit_atNight_hasAQuarterOfTheHourlyCeiling() {
    Instant night = Instant.parse("2026-11-17T21:00:00Z");
    Instant at = night;
    for (int n = 0; n < 15; n++) {
      at = at.plusSeconds(120);
      assertThat(detection.admit(ADVISOR, read(n, at)).admitted()).isTrue();
    }
    assertThat(detection.admit(ADVISOR, read(15, at.plusSeconds(120))))
        .isInstanceOf(Admission.Refused.class);
  }

  @Test
  void admit_afterRecovery_hasHalfTheCeilingsForAWeek() {
    AccountProfile recovered =
        new AccountProfile(ACCOUNT, Role.ADVISOR, OrganizationKind.CAP_EMPLOI, WORKING_HOURS);
    Ceilings ceilings = Ceilings.defaults();

    assertThat(ceilings.factorAt(recovered, WORKING_HOURS.plus(Duration.ofDays(6)))).isEqualTo(0.5);
    assertThat(ceilings.factorAt(recovered, WORKING_HOURS.plus(Duration.ofDays(7)))).isEqualTo(1.0);
    assertThat(ceilings.factorAt(recovered, WORKING_HOURS.minusSeconds(1))).isEqualTo(1.0);
  }

  @Test
  void admit_emptySearches_refusedAfterTwentyInAnHour() {
    for (int n = 0; n < 20; n++) {
      Access search =
          Access.search(ACCOUNT, WORKING_HOURS.plusSeconds(60 * n), 0, "laptop", "office");
      assertThat(detection.admit(ADVISOR, search).admitted()).isTrue();
    }
    Access next = Access.search(ACCOUNT, WORKING_HOURS.plusSeconds(60 * 20), 1, "laptop", "office");
    assertThat(detection.admit(ADVISOR, next)).isInstanceOf(Admission.Refused.class);
  }

  @Test
  void observe_newDeviceAndTwoPlacesAndUnexplainedReads_suspendWithReasons() {
    // Three weeks of ordinary work from one laptop at the office: 20 persons a day, most explained.
    Instant day = WORKING_HOURS.minus(Duration.ofDays(28));
    int person = 0;
    for (int d = 0; d < 28; d++, day = day.plus(Duration.ofDays(1))) {
      for (int n = 0; n < 20; n++) {
        Link link = n % 5 == 0 ? Link.FOLLOWED : Link.APPOINTMENT;
        Access access =
            Access.of(
                ACCOUNT,
                day.plusSeconds(600L * n),
                AccessKind.READ,
                person(person++ % 250),
                link,
                "laptop",
                "office");
        assertThat(detection.observe(ADVISOR, access)).isEmpty();
      }
    }
    // Someone else, elsewhere, reads persons nothing explains while the advisor works.
    Optional<Verdict> verdict = Optional.empty();
    Instant at = day;
    int read = 0;
    while (verdict.isEmpty() && read < 40) {
      at = at.plusSeconds(120);
      detection.observe(
          ADVISOR,
          Access.of(
              ACCOUNT,
              at,
              AccessKind.READ,
              person(1000 + read),
              Link.APPOINTMENT,
              "laptop",
              "office"));
      verdict =
          detection
              .observe(
                  ADVISOR,
                  Access.of(
                      ACCOUNT,
                      at.plusSeconds(30),
                      AccessKind.READ,
                      person(2000 + read),
                      Link.FOLLOWED,
                      "stranger",
                      "elsewhere"))
              .filter(v -> v.state() == ContainmentState.SUSPENDED);
      read++;
    }

    assertThat(verdict).as("suspended within 40 reads").isPresent();
    // An unfamiliar device and network beside the usual place: a first evening's worth of persons.
    assertThat(read).isLessThanOrEqualTo(4);
    assertThat(verdict.get().reasons())
        .extracting(Signal::detector)
        .contains("new-device", "unfamiliar-place");
  }

  @Test
  void steppedUp_clearsTheStepUpAndTheSameRiskDoesNotAskAgain() {
    Detection strict =
        new Detection(
            Ceilings.defaults(),
            List.of(new Detectors.AfterRecovery()),
            new Thresholds(20, 70, 100, 2));
    AccountProfile recovered =
        new AccountProfile(ACCOUNT, Role.ADVISOR, OrganizationKind.CAP_EMPLOI, WORKING_HOURS);

    assertThat(strict.observe(recovered, read(1, WORKING_HOURS.plusSeconds(60))))
        .hasValueSatisfying(v -> assertThat(v.state()).isEqualTo(ContainmentState.STEP_UP));
    strict.steppedUp(ACCOUNT);

    assertThat(strict.state(ACCOUNT)).isEqualTo(ContainmentState.ACTIVE);
    assertThat(strict.observe(recovered, read(2, WORKING_HOURS.plusSeconds(120)))).isEmpty();
    assertThat(strict.state(ACCOUNT)).isEqualTo(ContainmentState.ACTIVE);
  }

  @Test
  void observe_throttledAccountGoingQuiet_staysThrottled() {
    Detection throttling =
        new Detection(
            Ceilings.defaults(),
            List.of(new Detectors.AfterRecovery()),
            new Thresholds(20, 20, 100, 2));
    AccountProfile recovered =
        new AccountProfile(ACCOUNT, Role.ADVISOR, OrganizationKind.CAP_EMPLOI, WORKING_HOURS);
    AccountProfile longAgo =
        new AccountProfile(
            ACCOUNT,
            Role.ADVISOR,
            OrganizationKind.CAP_EMPLOI,
            WORKING_HOURS.minus(Duration.ofDays(30)));

    throttling.observe(recovered, read(1, WORKING_HOURS.plusSeconds(60)));
    assertThat(throttling.state(ACCOUNT)).isEqualTo(ContainmentState.THROTTLED);
    throttling.observe(longAgo, read(2, WORKING_HOURS.plus(Duration.ofDays(8))));

    assertThat(throttling.state(ACCOUNT)).isEqualTo(ContainmentState.THROTTLED);
  }

  /**
   * Throttles at 20 points and suspends at 50 with two detectors: after-recovery alone gives 25.
   */
  private static Detection throttlingAfterRecovery() {
    return new Detection(
        Ceilings.defaults(), List.of(new Detectors.AfterRecovery()), new Thresholds(20, 20, 50, 2));
  }

  private static final AccountProfile RECOVERED =
      new AccountProfile(ACCOUNT, Role.ADVISOR, OrganizationKind.CAP_EMPLOI, WORKING_HOURS);

  @Test
  void observe_throttledOnAnEarlierDayAndNotReleased_evidenceAgainSuspends() {
    Detection throttling = throttlingAfterRecovery();
    throttling.observe(RECOVERED, read(1, WORKING_HOURS.plusSeconds(60)));
    assertThat(throttling.state(ACCOUNT)).isEqualTo(ContainmentState.THROTTLED);
    // The same day, the evidence that throttled it is not new evidence.
    throttling.observe(RECOVERED, read(2, WORKING_HOURS.plus(Duration.ofHours(3))));
    assertThat(throttling.state(ACCOUNT)).isEqualTo(ContainmentState.THROTTLED);

    Optional<Verdict> nextDay =
        throttling.observe(RECOVERED, read(3, WORKING_HOURS.plus(Duration.ofDays(1))));

    assertThat(nextDay)
        .hasValueSatisfying(v -> assertThat(v.state()).isEqualTo(ContainmentState.SUSPENDED));
    assertThat(nextDay.get().reasons())
        .extracting(Signal::detector)
        .containsExactlyInAnyOrder("after-recovery", Detection.THROTTLED_AGAIN_DETECTOR);
  }

  @Test
  void observe_throttleReleased_theNextDaysEvidenceThrottlesOnly() {
    Detection throttling = throttlingAfterRecovery();
    throttling.observe(RECOVERED, read(1, WORKING_HOURS.plusSeconds(60)));
    throttling.release(ACCOUNT);

    throttling.observe(RECOVERED, read(2, WORKING_HOURS.plus(Duration.ofDays(1))));

    assertThat(throttling.state(ACCOUNT)).isEqualTo(ContainmentState.THROTTLED);
    assertThat(throttling.reasons(ACCOUNT))
        .extracting(Signal::detector)
        .doesNotContain(Detection.THROTTLED_AGAIN_DETECTOR);
  }

  @Test
  void restart_aThrottleLeftInPlace_theNextDaysEvidenceStillSuspends() {
    Detection before = throttlingAfterRecovery();
    before.observe(RECOVERED, read(1, WORKING_HOURS.plusSeconds(60)));
    assertThat(before.memory(ACCOUNT).orElseThrow().state()).contains("\"throttled\":\"");

    Detection after = throttlingAfterRecovery();
    before.memories().forEach(after::remember);
    after.restore(ACCOUNT, ContainmentState.THROTTLED);
    after.observe(RECOVERED, read(2, WORKING_HOURS.plus(Duration.ofDays(1))));

    assertThat(after.state(ACCOUNT)).isEqualTo(ContainmentState.SUSPENDED);
  }

  @Test
  void release_suspendedAccount_worksAgain() {
    for (int n = 0; n <= 10; n++) {
      detection.admit(ADVISOR, read(n, WORKING_HOURS.plusSeconds(n)));
    }
    assertThat(detection.state(ACCOUNT)).isEqualTo(ContainmentState.SUSPENDED);

    detection.release(ACCOUNT);

    assertThat(detection.state(ACCOUNT)).isEqualTo(ContainmentState.ACTIVE);
    assertThat(
            detection.admit(ADVISOR, read(1, WORKING_HOURS.plus(Duration.ofMinutes(5)))).admitted())
        .isTrue();
  }

  @Test
  void release_afterABurst_newPersonsInTheSameMinuteAreAdmitted() {
    for (int n = 0; n <= 10; n++) {
      detection.admit(ADVISOR, read(n, WORKING_HOURS.plusSeconds(n)));
    }

    detection.release(ACCOUNT);

    for (int n = 20; n < 30; n++) {
      assertThat(detection.admit(ADVISOR, read(n, WORKING_HOURS.plusSeconds(n))).admitted())
          .as("read %d", n)
          .isTrue();
    }
    assertThat(detection.state(ACCOUNT)).isEqualTo(ContainmentState.ACTIVE);
  }

  @Test
  void release_afterABurst_aNewBurstStillSuspends() {
    for (int n = 0; n <= 10; n++) {
      detection.admit(ADVISOR, read(n, WORKING_HOURS.plusSeconds(n)));
    }
    detection.release(ACCOUNT);
    for (int n = 20; n < 30; n++) {
      detection.admit(ADVISOR, read(n, WORKING_HOURS.plusSeconds(n)));
    }

    Admission eleventh = detection.admit(ADVISOR, read(30, WORKING_HOURS.plusSeconds(31)));

    assertThat(eleventh).isInstanceOf(Admission.Suspended.class);
  }

  @Test
  void release_afterTheDetectorsSuspended_theNextReadFromThatPlaceDoesNotSuspendAgain() {
    Instant day = settle(detection);
    Instant at = day;
    for (int read = 0; detection.state(ACCOUNT) != ContainmentState.SUSPENDED; read++) {
      assertThat(read).as("suspended within 40 reads").isLessThan(40);
      at = at.plusSeconds(120);
      detection.observe(
          ADVISOR,
          Access.of(
              ACCOUNT, at, AccessKind.READ, person(2000 + read), Link.FOLLOWED, "new", "home"));
    }

    detection.release(ACCOUNT);
    Optional<Verdict> next =
        detection.observe(
            ADVISOR,
            Access.of(
                ACCOUNT,
                at.plusSeconds(600),
                AccessKind.READ,
                person(3000),
                Link.FOLLOWED,
                "new",
                "home"));

    assertThat(next).isEmpty();
    assertThat(detection.state(ACCOUNT)).isEqualTo(ContainmentState.ACTIVE);
  }

  @Test
  void release_keepsTheBaseline_aStrangerElsewhereIsStillSuspended() {
    Instant day = settle(detection);
    Instant at = day;
    for (int read = 0; detection.state(ACCOUNT) != ContainmentState.SUSPENDED; read++) {
      at = at.plusSeconds(120);
      detection.observe(
          ADVISOR,
          Access.of(
              ACCOUNT, at, AccessKind.READ, person(2000 + read), Link.FOLLOWED, "new", "home"));
    }
    detection.release(ACCOUNT);

    Optional<Verdict> verdict = Optional.empty();
    for (int read = 0; verdict.isEmpty() && read < 40; read++) {
      at = at.plus(Duration.ofDays(3)).plusSeconds(60);
      verdict =
          detection
              .observe(
                  ADVISOR,
                  Access.of(
                      ACCOUNT,
                      at,
                      AccessKind.READ,
                      person(4000 + read),
                      Link.FOLLOWED,
                      "stranger",
                      "elsewhere"))
              .filter(v -> v.state() == ContainmentState.SUSPENDED);
    }

    assertThat(verdict).isPresent();
  }

  /** Four weeks of ordinary work from one laptop at the office; returns the next working day. */
  private static Instant settle(Detection detection) {
    Instant day = WORKING_HOURS.minus(Duration.ofDays(28));
    int person = 0;
    for (int d = 0; d < 28; d++, day = day.plus(Duration.ofDays(1))) {
      for (int n = 0; n < 20; n++) {
        Link link = n % 5 == 0 ? Link.FOLLOWED : Link.APPOINTMENT;
        detection.observe(
            ADVISOR,
            Access.of(
                ACCOUNT,
                day.plusSeconds(600L * n),
                AccessKind.READ,
                person(person++ % 250),
                link,
                "laptop",
                "office"));
      }
    }
    return day;
  }

  @Test
  void binomialTail_matchesDirectSums() {
    // P(X >= 10 | 10, 0.2) = 0.2^10; P(X >= 1 | 3, 0.5) = 7/8.
    assertThat(Binomial.log10UpperTail(10, 10, 0.2))
        .isCloseTo(10 * Math.log10(0.2), org.assertj.core.data.Offset.offset(1e-9));
    assertThat(Binomial.log10UpperTail(3, 1, 0.5))
        .isCloseTo(Math.log10(7.0 / 8), org.assertj.core.data.Offset.offset(1e-9));
    assertThat(Binomial.log10UpperTail(3, 0, 0.5)).isZero();
  }
}
