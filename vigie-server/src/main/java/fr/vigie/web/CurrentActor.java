package fr.vigie.web;

import fr.vigie.ProblemCode;
import fr.vigie.VigieException;
import fr.vigie.access.Actor;
import fr.vigie.identity.AccountId;
import fr.vigie.identity.OrganizationId;
import fr.vigie.identity.StaffPrincipal;
import org.springframework.stereotype.Component;

/**
 * The policy's actor for the signed-in staff account of the current request.
 *
 * <p>Taken from the principal, with no query of its own: the account state guard read the account
 * (role, organization and its kind, restriction, containment) from the database at the start of
 * this very request, and ended the session instead if the account is gone, locked or its sessions
 * revoked.
 */
@Component
public class CurrentActor {

  /** The actor; requests reach controllers only fully signed in, so one is always there. */
  public Actor require() {
    StaffPrincipal principal =
        StaffPrincipal.current()
            .orElseThrow(() -> new VigieException(ProblemCode.ACCESS_DENIED, "not signed in"));
    return new Actor(
        new AccountId(principal.accountId()),
        principal.role(),
        new OrganizationId(principal.organizationId()),
        principal.organizationKind(),
        principal.restricted(),
        principal.containment(),
        principal.recoveredAt(),
        principal.channel());
  }
}
