package fr.vigie.access;

import static java.util.Objects.requireNonNull;

import fr.vigie.identity.AccountId;
import fr.vigie.identity.OrganizationId;
import fr.vigie.identity.OrganizationKind;
import fr.vigie.identity.Role;

/**
 * The signed-in staff account on whose behalf the policy decides. {@code restricted} is set while
 * the account is under recovery limits: it may then read nothing.
 */
public record Actor(
    AccountId account,
    Role role,
    OrganizationId organization,
    OrganizationKind organizationKind,
    boolean restricted) {
  public Actor {
    requireNonNull(account, "account is null");
    requireNonNull(role, "role is null");
    requireNonNull(organization, "organization is null");
    requireNonNull(organizationKind, "organizationKind is null");
  }
}
