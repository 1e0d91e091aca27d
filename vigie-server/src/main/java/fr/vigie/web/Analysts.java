package fr.vigie.web;

import fr.vigie.ProblemCode;
import fr.vigie.VigieException;
import fr.vigie.identity.AccountId;
import fr.vigie.identity.Role;
import fr.vigie.identity.Scopes;
import fr.vigie.identity.StaffPrincipal;

/** Who may decide alerts: the API's and the console's one check. */
public final class Analysts {
  private Analysts() {}

  /**
   * The signed-in security analyst. The security configuration lets only analysts reach alerts;
   * this says so once more, and refuses an analyst within its restricted period after a recovery,
   * as every other privileged action does: a just-recovered account may be an attacker's, and must
   * not lower containments.
   */
  public static AccountId require() {
    StaffPrincipal principal =
        StaffPrincipal.current()
            .filter(p -> p.role() == Role.SECURITY_ANALYST)
            // An analyst account in an organization that may not hold one has no powers.
            .filter(p -> Scopes.mayHold(p.organizationKind(), p.role()))
            .orElseThrow(
                () -> new VigieException(ProblemCode.ACCESS_DENIED, "security analysts only"));
    if (principal.restricted()) {
      throw new VigieException(
          ProblemCode.ACCESS_DENIED,
          "this analyst account is restricted after a recovery: another analyst decides");
    }
    return new AccountId(principal.accountId());
  }
}
