package fr.vigie.access;

import static fr.vigie.access.Actors.actor;
import static fr.vigie.access.Actors.agencyAdvisor;
import static fr.vigie.access.Actors.agencyManager;
import static org.assertj.core.api.Assertions.assertThat;

import fr.vigie.identity.OrganizationKind;
import fr.vigie.identity.Role;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class ManagementRulesTest {
  private static final Facts CASELOAD = new Facts(true, true, false);

  @ParameterizedTest
  @EnumSource(value = Role.class, names = "MANAGER", mode = EnumSource.Mode.EXCLUDE)
  void assign_actorNotManager_deniesRole(Role role) {
    assertThat(
            ManagementRules.assignment(
                actor(role, OrganizationKind.FRANCE_TRAVAIL_AGENCY), true, true))
        .contains(DenyReason.ROLE_NOT_ALLOWED);
  }

  @Test
  void assign_restrictedManager_deniesRestricted() {
    Actor manager = Actors.restricted(Role.MANAGER, OrganizationKind.FRANCE_TRAVAIL_AGENCY);

    assertThat(ManagementRules.assignment(manager, true, true))
        .contains(DenyReason.ACCOUNT_RESTRICTED);
  }

  @Test
  void assign_advisorOfOtherOrganization_deniesAdvisor() {
    assertThat(ManagementRules.assignment(agencyManager(), false, true))
        .contains(DenyReason.ADVISOR_NOT_IN_ORGANIZATION);
  }

  @Test
  void assign_personOfOtherOrganization_deniesNoRelationship() {
    assertThat(ManagementRules.assignment(agencyManager(), true, false))
        .contains(DenyReason.NO_RELATIONSHIP);
  }

  @Test
  void assign_managerOfSubcontractor_deniesOrganization() {
    Actor manager = actor(Role.MANAGER, OrganizationKind.SUBCONTRACTOR);

    assertThat(ManagementRules.assignment(manager, true, true))
        .contains(DenyReason.ORGANIZATION_NOT_ALLOWED);
  }

  @Test
  void assign_managerWithinItsOrganization_isAllowed() {
    assertThat(ManagementRules.assignment(agencyManager(), true, true)).isEmpty();
  }

  @ParameterizedTest
  @EnumSource(
      value = OrganizationKind.class,
      names = {"FRANCE_TRAVAIL_AGENCY", "SUBCONTRACTOR"})
  void refer_toNonPartner_deniesNotAPartner(OrganizationKind target) {
    assertThat(ManagementRules.referral(agencyAdvisor(), CASELOAD, target))
        .contains(DenyReason.NOT_A_PARTNER);
  }

  @Test
  void refer_personOutsideCaseload_deniesNotInCaseload() {
    assertThat(
            ManagementRules.referral(
                agencyAdvisor(), new Facts(false, true, false), OrganizationKind.CAP_EMPLOI))
        .contains(DenyReason.NOT_IN_CASELOAD);
  }

  @Test
  void refer_personOfOtherOrganization_deniesNoRelationship() {
    assertThat(
            ManagementRules.referral(
                agencyAdvisor(), new Facts(true, false, false), OrganizationKind.CAP_EMPLOI))
        .contains(DenyReason.NO_RELATIONSHIP);
  }

  @Test
  void refer_byPartnerAdvisor_deniesOrganization() {
    Actor partner = actor(Role.ADVISOR, OrganizationKind.CAP_EMPLOI);

    assertThat(ManagementRules.referral(partner, CASELOAD, OrganizationKind.MISSION_LOCALE))
        .contains(DenyReason.ORGANIZATION_NOT_ALLOWED);
  }

  @Test
  void refer_byManager_deniesRole() {
    assertThat(ManagementRules.referral(agencyManager(), CASELOAD, OrganizationKind.CAP_EMPLOI))
        .contains(DenyReason.ROLE_NOT_ALLOWED);
  }

  @Test
  void refer_byRestrictedAdvisor_deniesRestricted() {
    Actor advisor = Actors.restricted(Role.ADVISOR, OrganizationKind.FRANCE_TRAVAIL_AGENCY);

    assertThat(ManagementRules.referral(advisor, CASELOAD, OrganizationKind.CAP_EMPLOI))
        .contains(DenyReason.ACCOUNT_RESTRICTED);
  }

  @ParameterizedTest
  @EnumSource(
      value = OrganizationKind.class,
      names = {"CAP_EMPLOI", "MISSION_LOCALE"})
  void refer_caseloadPersonToPartner_isAllowed(OrganizationKind target) {
    assertThat(ManagementRules.referral(agencyAdvisor(), CASELOAD, target)).isEmpty();
  }

  @Test
  void review_justificationOfOtherOrganization_deniesAdvisor() {
    assertThat(ManagementRules.review(agencyManager(), false))
        .contains(DenyReason.ADVISOR_NOT_IN_ORGANIZATION);
  }

  @Test
  void review_byAdvisor_deniesRole() {
    assertThat(ManagementRules.review(agencyAdvisor(), true)).contains(DenyReason.ROLE_NOT_ALLOWED);
  }

  @Test
  void review_justificationOfItsOrganization_isAllowed() {
    assertThat(ManagementRules.review(agencyManager(), true)).isEmpty();
  }
}
