package fr.vigie.detection;

import static java.util.Objects.requireNonNull;

import fr.vigie.identity.AccountId;
import fr.vigie.identity.OrganizationKind;
import fr.vigie.identity.Role;
import java.time.Instant;

/**
 * What the ceilings and the detectors know of an account besides its accesses.
 *
 * @param recoveredAt when a helpdesk last recovered it, or null
 */
public record AccountProfile(
    AccountId account, Role role, OrganizationKind organizationKind, Instant recoveredAt) {
  public AccountProfile {
    requireNonNull(account, "account is null");
    requireNonNull(role, "role is null");
    requireNonNull(organizationKind, "organizationKind is null");
  }

  /** The peer group: the same organization kind and role. */
  public PeerGroup peers() {
    return new PeerGroup(organizationKind, role);
  }

  /** Accounts compared with each other: the same organization kind and role. */
  public record PeerGroup(OrganizationKind organizationKind, Role role) {}
}
