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
 * {@link Relationships} or {@link Justifications} and audited, refused ones included; and the lists
 * managers and advisors work from (caseloads, the review queue), audited the same way.
 */
@Service
public class Management {
  private final Relationships relationships;
  private final Justifications justifications;
  private final Caseloads caseloads;
  private final AuditLog audit;
  private final Clock clock;

  Management(
      Relationships relationships,
      Justifications justifications,
      Caseloads caseloads,
      AuditLog audit,
      Clock clock) {
    this.relationships = relationships;
    this.justifications = justifications;
    this.caseloads = caseloads;
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

  /**
   * The persons (ids) {@code advisor} follows, see {@link Caseloads#mine}. Audited, as every list
   * of person ids is: a thief enumerating them leaves a trace.
   */
  public CaseloadPage ownCaseload(Actor advisor, int limit, int offset) {
    return audited(
        advisor, null, "CASELOAD_LIST.OWN", () -> caseloads.mine(advisor, limit, offset));
  }

  /** The caseload of an advisor, for a manager of its organization; audited. */
  public CaseloadPage caseload(Actor manager, AccountId advisor, int limit, int offset) {
    return audited(
        manager, null, "CASELOAD_LIST.TEAM", () -> caseloads.of(manager, advisor, limit, offset));
  }

  /** The manager's review queue; audited, since the staff-written texts may name the person. */
  public List<PendingJustification> pendingJustifications(Actor manager, int limit) {
    return audited(
        manager, null, "JUSTIFICATION_QUEUE", () -> justifications.pending(manager, limit));
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
