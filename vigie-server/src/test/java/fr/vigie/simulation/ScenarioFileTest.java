package fr.vigie.simulation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fr.vigie.identity.OrganizationKind;
import java.util.List;
import org.junit.jupiter.api.Test;

class ScenarioFileTest {
  @Test
  void builtIn_everyShippedScenario_parses() {
    List<AttackScenario> all = ScenarioFile.builtIn();

    assertThat(all)
        .extracting(AttackScenario::name)
        .containsExactlyElementsOf(ScenarioFile.BUILT_IN);
    AttackScenario replay = all.getFirst();
    assertThat(replay.recovery()).isTrue();
    assertThat(replay.organization()).isEqualTo(OrganizationKind.CAP_EMPLOI);
    assertThat(replay.per()).isEqualTo(AttackScenario.Per.SECOND);
    assertThat(replay.windows()).hasSize(2);
    assertThat(replay.windows().getFirst().toSecond()).isEqualTo(86_400);
  }

  @Test
  void parse_defaults_fillWhatIsLeftOut() {
    AttackScenario s =
        ScenarioFile.parse(
            "t",
            """
            {"name": "minimal", "accounts": {}, "start": {}, "pace": {"reads": 3, "per": "hour"},
             "targets": "followed"}
            """);

    assertThat(s.accounts()).isEqualTo(1);
    assertThat(s.organization()).isNull();
    assertThat(s.newDevice()).isTrue();
    assertThat(s.ownerKeepsWorking()).isTrue();
    assertThat(s.durationDays()).isEqualTo(28.0);
    assertThat(s.windows())
        .singleElement()
        .satisfies(w -> assertThat(w.days()).isEqualTo(AttackScenario.Days.ALL));
  }

  @Test
  void parse_unknownField_namesIt() {
    assertThatThrownBy(
            () ->
                ScenarioFile.parse(
                    "file.json",
                    """
                    {"name": "x", "accounts": {}, "start": {}, "pace": {"reads": 1, "per": "day"},
                     "targets": "followed", "speed": 3}
                    """))
        .hasMessage("file.json: unknown field \"speed\"");
  }

  @Test
  void parse_badChoice_listsTheChoices() {
    assertThatThrownBy(
            () ->
                ScenarioFile.parse(
                    "file.json",
                    """
                    {"name": "x", "accounts": {}, "start": {}, "pace": {"reads": 1, "per": "week"},
                     "targets": "followed"}
                    """))
        .hasMessageContaining(
            "per: expected one of [second, minute, hour, day, usual_day], got week");
  }

  @Test
  void parse_restartDays_areRead() {
    AttackScenario s =
        ScenarioFile.parse(
            "file.json",
            """
            {"name": "x", "accounts": {}, "start": {}, "pace": {"reads": 1, "per": "day"},
             "targets": "followed", "restart_days": [46, 48]}
            """);

    assertThat(s.restartDays()).containsExactly(46, 48);
  }

  @Test
  void parse_restartDaysNotWholeNumbers_namesTheField() {
    assertThatThrownBy(
            () ->
                ScenarioFile.parse(
                    "file.json",
                    """
                    {"name": "x", "accounts": {}, "start": {}, "pace": {"reads": 1, "per": "day"},
                     "targets": "followed", "restart_days": [46.5]}
                    """))
        .hasMessage("file.json: restart_days: expected a list of whole numbers >= 0");
  }

  @Test
  void parse_zeroPace_isRefused() {
    assertThatThrownBy(
            () ->
                ScenarioFile.parse(
                    "file.json",
                    """
                    {"name": "x", "accounts": {}, "start": {}, "pace": {"reads": 0, "per": "day"},
                     "targets": "followed"}
                    """))
        .hasMessage("file.json: pace.reads: expected a number > 0");
  }

  @Test
  void parse_notJson_isRefusedWithTheSource() {
    assertThatThrownBy(() -> ScenarioFile.parse("file.json", "{name"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("file.json: not JSON");
  }

  @Test
  void parse_emptyWindow_isRefused() {
    assertThatThrownBy(
            () ->
                ScenarioFile.parse(
                    "file.json",
                    """
                    {"name": "x", "accounts": {}, "start": {}, "pace": {"reads": 1, "per": "day"},
                     "targets": "followed", "hours": [{"days": "all", "from": "18:00", "to": "08:00"}]}
                    """))
        .hasMessageContaining("expected from < to");
  }
}
