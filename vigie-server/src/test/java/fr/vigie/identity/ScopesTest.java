package fr.vigie.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumSet;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The matrix of docs/security.md, allow and deny side by side. */
class ScopesTest {
  private static final OrganizationId OWN = new OrganizationId(UUID.randomUUID());
  private static final OrganizationId OTHER = new OrganizationId(UUID.randomUUID());

  @Test
  void mayHold_eachKind_holdsExactlyItsRoles() {
    assertThat(held(OrganizationKind.FRANCE_TRAVAIL_AGENCY))
        .containsExactlyInAnyOrder(
            Role.ADVISOR,
            Role.MANAGER,
            Role.SECURITY_ANALYST,
            Role.DPO,
            Role.HELPDESK,
            Role.ADMINISTRATOR);
    for (OrganizationKind partner :
        Set.of(OrganizationKind.CAP_EMPLOI, OrganizationKind.MISSION_LOCALE)) {
      assertThat(held(partner))
          .containsExactlyInAnyOrder(
              Role.ADVISOR, Role.MANAGER, Role.SECURITY_ANALYST, Role.HELPDESK);
    }
    assertThat(held(OrganizationKind.SUBCONTRACTOR)).containsExactly(Role.SUBCONTRACTOR_OPERATOR);
  }

  @Test
  void reaches_franceTravailsAnalystOrHelpdesk_anyOrganization() {
    for (Role role : Set.of(Role.SECURITY_ANALYST, Role.HELPDESK, Role.DPO)) {
      assertThat(Scopes.reaches(role, OrganizationKind.FRANCE_TRAVAIL_AGENCY, OWN, OTHER))
          .as(role.name())
          .isTrue();
      assertThat(Scopes.national(OrganizationKind.FRANCE_TRAVAIL_AGENCY, role)).isTrue();
    }
  }

  @Test
  void reaches_partnersAnalystOrHelpdesk_ownOrganizationOnly() {
    for (Role role : Set.of(Role.SECURITY_ANALYST, Role.HELPDESK)) {
      for (OrganizationKind partner :
          Set.of(OrganizationKind.CAP_EMPLOI, OrganizationKind.MISSION_LOCALE)) {
        assertThat(Scopes.reaches(role, partner, OWN, OWN)).isTrue();
        assertThat(Scopes.reaches(role, partner, OWN, OTHER)).isFalse();
        assertThat(Scopes.national(partner, role)).isFalse();
      }
    }
  }

  @Test
  void reaches_roleItsKindMayNotHold_noOrganizationNotEvenItsOwn() {
    assertThat(Scopes.reaches(Role.HELPDESK, OrganizationKind.SUBCONTRACTOR, OWN, OWN)).isFalse();
    assertThat(Scopes.reaches(Role.SECURITY_ANALYST, OrganizationKind.SUBCONTRACTOR, OWN, OWN))
        .isFalse();
    assertThat(Scopes.reaches(Role.DPO, OrganizationKind.CAP_EMPLOI, OWN, OWN)).isFalse();
    assertThat(Scopes.national(OrganizationKind.CAP_EMPLOI, Role.DPO)).isFalse();
  }

  private static Set<Role> held(OrganizationKind kind) {
    Set<Role> roles = EnumSet.noneOf(Role.class);
    for (Role role : Role.values()) {
      if (Scopes.mayHold(kind, role)) {
        roles.add(role);
      }
    }
    return roles;
  }
}
