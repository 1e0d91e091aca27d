package fr.vigie.simulation;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A tiny evaluation, through the real detection code, of a scenario shipped with the tests only.
 */
class EvaluationTest {
  private static AttackScenario testOnlyScenario() throws IOException, URISyntaxException {
    Path file =
        Path.of(EvaluationTest.class.getResource("/scenarios/test-only-burst.json").toURI());
    return ScenarioFile.read(file);
  }

  private static Evaluation.Settings tiny(List<AttackScenario> scenarios) {
    return Evaluation.Settings.defaults(2, 3000, scenarios).withPersons(20_000);
  }

  @Test
  void run_scenarioFromTestResources_isContainedByTheBurstCeiling() throws Exception {
    EvaluationResult result = Evaluation.run(tiny(List.of(testOnlyScenario())), days -> {});

    assertThat(result.advisorDays()).isGreaterThanOrEqualTo(3000);
    EvaluationResult.ScenarioStats burst = result.scenarios().getFirst();
    assertThat(burst.name()).isEqualTo("test-only-burst");
    assertThat(burst.containedShare()).isEqualTo(1.0);
    // Two accounts, each stopped by the burst ceiling on its eleventh person within a minute.
    assertThat(burst.leakedMax()).isLessThanOrEqualTo(20);
    assertThat(burst.containSecondsP95()).isLessThan(1.0);
    // The plain cap lets each account read its 50 persons a day for three days.
    assertThat(burst.capLeakedMedian()).isGreaterThan(100);
  }

  @Test
  void run_restartsBeforeADormantAccountWakes_itIsStillDormantAndContainedAtOnce()
      throws Exception {
    AttackScenario dormant = testOnly("test-only-dormant-restart");

    EvaluationResult result = Evaluation.run(tiny(List.of(dormant)), days -> {});

    EvaluationResult.ScenarioStats stats = result.scenarios().getFirst();
    assertThat(stats.containedShare()).isEqualTo(1.0);
    // Two accounts, each suspended at its first read: dormant from a device it never used.
    assertThat(stats.leakedMax()).isLessThanOrEqualTo(2);
  }

  @Test
  void run_dormantAccountWithoutAnyStoredPast_isNotCaughtAtOnce() throws Exception {
    // The case the store exists for: a detection that never saw the account takes it for new.
    AttackScenario dormant = testOnly("test-only-dormant-restart");

    EvaluationResult result = Evaluation.run(tiny(List.of(dormant)).withoutPastUse(), days -> {});

    assertThat(result.scenarios().getFirst().leakedMax()).isGreaterThan(20);
  }

  @Test
  void run_coordinatedWalk_containedEarlierWithTheDetectorsAcrossAccounts() throws Exception {
    AttackScenario walk = testOnly("test-only-walk");

    EvaluationResult.ScenarioStats with =
        Evaluation.run(tiny(List.of(walk)), days -> {}).scenarios().getFirst();
    EvaluationResult.ScenarioStats without =
        Evaluation.run(
                tiny(List.of(walk))
                    .withDetection(
                        () -> fr.vigie.detection.Detection.withDefaults().withoutAcrossAccounts()),
                days -> {})
            .scenarios()
            .getFirst();

    assertThat(with.containedShare()).isEqualTo(1.0);
    // Each account reads in turn; the walk is seen across them within the first day.
    assertThat(with.leakedMax()).isLessThan(without.leakedMedian());
  }

  private static AttackScenario testOnly(String name) throws IOException, URISyntaxException {
    return ScenarioFile.read(
        Path.of(EvaluationTest.class.getResource("/scenarios/" + name + ".json").toURI()));
  }

  @Test
  void run_sameSettings_sameFigures() throws Exception {
    List<AttackScenario> scenarios = List.of(testOnlyScenario());

    String first = Evaluation.run(tiny(scenarios), days -> {}).json();
    String second = Evaluation.run(tiny(scenarios), days -> {}).json();

    assertThat(first).isEqualTo(second);
  }

  @Test
  void json_hasTheFieldsTheIssueNames() throws Exception {
    EvaluationResult result = Evaluation.run(tiny(List.of(testOnlyScenario())), days -> {});

    JsonNode json = JsonMapper.builder().build().readTree(result.json());

    assertThat(json.get("advisor_days").asLong()).isEqualTo(result.advisorDays());
    assertThat(json.get("false_suspensions_per_10k_upper").isNumber()).isTrue();
    assertThat(json.get("stepups_per_advisor_day").isNumber()).isTrue();
    assertThat(json.get("baseline").get("daily_cap").asInt()).isEqualTo(50);
    JsonNode scenario = json.get("scenarios").get(0);
    for (String field :
        List.of("name", "leaked_median", "leaked_p95", "leaked_max", "contain_seconds_p95")) {
      assertThat(scenario.has(field)).as(field).isTrue();
    }
    assertThat(scenario.get("refusals").asLong())
        .isEqualTo(result.scenarios().getFirst().refusals());
    assertThat(scenario.get("ceilings").isArray()).isTrue();
  }

  @Test
  void run_rereadsAtFifteenAMinute_meetTheCeilingOfAccessesWhereNewPersonsMeetTheBurst()
      throws Exception {
    Path file =
        Path.of(EvaluationTest.class.getResource("/scenarios/test-only-rereads.json").toURI());
    String json = Files.readString(file);
    AttackScenario rereads = ScenarioFile.parse("rereads", json);
    AttackScenario newPersons =
        ScenarioFile.parse("new persons", json.replace("\"reread_share\": 0.99,", ""));
    assertThat(newPersons.rereadShare()).isZero();

    EvaluationResult.ScenarioStats withRereads =
        Evaluation.run(tiny(List.of(rereads)), days -> {}).scenarios().getFirst();
    EvaluationResult.ScenarioStats without =
        Evaluation.run(tiny(List.of(newPersons)), days -> {}).scenarios().getFirst();

    // 15 new persons a minute: the burst ceiling suspends at the eleventh, nothing is refused.
    assertThat(without.ceilings()).isEmpty();
    assertThat(without.containedShare()).isEqualTo(1.0);
    assertThat(without.leakedMax()).isLessThanOrEqualTo(11);
    // 99% re-reads: few new persons, the accesses pile up to the hourly ceiling of accesses.
    assertThat(withRereads.ceilings()).containsExactly("accesses-hourly");
    assertThat(withRereads.refusals()).isPositive();
    assertThat(withRereads.leakedMedian()).isBetween(2.0, 59.0);
  }
}
