package fr.vigie.simulation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class VariantGeneratorTest {
  private final List<AttackScenario> drawn = VariantGenerator.draw(200, 7);

  @Test
  void draw_sameSeed_sameVariants() {
    assertThat(VariantGenerator.draw(200, 7)).isEqualTo(drawn);
    assertThat(VariantGenerator.draw(200, 8)).isNotEqualTo(drawn);
  }

  @Test
  void draw_twoHundred_coverEveryRange() {
    assertThat(drawn).extracting(AttackScenario::accounts).contains(1).anyMatch(n -> n >= 50);
    assertThat(drawn).extracting(AttackScenario::accounts).allMatch(n -> n >= 1 && n <= 100);
    assertThat(drawn).extracting(AttackScenario::targets).contains(AttackScenario.Targets.values());
    assertThat(drawn).extracting(AttackScenario::per).contains(AttackScenario.Per.values());
    assertThat(drawn).extracting(AttackScenario::newDevice).contains(true, false);
    assertThat(drawn).extracting(AttackScenario::newAddress).contains(true, false);
    assertThat(drawn).anyMatch(AttackScenario::recovery);
    assertThat(drawn).anyMatch(s -> s.dormantDays() > 30);
    assertThat(drawn).anyMatch(s -> !s.restartDays().isEmpty());
    assertThat(drawn).anyMatch(s -> !s.ownerKeepsWorking());
  }

  @Test
  void draw_everyVariant_meetsOneOfItsWindowsWithinItsSpan() {
    for (AttackScenario v : VariantGenerator.draw(600, 1)) {
      double needed =
          VariantGenerator.daysToFirstWindowEnd(v.startDay(), v.startTime(), v.windows());
      assertThat(v.durationDays()).as(v.name()).isGreaterThanOrEqualTo(needed);
    }
  }

  @Test
  void daysToFirstWindowEnd_weekendHoursFromATuesday_reachTheSaturday() {
    // Day 50 is a Tuesday (day 0 is Monday 5 January 2026); 10:00-18:00 at weekends.
    List<AttackScenario.Window> weekends =
        List.of(new AttackScenario.Window(AttackScenario.Days.WEEKENDS, 36_000, 64_800));

    double days =
        VariantGenerator.daysToFirstWindowEnd(50, java.time.LocalTime.of(11, 15), weekends);

    assertThat(days).isEqualTo(4 + (64_800 - 40_500) / 86_400.0);
  }

  @Test
  void write_thenParse_givesTheSameScenario() {
    for (AttackScenario variant : drawn) {
      assertThat(ScenarioFile.parse(variant.name(), ScenarioFile.write(variant)))
          .isEqualTo(variant);
    }
  }

  @Test
  void write_builtInScenarios_parseBackTheSame() {
    for (AttackScenario shipped : ScenarioFile.builtIn()) {
      assertThat(ScenarioFile.parse(shipped.name(), ScenarioFile.write(shipped)))
          .isEqualTo(shipped);
    }
  }

  @Test
  void summarize_leavesOutWhatCannotBeToldFromTheOwner_andRanksTheWorst() {
    List<Variants.Outcome> outcomes = new ArrayList<>();
    for (int i = 0; i < drawn.size(); i++) {
      outcomes.add(new Variants.Outcome(drawn.get(i), i, i % 2 == 0));
    }

    Variants.Summary summary = Variants.summarize(outcomes);

    long apart = drawn.stream().filter(VariantGenerator::indistinguishable).count();
    assertThat(summary.count() + summary.apart()).isEqualTo(200);
    assertThat(summary.apart()).isEqualTo((int) apart);
    assertThat(summary.worst()).hasSize(10);
    assertThat(summary.worst().getFirst().leakedPerAccount())
        .isEqualTo(summary.leakedPerAccountMax());
    assertThat(summary.worst()).noneMatch(o -> VariantGenerator.indistinguishable(o.scenario()));
    assertThat(summary.containedShare()).isBetween(0.4, 0.6);
    assertThat(summary.json()).startsWith("{\"count\":").contains("\"leaked_per_account_p95\":");
  }

  @Test
  void indistinguishable_ownCaseloadOwnPcOwnPace_isReportedApart_otherwiseNot() {
    AttackScenario own =
        ScenarioFile.parse(
            "own",
            """
            {"name": "own", "accounts": {}, "start": {}, "pace": {"reads": 0.9, "per": "usual_day"},
             "hours": [{"days": "weekdays", "from": "09:00", "to": "17:00"}],
             "device": "owner", "address": "owner", "targets": "followed"}
            """);
    AttackScenario newDevice =
        ScenarioFile.parse(
            "new",
            """
            {"name": "new", "accounts": {}, "start": {}, "pace": {"reads": 0.9, "per": "usual_day"},
             "hours": [{"days": "weekdays", "from": "09:00", "to": "17:00"}],
             "device": "new", "address": "owner", "targets": "followed"}
            """);

    assertThat(VariantGenerator.indistinguishable(own)).isTrue();
    assertThat(VariantGenerator.indistinguishable(newDevice)).isFalse();
  }

  @Test
  void indistinguishable_sevenADayOfTheCaseload_onlyWhenTheRunFoundItWithinTheOwnersDay() {
    AttackScenario sevenADay =
        ScenarioFile.parse(
            "seven",
            """
            {"name": "seven", "accounts": {}, "start": {}, "pace": {"reads": 7, "per": "day"},
             "hours": [{"days": "weekdays", "from": "09:00", "to": "17:00"}],
             "device": "owner", "address": "owner", "targets": "followed"}
            """);
    AttackScenario atNight =
        ScenarioFile.parse(
            "night",
            """
            {"name": "night", "accounts": {}, "start": {}, "pace": {"reads": 7, "per": "day"},
             "hours": [{"days": "weekdays", "from": "20:00", "to": "23:00"}],
             "device": "owner", "address": "owner", "targets": "followed"}
            """);

    assertThat(VariantGenerator.indistinguishable(sevenADay)).isFalse();
    assertThat(VariantGenerator.indistinguishable(sevenADay, true)).isTrue();
    assertThat(VariantGenerator.indistinguishable(atNight, true)).isFalse();
  }

  @Test
  void personsPerWeekday_eachPace_overTheWeekdayWindows() {
    String hours =
        "\"hours\": [{\"days\": \"weekdays\", \"from\": \"09:00\", \"to\": \"17:00\"},"
            + " {\"days\": \"weekends\", \"from\": \"10:00\", \"to\": \"12:00\"}],";

    assertThat(Attack.personsPerWeekday(paced(hours, "2", "hour"), 30)).isEqualTo(16);
    assertThat(Attack.personsPerWeekday(paced(hours, "0.5", "minute"), 30)).isEqualTo(240);
    assertThat(Attack.personsPerWeekday(paced(hours, "7", "day"), 30)).isEqualTo(7);
    assertThat(Attack.personsPerWeekday(paced(hours, "0.5", "usual_day"), 30)).isEqualTo(15);
    String weekendsOnly =
        "\"hours\": [{\"days\": \"weekends\", \"from\": \"10:00\", \"to\": \"12:00\"}],";
    assertThat(Attack.personsPerWeekday(paced(weekendsOnly, "7", "day"), 30)).isZero();
  }

  private static AttackScenario paced(String hours, String reads, String per) {
    return ScenarioFile.parse(
        "paced",
        "{\"name\": \"paced\", \"accounts\": {}, \"start\": {}, \"pace\": {\"reads\": "
            + reads
            + ", \"per\": \""
            + per
            + "\"}, "
            + hours
            + " \"targets\": \"followed\"}");
  }
}
