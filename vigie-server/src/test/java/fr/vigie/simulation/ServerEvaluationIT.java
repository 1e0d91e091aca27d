package fr.vigie.simulation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The smaller run through the whole server: a simulated agency over HTTP against a throw-away Vigie
 * on PostgreSQL, with its audit log and its detectors behind the bus, gives the very figures of the
 * same agency in memory.
 */
class ServerEvaluationIT {
  @Test
  void throughServer_agreesWithInMemory() throws Exception {
    List<AttackScenario> scenarios =
        ScenarioFile.builtIn().stream()
            .filter(s -> s.name().equals("full-speed-hijacked-pc") || s.name().equals("dormant"))
            .toList();
    assertThat(scenarios).hasSize(2);
    Evaluation.Settings settings =
        Evaluation.Settings.defaults(1, 40, ServerEvaluation.playable(scenarios))
            .withPersons(2_500);

    ServerEvaluation.Comparison comparison = ServerEvaluation.run(settings, days -> {});

    assertThat(comparison.requests()).isGreaterThan(1_000);
    assertThat(comparison.throughServer().scenarios()).hasSize(2);
    assertThat(comparison.throughServer().scenarios().getFirst().leakedMax()).isBetween(1.0, 10.0);
    assertThat(comparison.agree()).as(comparison.table()).isTrue();
  }

  /**
   * Attacks paced to meet the refusing ceilings (hourly persons, persons outside the caseload a
   * day, empty searches) from the owner's own PC. Once, every such refusal answered 500 over HTTP
   * while the run in memory was green: here the server must refuse and contain them as memory does,
   * one for one. Since the detectors accumulate evidence (issue 9), the hourly and outside-daily
   * attacks are contained before they reach their ceilings; each attack must still be stopped, and
   * the refusing path must be met at least once (the empty searches are refused before any detector
   * acts). Every ceiling's refusal over HTTP is also shown one by one in {@code web.CeilingsApiIT}.
   */
  @Test
  void throughServer_attacksMeetingRefusingCeilings_areRefusedAsInMemory() throws Exception {
    List<AttackScenario> scenarios = ScenarioFile.ceilings();
    assertThat(scenarios).hasSize(3);
    Evaluation.Settings settings =
        Evaluation.Settings.defaults(1, 40, scenarios).withPersons(2_500);

    ServerEvaluation.Comparison comparison = ServerEvaluation.run(settings, days -> {});

    assertThat(comparison.differences()).as(comparison.table()).isEmpty();
    long refusals = 0;
    for (EvaluationResult.ScenarioStats scenario : comparison.throughServer().scenarios()) {
      boolean stopped = scenario.refusals() > 0 || scenario.containedShare() == 1.0;
      assertThat(stopped).as(scenario.name() + "\n" + comparison.table()).isTrue();
      refusals += scenario.refusals();
    }
    assertThat(refusals).as(comparison.table()).isPositive();
  }
}
