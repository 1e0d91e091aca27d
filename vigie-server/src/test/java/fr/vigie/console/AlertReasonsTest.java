package fr.vigie.console;

import static org.assertj.core.api.Assertions.assertThat;

import fr.vigie.detection.AccountProfile;
import fr.vigie.detection.Ceilings;
import fr.vigie.detection.Detectors;
import fr.vigie.detection.Limit;
import fr.vigie.detection.Signal;
import fr.vigie.identity.AccountId;
import fr.vigie.identity.OrganizationKind;
import fr.vigie.identity.Role;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class AlertReasonsTest {
  @Test
  void french_ofACeiling_saysTheLimitInFrench() {
    Limit burst =
        new Limit(
            "burst", Limit.Measure.PERSONS, Duration.ofMinutes(1), 10, Limit.OnBreach.SUSPEND);

    String text = AlertReasons.french(new Signal("ceiling:burst", 100, burst.explain()));

    assertThat(text).isEqualTo("Plafond franchi : plus de 10 personnes distinctes en 1 minute.");
  }

  @Test
  void french_ofACeilingOverDays_pluralizesTheWindow() {
    Limit outside =
        new Limit(
            "outside",
            Limit.Measure.OUTSIDE_PERSONS,
            Duration.ofDays(2),
            50,
            Limit.OnBreach.REFUSE);

    assertThat(AlertReasons.french(new Signal("ceiling:outside", 1, outside.explain())))
        .isEqualTo(
            "Plafond franchi : plus de 50 personnes distinctes hors portefeuille en 2 jours.");
  }

  @Test
  void french_ofAnUnreadableCeilingReason_namesTheCeilingOnly() {
    assertThat(AlertReasons.french(new Signal("ceiling:burst", 1, "something else")))
        .isEqualTo("Plafond « burst » franchi.");
  }

  @Test
  void french_ofEveryDefaultCeiling_isASentence() {
    AccountProfile advisor =
        new AccountProfile(
            new AccountId(UUID.randomUUID()),
            Role.ADVISOR,
            OrganizationKind.FRANCE_TRAVAIL_AGENCY,
            null);
    // A Monday morning in Paris: the day's limits, none tightened.
    for (Limit limit :
        Ceilings.defaults().limitsAt(advisor, Instant.parse("2026-03-02T09:00:00Z"))) {
      String text = AlertReasons.french(new Signal("ceiling:" + limit.name(), 1, limit.explain()));
      assertThat(text)
          .as(limit.name())
          .startsWith("Plafond franchi : plus de ")
          .doesNotContain("within");
    }
  }

  @Test
  void french_ofEveryDetector_isItsOwnSentence() {
    List<String> names = new ArrayList<>();
    Detectors.defaults().forEach(d -> names.add(d.name()));
    // Beside the detectors: the evidence after an answered step-up or on a throttle left in
    // place, and the findings across accounts.
    names.addAll(
        List.of(
            "after-step-up",
            "throttled-again",
            "organization-rise",
            "shared-persons",
            "register-walk"));
    for (String name : names) {
      assertThat(AlertReasons.french(new Signal(name, 1, "x")))
          .as(name)
          .doesNotContain("« " + name + " »");
    }
  }

  @Test
  void french_ofADetector_isFrench_andOfAnUnknownOne_namesIt() {
    assertThat(AlertReasons.french(new Signal("two-places", 1, "used from two networks")))
        .contains("deux réseaux");
    assertThat(AlertReasons.french(new Signal("hour-volume", 30, "read 20 distinct persons")))
        .contains("en une heure");
    assertThat(AlertReasons.french(new Signal("new-kind", 1, "x"))).contains("« new-kind »");
  }
}
