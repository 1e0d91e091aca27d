package fr.vigie.audit;

import fr.vigie.identity.IdentityEvent;
import java.util.List;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Appends every sign-in, second-factor and recovery event to the audit log. The events carry ids
 * and times only; a failed sign-in for an unknown login has no account and is recorded as such.
 */
@Component
class IdentityAudit {
  private static final String NO_ACCOUNT = "unknown";

  /** The actor of what the command line did on the server, where no account signs in. */
  static final String COMMAND_LINE = "cli";

  /** The actor of a containment the detectors or ceilings decided. */
  private static final String DETECTION = "detection";

  private final AuditLog log;

  IdentityAudit(AuditLog log) {
    this.log = log;
  }

  @EventListener
  void on(IdentityEvent event) {
    log.append(toAuditEvent(event));
  }

  static AuditEvent toAuditEvent(IdentityEvent event) {
    return switch (event) {
      case IdentityEvent.SignInSucceeded e ->
          of(e, id(e.account()), AuditAction.SIGN_IN, "PASSWORD", AuditDecision.ALLOW);
      case IdentityEvent.SignInFailed e ->
          of(e, id(e.account()), AuditAction.SIGN_IN_FAILED, "PASSWORD", AuditDecision.DENY);
      case IdentityEvent.SignInRateLimited e ->
          of(e, NO_ACCOUNT, AuditAction.SIGN_IN_FAILED, "RATE_LIMITED", AuditDecision.DENY);
      case IdentityEvent.AccountLocked e ->
          of(e, id(e.account()), AuditAction.SIGN_IN_FAILED, "LOCKED", AuditDecision.DENY);
      case IdentityEvent.SecondFactorSucceeded e ->
          of(e, id(e.account()), AuditAction.SECOND_FACTOR, e.factor().name(), AuditDecision.ALLOW);
      case IdentityEvent.SecondFactorFailed e ->
          of(e, id(e.account()), AuditAction.SECOND_FACTOR, e.factor().name(), AuditDecision.DENY);
      case IdentityEvent.SecondFactorEnrolled e ->
          of(
              e,
              id(e.account()),
              AuditAction.SECOND_FACTOR,
              "ENROLLED." + e.factor().name(),
              AuditDecision.ALLOW);
      case IdentityEvent.SecondFactorRemoved e ->
          of(
              e,
              id(e.account()),
              AuditAction.SECOND_FACTOR,
              "REMOVED." + e.factor().name(),
              AuditDecision.ALLOW);
      case IdentityEvent.PasswordChanged e ->
          of(e, id(e.account()), AuditAction.SIGN_IN, "PASSWORD_CHANGED", AuditDecision.ALLOW);
      case IdentityEvent.PasswordChangeFailed e ->
          of(e, id(e.account()), AuditAction.SIGN_IN_FAILED, "PASSWORD_CHANGE", AuditDecision.DENY);
      case IdentityEvent.SignedOut e ->
          of(e, id(e.account()), AuditAction.SIGN_IN, "SIGNED_OUT", AuditDecision.ALLOW);
      case IdentityEvent.RecoveryStarted e ->
          of(e, e.helpdesk().toString(), AuditAction.RECOVERY, "RESET", AuditDecision.ALLOW);
      case IdentityEvent.RecoveryApproved e ->
          of(e, e.manager().toString(), AuditAction.RECOVERY, "APPROVED", AuditDecision.ALLOW);
      case IdentityEvent.RecoveryCodeVerified e ->
          of(e, NO_ACCOUNT, AuditAction.RECOVERY, "CODE_VERIFIED", AuditDecision.ALLOW);
      case IdentityEvent.RecoveryCodeFailed e ->
          of(e, NO_ACCOUNT, AuditAction.RECOVERY, "CODE_FAILED", AuditDecision.DENY);
      case IdentityEvent.RecoveryCompleted e ->
          of(e, e.account().toString(), AuditAction.RECOVERY, "COMPLETED", AuditDecision.ALLOW);
      case IdentityEvent.SteppedUp e ->
          of(e, id(e.account()), AuditAction.SECOND_FACTOR, "STEP_UP", AuditDecision.ALLOW);
      case IdentityEvent.OrganizationOpened e ->
          opened(e, e.by(), "ORGANIZATION.OPEN." + upper(e.organization()));
      case IdentityEvent.AccountOpened e -> opened(e, e.by(), "ACCOUNT.OPEN." + upper(e.account()));
      case IdentityEvent.ContainmentChanged e ->
          new AuditEvent(
              e.at(),
              e.by() == null ? DETECTION : e.by().toString(),
              AuditAction.CONTAINMENT,
              null,
              List.of(),
              e.state().name() + "." + e.account().toString().toUpperCase(java.util.Locale.ROOT),
              e.state() == fr.vigie.identity.ContainmentState.ACTIVE
                  ? AuditDecision.ALLOW
                  : AuditDecision.DENY,
              null,
              null);
    };
  }

  /** An administrator's opening, by its account, or by the command line. */
  private static AuditEvent opened(IdentityEvent event, java.util.UUID by, String code) {
    return of(
        event,
        by == null ? COMMAND_LINE : by.toString(),
        AuditAction.ADMIN,
        code,
        AuditDecision.ALLOW);
  }

  private static String upper(java.util.UUID id) {
    return id.toString().toUpperCase(java.util.Locale.ROOT);
  }

  private static String id(java.util.UUID account) {
    return account == null ? NO_ACCOUNT : account.toString();
  }

  private static AuditEvent of(
      IdentityEvent event, String actor, AuditAction action, String code, AuditDecision decision) {
    return new AuditEvent(event.at(), actor, action, null, List.of(), code, decision, null, null);
  }
}
