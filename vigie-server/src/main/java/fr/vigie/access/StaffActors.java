package fr.vigie.access;

import fr.vigie.ProblemCode;
import fr.vigie.VigieException;
import fr.vigie.identity.AccountId;
import fr.vigie.identity.OrganizationId;
import fr.vigie.identity.StaffPrincipal;

/** The policy's actor for the signed-in staff account of the current request. */
public final class StaffActors {
  private StaffActors() {}

  /**
   * The actor, from the principal the account state guard loaded at the start of this request.
   *
   * @throws VigieException ACCESS_DENIED when no staff account is signed in
   */
  public static Actor current() {
    StaffPrincipal p =
        StaffPrincipal.current()
            .orElseThrow(() -> new VigieException(ProblemCode.ACCESS_DENIED, "not signed in"));
    return new Actor(
        new AccountId(p.accountId()),
        p.role(),
        new OrganizationId(p.organizationId()),
        p.organizationKind(),
        p.restricted(),
        p.containment(),
        p.recoveredAt(),
        p.channel());
  }
}
