package fr.vigie.simulation;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ServerEvaluationTest {
  private static EvaluationResult.ScenarioStats stats(double containSeconds, long refusals) {
    return new EvaluationResult.ScenarioStats(
        "ceiling-hourly", 60, 60, 60, containSeconds, containSeconds, 0, 200, 200, 200, refusals);
  }

  @Test
  void same_neverContainedOnBothSides_agree() {
    assertThat(
            ServerEvaluation.Comparison.same(
                stats(Double.POSITIVE_INFINITY, 3), stats(Double.POSITIVE_INFINITY, 3)))
        .isTrue();
  }

  @Test
  void same_containedOnOneSideOnly_differ() {
    assertThat(
            ServerEvaluation.Comparison.same(stats(2_448, 3), stats(Double.POSITIVE_INFINITY, 3)))
        .isFalse();
  }

  @Test
  void same_containedWithinASecond_agree() {
    assertThat(ServerEvaluation.Comparison.same(stats(2_448.2, 3), stats(2_448.9, 3))).isTrue();
  }

  @Test
  void same_otherCountOfRefusals_differ() {
    assertThat(ServerEvaluation.Comparison.same(stats(2_448, 3), stats(2_448, 4))).isFalse();
  }
}
