package fr.vigie.access;

import static java.util.Objects.requireNonNull;

import fr.vigie.identity.AccountId;
import fr.vigie.identity.Channel;
import fr.vigie.identity.ContainmentState;
import fr.vigie.identity.OrganizationId;
import fr.vigie.identity.OrganizationKind;
import fr.vigie.identity.Role;
import java.time.Instant;

/**
 * The signed-in staff account on whose behalf the policy decides. {@code restricted} is set while
 * the account is under recovery limits: it may then read nothing.
 *
 * @param containment the guard's state for this request, read before the policy
 * @param recoveredAt when a helpdesk last recovered the account, or null: the ceilings are tighter
 *     for a while after
 * @param channel the pseudonymous device and network of the request
 */
public record Actor(
    AccountId account,
    Role role,
    OrganizationId organization,
    OrganizationKind organizationKind,
    boolean restricted,
    ContainmentState containment,
    Instant recoveredAt,
    Channel channel) {
  public Actor {
    requireNonNull(account, "account is null");
    requireNonNull(role, "role is null");
    requireNonNull(organization, "organization is null");
    requireNonNull(organizationKind, "organizationKind is null");
    requireNonNull(containment, "containment is null");
    requireNonNull(channel, "channel is null");
  }

  /** An active account, never recovered, on an unknown channel. */
  public Actor(
      AccountId account,
      Role role,
      OrganizationId organization,
      OrganizationKind organizationKind,
      boolean restricted) {
    this(
        account,
        role,
        organization,
        organizationKind,
        restricted,
        ContainmentState.ACTIVE,
        null,
        Channel.UNKNOWN);
  }

  /** The same actor as the guard sees it in this request. */
  public Actor guarded(ContainmentState state, Instant recovered, Channel from) {
    return new Actor(
        account, role, organization, organizationKind, restricted, state, recovered, from);
  }
}
