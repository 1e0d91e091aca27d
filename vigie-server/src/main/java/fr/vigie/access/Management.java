package fr.vigie.access;

import fr.vigie.ProblemCode;
import fr.vigie.VigieException;
import fr.vigie.audit.AuditAction;
import fr.vigie.audit.AuditDecision;
import fr.vigie.audit.AuditEvent;
import fr.vigie.audit.AuditLog;
import fr.vigie.detection.Access;
import fr.vigie.detection.AccessKind;
import fr.vigie.detection.Link;
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
  private final Gate gate;
  private final Clock clock;

  Management(
      Relationships relationships,
      Justifications justifications,
      Caseloads caseloads,
      AuditLog audit,
      Gate gate,
      Clock clock) {
    this.relationships = relationships;
    this.justifications = justifications;
    this.caseloads = caseloads;
    this.audit = audit;
    this.gate = gate;
    this.clock = clock;
  }

  /**
   * Puts {@code person} in the caseload of {@code advisor}: guard, the rules, the ceiling on
   * changes, then the change; every refusal audited.
   */
  public void assign(Actor manager, AccountId advisor, PersonId person) {
    String code = "CASELOAD_ASSIGN";
    change(
        manager,
        person,
        code,
        () -> relationships.checkAssignment("assign", manager, advisor, person));
    audited(
        manager,
        person,
        code,
        () -> {
          relationships.assign(manager, advisor, person);
          return true;
        });
  }

  public boolean unassign(Actor manager, AccountId advisor, PersonId person) {
    String code = "CASELOAD_UNASSIGN";
    change(
        manager,
        person,
        code,
        () -> relationships.checkAssignment("unassign", manager, advisor, person));
    return audited(manager, person, code, () -> relationships.unassign(manager, advisor, person));
  }

  /**
   * Refers {@code person} to a partner organization: a referral opens the person to every advisor
   * there, so it is guarded and counted like an access, and every refusal is audited.
   */
  public void refer(Actor advisor, PersonId person, OrganizationId partner) {
    String code = "REFERRAL";
    change(
        advisor,
        person,
        code,
        () -> {
          if (partner == null) {
            throw new VigieException(ProblemCode.FIELD_MISSING, "organization: is required");
          }
          relationships.checkReferral("refer", advisor, person, partner);
        });
    audited(
        advisor,
        person,
        code,
        () -> {
          relationships.refer(advisor, person, partner);
          return true;
        });
  }

  /**
   * Grants {@code relationship}: a manager's cover, session or desk list, checked by {@link
   * Relationships#checkGrant} and audited (the grant's id, never the persons listed), refusals
   * included.
   */
  public TimeBoxedRelationship.Id grant(Actor manager, TimeBoxedRelationship relationship) {
    gate.guard(manager, AuditAction.ADMIN, null, null);
    String code = "RELATIONSHIP_GRANT." + relationship.kind().name();
    return audited(manager, null, code, () -> relationships.grant(manager, relationship));
  }

  /** Ends a time-boxed relationship now; false (audited as refused) when none holds. */
  public boolean revoke(Actor manager, TimeBoxedRelationship.Id id) {
    gate.guard(manager, AuditAction.ADMIN, null, null);
    String code = "RELATIONSHIP_REVOKE";
    boolean done = refusedIfThrows(manager, null, code, () -> relationships.revoke(manager, id));
    record(manager, null, code, done ? AuditDecision.ALLOW : AuditDecision.DENY);
    return done;
  }

  /** Records a manager's verdict; a justification reviewed already (false) is a refusal too. */
  public boolean review(Actor manager, JustificationId id, ReviewOutcome outcome) {
    gate.guard(manager, AuditAction.ADMIN, null, null);
    if (outcome == null) {
      record(manager, null, "JUSTIFICATION_REVIEW", AuditDecision.DENY);
      throw new VigieException(
          ProblemCode.FIELD_MISSING, "outcome: is required, UPHELD or REJECTED");
    }
    String code = "JUSTIFICATION_REVIEW." + outcome.name();
    boolean done =
        refusedIfThrows(manager, null, code, () -> justifications.review(manager, id, outcome));
    record(manager, null, code, done ? AuditDecision.ALLOW : AuditDecision.DENY);
    return done;
  }

  /**
   * The persons (ids) {@code advisor} follows, see {@link Caseloads#mine}. Audited, as every list
   * of person ids is: a thief enumerating them leaves a trace.
   */
  public CaseloadPage ownCaseload(Actor advisor, int limit, int offset) {
    gate.guard(advisor, AuditAction.ADMIN, null, null);
    return audited(
        advisor, null, "CASELOAD_LIST.OWN", () -> caseloads.mine(advisor, limit, offset));
  }

  /** The caseload of an advisor, for a manager of its organization; audited. */
  public CaseloadPage caseload(Actor manager, AccountId advisor, int limit, int offset) {
    gate.guard(manager, AuditAction.ADMIN, null, null);
    return audited(
        manager, null, "CASELOAD_LIST.TEAM", () -> caseloads.of(manager, advisor, limit, offset));
  }

  /** The advisors of the manager's team and their caseload sizes; audited like a caseload. */
  public List<TeamMember> team(Actor manager) {
    gate.guard(manager, AuditAction.ADMIN, null, null);
    return audited(manager, null, "TEAM_LIST", () -> caseloads.team(manager));
  }

  /** The team's time-boxed relationships that hold now or later; audited. */
  public List<HeldRelationship> heldRelationships(Actor manager) {
    gate.guard(manager, AuditAction.ADMIN, null, null);
    return audited(manager, null, "RELATIONSHIP_LIST", () -> relationships.held(manager));
  }

  /** The manager's review queue; audited, since the staff-written texts may name the person. */
  public List<PendingJustification> pendingJustifications(Actor manager, int limit) {
    gate.guard(manager, AuditAction.ADMIN, null, null);
    return audited(
        manager, null, "JUSTIFICATION_QUEUE", () -> justifications.pending(manager, limit));
  }

  /**
   * The steps before a change to who follows {@code person}: the guard (a throttled account's early
   * attempt counts as a change), the request and the rules (a refusal audited as {@code code}), and
   * the ceiling on changes (a refusal audited as {@code CEILING.CHANGES}). Checked before counted:
   * a refused change does not use up the ceiling.
   */
  private void change(Actor actor, PersonId person, String code, Runnable check) {
    Access change = gate.access(actor, AccessKind.CHANGE, person, Link.NONE);
    gate.guard(actor, AuditAction.ADMIN, person, change);
    refusedIfThrows(
        actor,
        person,
        code,
        () -> {
          check.run();
          return true;
        });
    gate.withinCeilings(actor, AuditAction.ADMIN, change);
  }

  /** Runs {@code step}; any refusal it throws is audited as {@code code} and published. */
  private <T> T refusedIfThrows(Actor actor, PersonId person, String code, Supplier<T> step) {
    try {
      return step.get();
    } catch (VigieException e) {
      record(actor, person, code, AuditDecision.DENY);
      gate.refused(actor, person);
      throw e;
    }
  }

  private <T> T audited(Actor actor, PersonId person, String code, Supplier<T> change) {
    T result = refusedIfThrows(actor, person, code, change);
    record(actor, person, code, AuditDecision.ALLOW);
    return result;
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
