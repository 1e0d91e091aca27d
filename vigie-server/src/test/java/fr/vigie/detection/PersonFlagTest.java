package fr.vigie.detection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fr.vigie.identity.AccountId;
import fr.vigie.identity.ContainmentState;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Persons' flags as evidence: step-up and alert at the first, throttle at three, never suspend. */
class PersonFlagTest {
  private static final AccountId ACCOUNT = new AccountId(new UUID(7, 7));
  private static final Instant NOW = Instant.parse("2026-03-02T10:00:00Z");

  @Test
  void flagged_byOnePerson_asksStepUpWithAnAlertReason() {
    Detection detection = Detection.withDefaults();

    Verdict verdict = detection.flagged(ACCOUNT, 1, NOW).orElseThrow();

    assertThat(verdict.state()).isEqualTo(ContainmentState.STEP_UP);
    assertThat(verdict.score()).isEqualTo(Thresholds.defaults().stepUp());
    assertThat(verdict.reasons()).extracting(Signal::detector).containsExactly("person-flag");
    assertThat(detection.state(ACCOUNT)).isEqualTo(ContainmentState.STEP_UP);
  }

  @Test
  void flagged_byThreePersons_throttles_andNeverSuspends() {
    Detection detection = Detection.withDefaults();
    detection.flagged(ACCOUNT, 1, NOW);

    Verdict verdict = detection.flagged(ACCOUNT, 3, NOW).orElseThrow();

    assertThat(verdict.state()).isEqualTo(ContainmentState.THROTTLED);
    assertThat(detection.flagged(ACCOUNT, 50, NOW)).isEmpty();
    assertThat(detection.state(ACCOUNT)).isEqualTo(ContainmentState.THROTTLED);
  }

  @Test
  void flagged_accountAlreadySuspended_staysSuspended() {
    Detection detection = Detection.withDefaults();
    detection.restore(ACCOUNT, ContainmentState.SUSPENDED);

    assertThat(detection.flagged(ACCOUNT, 1, NOW)).isEmpty();
    assertThat(detection.state(ACCOUNT)).isEqualTo(ContainmentState.SUSPENDED);
  }

  @Test
  void flagged_afterStepUpAnswered_asksAgain() {
    Detection detection = Detection.withDefaults();
    detection.flagged(ACCOUNT, 1, NOW);
    detection.steppedUp(ACCOUNT);

    assertThat(detection.flagged(ACCOUNT, 2, NOW)).isPresent();
    assertThat(detection.state(ACCOUNT)).isEqualTo(ContainmentState.STEP_UP);
  }

  @Test
  void flagged_byNobody_isRefused() {
    assertThatThrownBy(() -> Detection.withDefaults().flagged(ACCOUNT, 0, NOW))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
