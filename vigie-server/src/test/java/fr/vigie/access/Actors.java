package fr.vigie.access;

import fr.vigie.identity.AccountId;
import fr.vigie.identity.OrganizationId;
import fr.vigie.identity.OrganizationKind;
import fr.vigie.identity.Role;
import java.util.UUID;

/** Actors for policy tests, each with fresh ids. */
final class Actors {
  private Actors() {}

  static Actor actor(Role role, OrganizationKind kind) {
    return new Actor(
        new AccountId(UUID.randomUUID()), role, new OrganizationId(UUID.randomUUID()), kind, false);
  }

  static Actor restricted(Role role, OrganizationKind kind) {
    Actor actor = actor(role, kind);
    return new Actor(actor.account(), role, actor.organization(), kind, true);
  }

  static Actor agencyAdvisor() {
    return actor(Role.ADVISOR, OrganizationKind.FRANCE_TRAVAIL_AGENCY);
  }

  static Actor agencyManager() {
    return actor(Role.MANAGER, OrganizationKind.FRANCE_TRAVAIL_AGENCY);
  }
}
