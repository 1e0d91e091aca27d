package fr.vigie.exchange;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fr.vigie.exchange.ExchangeSignals.Finding;
import fr.vigie.identity.ContainmentState;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class RefusalThresholdsTest {
  private static final RefusalThresholds THRESHOLDS =
      new RefusalThresholds(Duration.ofMinutes(10), 50, Duration.ofHours(1), 20, 60, 4, 1000);

  @Test
  void guess_isARefusalWithoutAccount_andProbe_oneWithAnAccount() {
    assertThat(RefusalThresholds.guess("?", "bad-token")).isTrue();
    assertThat(RefusalThresholds.guess("?", "sign-ins-limited")).isTrue();
    assertThat(RefusalThresholds.guess("digit", "bad-token")).isFalse();
    // A blocked address's refusals do not prolong its own block, an abandoned upload is no guess.
    assertThat(RefusalThresholds.guess("?", "address-blocked")).isFalse();
    assertThat(RefusalThresholds.guess("?", "upload-abandoned")).isFalse();
    assertThat(RefusalThresholds.probe("digit", "off-route")).isTrue();
    assertThat(RefusalThresholds.probe("digit", "bad-range")).isTrue();
    assertThat(RefusalThresholds.probe("?", "off-route")).isFalse();
    assertThat(RefusalThresholds.probe("digit", "upload-abandoned")).isFalse();
  }

  @Test
  void guessing_fromItsThresholdOn() {
    assertThat(THRESHOLDS.guessing(49)).isFalse();
    assertThat(THRESHOLDS.guessing(50)).isTrue();
  }

  @Test
  void networkGuessing_fromTheAddressThresholdTimesTheFactorOn() {
    assertThat(THRESHOLDS.networkGuessing(199)).isFalse();
    assertThat(THRESHOLDS.networkGuessing(200)).isTrue();
  }

  @Test
  void flooding_fromTheThresholdOfAllAddressesOn() {
    assertThat(THRESHOLDS.flooding(999)).isFalse();
    assertThat(THRESHOLDS.flooding(1000)).isTrue();
  }

  @Test
  void belowAddressThreshold_countsOnlyTheGuessesBeforeTheAddressIsBlocked() {
    assertThat(THRESHOLDS.belowAddressThreshold(0, 40)).isEqualTo(40);
    assertThat(THRESHOLDS.belowAddressThreshold(40, 40)).isEqualTo(9);
    assertThat(THRESHOLDS.belowAddressThreshold(49, 10)).isZero();
    assertThat(THRESHOLDS.belowAddressThreshold(0, 5000)).isEqualTo(49);
  }

  @Test
  void thresholds_whereAllAddressesWeighLessThanOneNetwork_areRefused() {
    assertThatThrownBy(
            () ->
                new RefusalThresholds(
                    Duration.ofMinutes(10), 50, Duration.ofHours(1), 20, 60, 4, 199))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("all addresses' at least a network's");
  }

  @Test
  void probing_stepsUpFromTheFirstThreshold_andSuspendsFromTheSecond() {
    assertThat(THRESHOLDS.probing(19)).isEmpty();
    assertThat(THRESHOLDS.probing(20)).map(Finding::target).hasValue(ContainmentState.STEP_UP);
    assertThat(THRESHOLDS.probing(59)).map(Finding::target).hasValue(ContainmentState.STEP_UP);
    assertThat(THRESHOLDS.probing(60))
        .hasValueSatisfying(
            finding -> {
              assertThat(finding.target()).isEqualTo(ContainmentState.SUSPENDED);
              assertThat(finding.detector()).isEqualTo("exchange-refusals");
              assertThat(finding.reason()).startsWith("60 requests refused").contains("10 min");
            });
  }

  @Test
  void thresholds_whereTheSuspensionComesBeforeTheStepUp_areRefused() {
    assertThatThrownBy(
            () ->
                new RefusalThresholds(
                    Duration.ofMinutes(10), 50, Duration.ofHours(1), 20, 10, 4, 1000))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("at least the step-up's");
  }
}
