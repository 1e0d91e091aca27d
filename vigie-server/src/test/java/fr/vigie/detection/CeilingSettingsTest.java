package fr.vigie.detection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fr.vigie.identity.AccountId;
import fr.vigie.identity.OrganizationKind;
import fr.vigie.identity.Role;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.mock.env.MockEnvironment;

class CeilingSettingsTest {
  /** A Tuesday, 10:00 in Paris. */
  private static final Instant WORKING_HOURS = Instant.parse("2026-11-17T09:00:00Z");

  private static int max(Ceilings ceilings, OrganizationKind kind, String name) {
    AccountProfile profile =
        new AccountProfile(new AccountId(new UUID(1, 1)), Role.ADVISOR, kind, null);
    List<Limit> limits = ceilings.limitsAt(profile, WORKING_HOURS);
    return limits.stream().filter(l -> l.name().equals(name)).findFirst().orElseThrow().max();
  }

  @Test
  void settings_changeMaximaForARoleOrOneOrganizationKind() {
    MockEnvironment settings =
        new MockEnvironment()
            .withProperty("vigie.ceilings.max.ADVISOR.hourly", "80")
            .withProperty("vigie.ceilings.max.ADVISOR.CAP_EMPLOI.daily", "150")
            .withProperty("vigie.ceilings.off-hours-factor", "0.5")
            .withProperty("vigie.ceilings.after-recovery", "P3D");

    Ceilings ceilings = AccessWatch.ceilings(settings);

    assertThat(max(ceilings, OrganizationKind.FRANCE_TRAVAIL_AGENCY, "hourly")).isEqualTo(80);
    assertThat(max(ceilings, OrganizationKind.CAP_EMPLOI, "hourly")).isEqualTo(80);
    assertThat(max(ceilings, OrganizationKind.CAP_EMPLOI, "daily")).isEqualTo(150);
    assertThat(max(ceilings, OrganizationKind.MISSION_LOCALE, "daily")).isEqualTo(200);
    assertThat(max(ceilings, OrganizationKind.MISSION_LOCALE, "burst")).isEqualTo(10);
    assertThat(ceilings.offHoursFactor()).isEqualTo(0.5);
    assertThat(ceilings.afterRecovery()).isEqualTo(Duration.ofDays(3));
  }

  @Test
  void settings_none_areTheDefaults() {
    assertThat(AccessWatch.ceilings(new MockEnvironment())).isEqualTo(Ceilings.defaults());
  }

  @Test
  void settings_unknownLimit_stopTheStartWithItsName() {
    MockEnvironment settings =
        new MockEnvironment().withProperty("vigie.ceilings.max.ADVISOR.hourlyy", "80");

    assertThatThrownBy(() -> AccessWatch.ceilings(settings))
        .hasMessageContaining("hourlyy")
        .hasMessageContaining("ADVISOR");
  }
}
