package fr.vigie.access;

import fr.vigie.audit.AuditAction;
import fr.vigie.audit.AuditDecision;
import fr.vigie.audit.AuditEvent;
import fr.vigie.audit.AuditLog;
import fr.vigie.identity.AccountId;
import fr.vigie.identity.OrganizationId;
import fr.vigie.registry.PersonId;
import java.time.Clock;
import java.util.List;
import java.util.function.Supplier;
import org.springframework.stereotype.Service;

/**
 * Changes to relationships (caseloads, referrals) and reviews of justifications, each checked by
 * {@link Relationships} or {@link Justifications} and audited, refused ones included.
 */
@Service
public class Management {
  private final Relationships relationships;
  private final Justifications justifications;
  private final AuditLog audit;
  private final Clock clock;

  Management(
      Relationships relationships, Justifications justifications, AuditLog audit, Clock clock) {
    this.relationships = relationships;
    this.justifications = justifications;
    this.audit = audit;
    this.clock = clock;
  }

  public void assign(Actor manager, AccountId advisor, PersonId person) {
    audited(
        manager,
        person,
        "CASELOAD_ASSIGN",
        () -> {
          relationships.assign(manager, advisor, person);
          return true;
        });
  }

  public boolean unassign(Actor manager, AccountId advisor, PersonId person) {
    return audited(
        manager,
        person,
        "CASELOAD_UNASSIGN",
        () -> relationships.unassign(manager, advisor, person));
  }

  public void refer(Actor advisor, PersonId person, OrganizationId partner) {
    audited(
        advisor,
        person,
        "REFERRAL",
        () -> {
          relationships.refer(advisor, person, partner);
          return true;
        });
  }

  public boolean review(Actor manager, JustificationId id, ReviewOutcome outcome) {
    return audited(
        manager,
        null,
        "JUSTIFICATION_REVIEW." + outcome.name(),
        () -> justifications.review(manager, id, outcome));
  }

  private <T> T audited(Actor actor, PersonId person, String code, Supplier<T> change) {
    try {
      T result = change.get();
      record(actor, person, code, AuditDecision.ALLOW);
      return result;
    } catch (AccessDenied e) {
      record(actor, person, code, AuditDecision.DENY);
      throw e;
    }
  }

  private void record(Actor actor, PersonId person, String code, AuditDecision decision) {
    audit.append(
        new AuditEvent(
            clock.instant(),
            actor.account().toString(),
            AuditAction.ADMIN,
            person == null ? null : person.toString(),
            List.of(),
            code,
            decision,
            "http",
            actor.organization().value().toString()));
  }
}
