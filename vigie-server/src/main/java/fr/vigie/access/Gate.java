package fr.vigie.access;

import fr.vigie.ProblemCode;
import fr.vigie.VigieException;
import fr.vigie.audit.AuditAction;
import fr.vigie.audit.AuditDecision;
import fr.vigie.audit.AuditEvent;
import fr.vigie.audit.AuditLog;
import fr.vigie.detection.Access;
import fr.vigie.detection.AccessKind;
import fr.vigie.detection.AccessWatch;
import fr.vigie.detection.AccountProfile;
import fr.vigie.detection.Admission;
import fr.vigie.detection.Link;
import fr.vigie.identity.ContainmentState;
import fr.vigie.registry.PersonId;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * The guard and the ceilings, shared by the read path ({@link PersonReads}) and management ({@link
 * Management}): the same containment refuses both, the same counters count both, and every refusal
 * is audited and published to the detectors.
 */
@Component
class Gate {
  /** Purpose codes of refusals by the guard and by the ceilings. */
  static final String GUARD_PREFIX = "GUARD.";

  static final String CEILING_PREFIX = "CEILING.";

  private final AuditLog audit;
  private final AccessWatch watch;
  private final Clock clock;

  Gate(AuditLog audit, AccessWatch watch, Optional<Clock> clock) {
    this.audit = audit;
    this.watch = watch;
    this.clock = clock.orElse(Clock.systemUTC());
  }

  /**
   * The guard, before the policy: a suspended account gets nothing, one asked to step up gets
   * nothing until its session proves a fresh second factor, a throttled one a few accesses a
   * minute. {@code attempt} is what a throttled account's too-early attempt counts as, or null.
   */
  void guard(Actor actor, AuditAction action, PersonId person, Access attempt) {
    ProblemCode refusal =
        switch (actor.containment()) {
          case ACTIVE -> null;
          case STEP_UP -> ProblemCode.STEP_UP_REQUIRED;
          case THROTTLED -> throttled(actor, attempt);
          case SUSPENDED -> ProblemCode.ACCOUNT_SUSPENDED;
        };
    if (refusal != null) {
      audit(
          actor, action, person, List.of(), GUARD_PREFIX + actor.containment(), AuditDecision.DENY);
      refused(actor, person);
      throw refusal == ProblemCode.ACCOUNT_THROTTLED
          ? new VigieException(
              refusal, "the guard refuses: " + refusal.title(), AccessWatch.THROTTLE_SPACING)
          : new VigieException(refusal, "the guard refuses: " + refusal.title());
    }
  }

  /**
   * Null when a throttled account may go on now. A too-early attempt is still counted by the
   * ceilings, as if served: a thief asking at full speed meets the burst ceiling all the same.
   */
  private ProblemCode throttled(Actor actor, Access attempt) {
    if (watch.throttlePasses(actor.account(), clock.instant())) {
      return null;
    }
    if (attempt != null && watch.admit(profile(actor), attempt) instanceof Admission.Suspended) {
      return ProblemCode.ACCOUNT_SUSPENDED;
    }
    return ProblemCode.ACCOUNT_THROTTLED;
  }

  /**
   * The ceilings, after the policy and before decryption or the change; a refusal is audited (as
   * {@code CEILING.} and the limit's name) and published to the detectors.
   */
  void withinCeilings(Actor actor, AuditAction action, Access access) {
    admitted(actor, action, access, watch.admit(profile(actor), access));
  }

  /** Goes on when {@code admission} admitted {@code access}; audits and throws otherwise. */
  void admitted(Actor actor, AuditAction action, Access access, Admission admission) {
    switch (admission) {
      case Admission.Admitted admitted -> {}
      case Admission.Refused over -> {
        audit(
            actor,
            action,
            access.person(),
            List.of(),
            ceilingCode(over.limit().name()),
            AuditDecision.DENY);
        refused(actor, access.person());
        throw new VigieException(
            ProblemCode.CEILING_REACHED, over.limit().explain(), over.retryAfter());
      }
      case Admission.Suspended suspended -> {
        audit(
            actor,
            action,
            access.person(),
            List.of(),
            GUARD_PREFIX + ContainmentState.SUSPENDED,
            AuditDecision.DENY);
        refused(actor, access.person());
        throw new VigieException(
            ProblemCode.ACCOUNT_SUSPENDED, "the account is suspended: an analyst was alerted");
      }
    }
  }

  /**
   * The audit purpose code of a refusal by the ceiling named {@code limit}: {@code CEILING.HOURLY},
   * {@code CEILING.OUTSIDE-DAILY}. Upper case, as every purpose code of the audit log is: a lower
   * case one was refused by the log, and the refusal answered 500 and went unrecorded.
   */
  static String ceilingCode(String limit) {
    return CEILING_PREFIX + limit.toUpperCase(Locale.ROOT);
  }

  /** Appends one event about {@code actor}'s request; fails closed if it cannot be written. */
  void audit(
      Actor actor,
      AuditAction action,
      PersonId person,
      List<String> fields,
      String purpose,
      AuditDecision decision) {
    audit.append(
        new AuditEvent(
            clock.instant(),
            actor.account().toString(),
            action,
            person == null ? null : person.toString(),
            fields,
            purpose,
            decision,
            actor.channel().network(),
            actor.organization().value().toString()));
  }

  /** Appends one event of a person acting on their own file; fails closed like any other. */
  void auditSelf(
      Self self, AuditAction action, List<String> fields, String purpose, AuditDecision decision) {
    auditEvent(self.auditActor(), action, self.person(), fields, purpose, decision, self.source());
  }

  /** Appends one event of an actor that is no staff account (a person, a sign-in's subject). */
  void auditEvent(
      String actor,
      AuditAction action,
      PersonId person,
      List<String> fields,
      String purpose,
      AuditDecision decision,
      String source) {
    audit.append(
        new AuditEvent(
            clock.instant(),
            actor,
            action,
            person.toString(),
            fields,
            purpose,
            decision,
            source,
            null));
  }

  /** A refused access, onto the bus to the detectors. */
  void refused(Actor actor, PersonId person) {
    watch.accessed(profile(actor), access(actor, AccessKind.REFUSED, person, Link.NONE));
  }

  /** An access that happened, onto the bus to the detectors. */
  void accessed(Actor actor, Access access) {
    watch.accessed(profile(actor), access);
  }

  static AccountProfile profile(Actor actor) {
    return new AccountProfile(
        actor.account(), actor.role(), actor.organizationKind(), actor.recoveredAt());
  }

  Access access(Actor actor, AccessKind kind, PersonId person, Link link) {
    return new Access(
        actor.account(),
        clock.instant(),
        kind,
        person,
        link,
        0,
        actor.channel().device(),
        actor.channel().network());
  }
}
