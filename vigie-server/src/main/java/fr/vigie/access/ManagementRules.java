package fr.vigie.access;

import fr.vigie.identity.OrganizationKind;
import fr.vigie.identity.Role;
import java.util.Optional;

/** Who may change the relationships: pure checks, the database facts loaded by the caller. */
final class ManagementRules {
  private ManagementRules() {}

  /**
   * A manager assigns and unassigns, within its own organization, the persons that organization
   * follows to the advisors of that organization.
   */
  static Optional<DenyReason> assignment(
      Actor actor, boolean advisorOfOrganization, boolean personFollowedByOrganization) {
    if (actor.restricted()) {
      return Optional.of(DenyReason.ACCOUNT_RESTRICTED);
    }
    if (actor.role() != Role.MANAGER) {
      return Optional.of(DenyReason.ROLE_NOT_ALLOWED);
    }
    if (actor.organizationKind() == OrganizationKind.SUBCONTRACTOR) {
      return Optional.of(DenyReason.ORGANIZATION_NOT_ALLOWED);
    }
    if (!advisorOfOrganization) {
      return Optional.of(DenyReason.ADVISOR_NOT_IN_ORGANIZATION);
    }
    if (!personFollowedByOrganization) {
      return Optional.of(DenyReason.NO_RELATIONSHIP);
    }
    return Optional.empty();
  }

  /**
   * An agency advisor refers a person of its own caseload to a partner organization, and ends that
   * referral.
   */
  static Optional<DenyReason> referral(Actor actor, Facts facts, OrganizationKind target) {
    if (actor.restricted()) {
      return Optional.of(DenyReason.ACCOUNT_RESTRICTED);
    }
    if (actor.role() != Role.ADVISOR) {
      return Optional.of(DenyReason.ROLE_NOT_ALLOWED);
    }
    if (actor.organizationKind() != OrganizationKind.FRANCE_TRAVAIL_AGENCY) {
      return Optional.of(DenyReason.ORGANIZATION_NOT_ALLOWED);
    }
    boolean partner =
        switch (target) {
          case CAP_EMPLOI, MISSION_LOCALE -> true;
          case FRANCE_TRAVAIL_AGENCY, SUBCONTRACTOR -> false;
        };
    if (!partner) {
      return Optional.of(DenyReason.NOT_A_PARTNER);
    }
    if (!facts.followedByOrganization()) {
      return Optional.of(DenyReason.NO_RELATIONSHIP);
    }
    if (!facts.inCaseload()) {
      return Optional.of(DenyReason.NOT_IN_CASELOAD);
    }
    return Optional.empty();
  }

  /** A manager reviews the justifications written by the advisors of its own organization. */
  static Optional<DenyReason> review(Actor actor, boolean writtenInOrganization) {
    if (actor.restricted()) {
      return Optional.of(DenyReason.ACCOUNT_RESTRICTED);
    }
    if (actor.role() != Role.MANAGER) {
      return Optional.of(DenyReason.ROLE_NOT_ALLOWED);
    }
    if (!writtenInOrganization) {
      return Optional.of(DenyReason.ADVISOR_NOT_IN_ORGANIZATION);
    }
    return Optional.empty();
  }

  /**
   * An advisor of an agency or of a partner lists the persons it follows: its caseload, or the
   * persons referred to its organization. A subcontractor follows no one.
   */
  static Optional<DenyReason> ownCaseload(Actor actor) {
    if (actor.restricted()) {
      return Optional.of(DenyReason.ACCOUNT_RESTRICTED);
    }
    if (actor.role() != Role.ADVISOR) {
      return Optional.of(DenyReason.ROLE_NOT_ALLOWED);
    }
    if (actor.organizationKind() == OrganizationKind.SUBCONTRACTOR) {
      return Optional.of(DenyReason.ORGANIZATION_NOT_ALLOWED);
    }
    return Optional.empty();
  }

  /** A manager lists the caseload of an advisor of its own organization, as it assigns it. */
  static Optional<DenyReason> teamCaseload(Actor actor, boolean advisorOfOrganization) {
    if (actor.restricted()) {
      return Optional.of(DenyReason.ACCOUNT_RESTRICTED);
    }
    if (actor.role() != Role.MANAGER) {
      return Optional.of(DenyReason.ROLE_NOT_ALLOWED);
    }
    if (actor.organizationKind() == OrganizationKind.SUBCONTRACTOR) {
      return Optional.of(DenyReason.ORGANIZATION_NOT_ALLOWED);
    }
    if (!advisorOfOrganization) {
      return Optional.of(DenyReason.ADVISOR_NOT_IN_ORGANIZATION);
    }
    return Optional.empty();
  }

  /** A manager reads the queue of its organization's justifications, to review them. */
  static Optional<DenyReason> reviewQueue(Actor actor) {
    return review(actor, true);
  }
}
