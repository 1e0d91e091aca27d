package fr.vigie.web;

import fr.vigie.ProblemCode;
import fr.vigie.VigieException;
import fr.vigie.access.Actor;
import fr.vigie.access.Relationships;
import fr.vigie.identity.AccountId;
import fr.vigie.identity.StaffPrincipal;
import org.springframework.stereotype.Component;

/** The policy's actor for the signed-in staff account of the current request. */
@Component
class CurrentActor {
  private final Relationships relationships;

  CurrentActor(Relationships relationships) {
    this.relationships = relationships;
  }

  /** The actor; requests reach controllers only fully signed in, so one is always there. */
  Actor require() {
    StaffPrincipal principal =
        StaffPrincipal.current()
            .orElseThrow(() -> new VigieException(ProblemCode.ACCESS_DENIED, "not signed in"));
    return relationships
        .actor(new AccountId(principal.accountId()), principal.restricted())
        .map(a -> a.guarded(principal.containment(), principal.recoveredAt(), principal.channel()))
        .orElseThrow(() -> new VigieException(ProblemCode.ACCESS_DENIED, "no such account"));
  }
}
