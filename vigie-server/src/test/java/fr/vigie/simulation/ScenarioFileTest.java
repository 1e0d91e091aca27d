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
  void ceilings_oneScenarioPerRefusingCeiling_parseWithTheirActions() {
    List<AttackScenario> all = ScenarioFile.ceilings();

    assertThat(all)
        .extracting(AttackScenario::name)
        .containsExactlyElementsOf(ScenarioFile.CEILINGS);
    assertThat(all)
        .filteredOn(s -> s.name().equals("ceiling-changes"))
        .singleElement()
        .satisfies(s -> assertThat(s.act()).isEqualTo(AttackScenario.Act.REFER));
    assertThat(all)
        .filteredOn(s -> s.name().equals("ceiling-searches"))
        .singleElement()
        .satisfies(
            s -> {
              assertThat(s.act()).isEqualTo(AttackScenario.Act.SEARCH);
              assertThat(s.persons()).isEqualTo(1);
            });
  }

  @Test
  void parse_action_isReadAndWrittenBack() {
    AttackScenario s =
        ScenarioFile.parse(
            "t",
            """
            {"name": "refer", "accounts": {}, "start": {}, "pace": {"reads": 3, "per": "hour"},
             "targets": "followed", "action": "refer"}
            """);

    assertThat(s.act()).isEqualTo(AttackScenario.Act.REFER);
    assertThat(ScenarioFile.parse("again", ScenarioFile.write(s))).isEqualTo(s);
  }

  @Test
  void parse_badAction_listsTheChoices() {
    assertThatThrownBy(
            () ->
                ScenarioFile.parse(
                    "file.json",
                    """
                    {"name": "x", "accounts": {}, "start": {}, "pace": {"reads": 1, "per": "day"},
                     "targets": "followed", "action": "delete"}
                    """))
        .hasMessage(
            "file.json: action: expected one of [read, search, update, refer, broad_search], got delete");
  }

  @Test
  void parse_rereadShare_isReadAndWrittenBack() {
    AttackScenario s =
        ScenarioFile.parse(
            "t",
            """
            {"name": "rereads", "accounts": {}, "start": {}, "pace": {"reads": 3, "per": "minute"},
             "targets": "organization", "reread_share": 0.8}
            """);

    assertThat(s.rereadShare()).isEqualTo(0.8);
    assertThat(ScenarioFile.parse("again", ScenarioFile.write(s))).isEqualTo(s);
  }

  @Test
  void parse_withoutRereadShare_isZeroAndWrittenWithout() {
    AttackScenario s =
        ScenarioFile.parse(
            "t",
            """
            {"name": "plain", "accounts": {}, "start": {}, "pace": {"reads": 3, "per": "hour"},
             "targets": "followed"}
            """);

    assertThat(s.rereadShare()).isZero();
    assertThat(ScenarioFile.write(s)).doesNotContain("reread_share");
  }

  @Test
  void parse_rereadShareOfOneOrMore_isRefusedNamingTheField() {
    assertThatThrownBy(
            () ->
                ScenarioFile.parse(
                    "file.json",
                    """
                    {"name": "x", "accounts": {}, "start": {}, "pace": {"reads": 1, "per": "day"},
                     "targets": "followed", "reread_share": 1}
                    """))
        .hasMessage("file.json: reread_share: expected a share >= 0 and < 1");
  }

  @Test
  void parse_rereadShareOfUpdates_isRefusedNamingTheField() {
    assertThatThrownBy(
            () ->
                ScenarioFile.parse(
                    "file.json",
                    """
                    {"name": "x", "accounts": {}, "start": {}, "pace": {"reads": 1, "per": "day"},
                     "targets": "followed", "action": "update", "reread_share": 0.5}
                    """))
        .hasMessage("file.json: reread_share: only for a read of followed or organization targets");
  }

  @Test
  void parse_rereadShareOfReferrals_isRefusedNamingTheField() {
    assertThatThrownBy(
            () ->
                ScenarioFile.parse(
                    "file.json",
                    """
                    {"name": "x", "accounts": {}, "start": {}, "pace": {"reads": 1, "per": "day"},
                     "targets": "followed", "action": "refer", "reread_share": 0.5}
                    """))
        .hasMessageStartingWith("file.json: reread_share: only for ");
  }

  @Test
  void parse_personsForASearchSweep_isRefusedNamingTheField() {
    assertThatThrownBy(
            () ->
                ScenarioFile.parse(
                    "file.json",
                    """
                    {"name": "x", "accounts": {}, "start": {}, "pace": {"reads": 1, "per": "day"},
                     "targets": "search_sweep", "persons": 3}
                    """))
        .hasMessageStartingWith("file.json: persons: ");
  }

  @Test
  void parse_searchSweepWithAnotherAction_isRefusedNamingTheField() {
    assertThatThrownBy(
            () ->
                ScenarioFile.parse(
                    "file.json",
                    """
                    {"name": "x", "accounts": {}, "start": {}, "pace": {"reads": 1, "per": "day"},
                     "targets": "search_sweep", "action": "refer"}
                    """))
        .hasMessage(
            "file.json: action: a search_sweep searches and reads what it finds;"
                + " expected read, got refer");
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
    assertThat(s.act()).isEqualTo(AttackScenario.Act.READ);
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
