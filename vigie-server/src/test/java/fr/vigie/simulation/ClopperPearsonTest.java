package fr.vigie.simulation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Offset.offset;

import org.junit.jupiter.api.Test;

class ClopperPearsonTest {
  @Test
  void upper95_noEvent_isOneMinusTheRootOfTwoAndAHalfPercent() {
    // With k = 0 the bound has a closed form: 1 - 0.025^(1/n).
    assertThat(ClopperPearson.upper95(0, 10)).isCloseTo(1 - Math.pow(0.025, 0.1), offset(1e-9));
    assertThat(ClopperPearson.upper95(0, 1_000_000))
        .isCloseTo(1 - Math.pow(0.025, 1e-6), offset(1e-12));
  }

  @Test
  void upper95_knownIntervals_match() {
    // Published exact intervals: 5 of 10 is [0.187086, 0.812914]; 1 of 20 is [0.001265, 0.248733].
    assertThat(ClopperPearson.upper95(5, 10)).isCloseTo(0.812914, offset(1e-6));
    assertThat(ClopperPearson.upper95(1, 20)).isCloseTo(0.248733, offset(1e-6));
  }

  @Test
  void upper95_allEvents_isOne() {
    assertThat(ClopperPearson.upper95(7, 7)).isEqualTo(1.0);
  }

  @Test
  void upper95_growsWithEventsAndShrinksWithTrials() {
    assertThat(ClopperPearson.upper95(3, 1000)).isGreaterThan(ClopperPearson.upper95(2, 1000));
    assertThat(ClopperPearson.upper95(3, 2000)).isLessThan(ClopperPearson.upper95(3, 1000));
    assertThat(ClopperPearson.upper95(15, 1_000_000)).isGreaterThan(15e-6);
  }

  @Test
  void regularizedBeta_matchesClosedForms() {
    // I_x(1, 1) = x; I_x(2, 1) = x^2; I_x(1, 3) = 1 - (1 - x)^3.
    assertThat(ClopperPearson.regularizedBeta(0.3, 1, 1)).isCloseTo(0.3, offset(1e-12));
    assertThat(ClopperPearson.regularizedBeta(0.3, 2, 1)).isCloseTo(0.09, offset(1e-12));
    assertThat(ClopperPearson.regularizedBeta(0.3, 1, 3))
        .isCloseTo(1 - Math.pow(0.7, 3), offset(1e-12));
  }

  @Test
  void upper95_impossibleCounts_areRejected() {
    assertThatThrownBy(() -> ClopperPearson.upper95(3, 2))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> ClopperPearson.upper95(0, 0))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
