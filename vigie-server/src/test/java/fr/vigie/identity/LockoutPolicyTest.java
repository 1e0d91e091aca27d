package fr.vigie.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class LockoutPolicyTest {

  @Test
  void delayAfter_failures_growsFromNothingToDoubling() {
    assertThat(LockoutPolicy.delayAfter(0)).isZero();
    assertThat(LockoutPolicy.delayAfter(2)).isZero();
    assertThat(LockoutPolicy.delayAfter(3)).isEqualTo(Duration.ofSeconds(1));
    assertThat(LockoutPolicy.delayAfter(4)).isEqualTo(Duration.ofSeconds(2));
    assertThat(LockoutPolicy.delayAfter(9)).isEqualTo(Duration.ofSeconds(64));
  }

  @Test
  void locks_atTenFailures_notBefore() {
    assertThat(LockoutPolicy.locks(9)).isFalse();
    assertThat(LockoutPolicy.locks(10)).isTrue();
  }

  @Test
  void tooEarly_withinDelay_isTrueAndAfterItFalse() {
    Instant failed = Instant.parse("2026-01-01T00:00:00Z");

    assertThat(LockoutPolicy.tooEarly(4, failed, failed.plusMillis(1999))).isTrue();
    assertThat(LockoutPolicy.tooEarly(4, failed, failed.plusSeconds(2))).isFalse();
    assertThat(LockoutPolicy.tooEarly(4, null, failed)).isFalse();
  }
}
