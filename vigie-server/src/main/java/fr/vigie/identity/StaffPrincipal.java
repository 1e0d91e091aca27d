package fr.vigie.identity;

import static java.util.Objects.requireNonNull;

import java.io.Serializable;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * The staff account behind the current request, as other features see it.
 *
 * <p>{@code containment} is the guard's state for this request: STEP_UP only while this session has
 * not proved a second factor since it was set. {@code recoveredAt} is when a helpdesk last
 * recovered the account, or null; {@code channel} the pseudonymous device and network of the
 * request.
 *
 * <p>{@code restricted} is true while the session has not proved a second factor, or the account is
 * within its restricted period after a recovery: a restricted account may read no personal data.
 * Requests that reach {@code /api/**} beyond the sign-in endpoints are fully signed in (a first and
 * a second factor); the state is read from the database on every request, so a lock, a reset or the
 * end of a restricted period takes effect on the next request.
 */
public record StaffPrincipal(
    UUID accountId,
    Role role,
    UUID organizationId,
    OrganizationKind organizationKind,
    boolean restricted,
    ContainmentState containment,
    Instant recoveredAt,
    Channel channel)
    implements Serializable {

  public StaffPrincipal {
    requireNonNull(accountId, "accountId is null");
    requireNonNull(role, "role is null");
    requireNonNull(organizationId, "organizationId is null");
    requireNonNull(organizationKind, "organizationKind is null");
    requireNonNull(containment, "containment is null");
    requireNonNull(channel, "channel is null");
  }

  /** As stored in a session at sign-in: the state of each request replaces it. */
  public StaffPrincipal(
      UUID accountId,
      Role role,
      UUID organizationId,
      OrganizationKind organizationKind,
      boolean restricted) {
    this(
        accountId,
        role,
        organizationId,
        organizationKind,
        restricted,
        ContainmentState.ACTIVE,
        null,
        Channel.UNKNOWN);
  }

  /** The signed-in staff account of the current request, if any (at least a first factor). */
  public static Optional<StaffPrincipal> current() {
    Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
    if (authentication != null
        && authentication.isAuthenticated()
        && authentication.getPrincipal() instanceof StaffPrincipal principal) {
      return Optional.of(principal);
    }
    return Optional.empty();
  }
}
