package fr.vigie.identity;

import java.time.Instant;
import java.util.UUID;

/**
 * What the identity feature publishes (through Spring's {@code ApplicationEventPublisher}) for the
 * audit log and the detectors: pseudonymous ids and times only, never a login, an address, a
 * password, a secret or a code. One listener on this type sees them all.
 */
public sealed interface IdentityEvent {

  /** When it happened. */
  Instant at();

  /** How a second factor was proved. */
  enum Factor {
    TOTP,
    PASSKEY,
    /** The partner's identity provider proved one (OIDC {@code amr}). */
    IDENTITY_PROVIDER
  }

  /** A first factor (password, or an identity provider) was accepted. */
  record SignInSucceeded(UUID account, Instant at) implements IdentityEvent {}

  /**
   * A first-factor attempt was refused; {@code account} is null when the login is unknown, so the
   * event says nothing about which logins exist.
   */
  record SignInFailed(UUID account, Instant at) implements IdentityEvent {}

  /** A sign-in from an address was refused because the address sent too many. */
  record SignInRateLimited(Instant at) implements IdentityEvent {}

  /** The account reached the failure limit and is locked until a recovery. */
  record AccountLocked(UUID account, Instant at) implements IdentityEvent {}

  /** A second factor was proved: the session is fully signed in. */
  record SecondFactorSucceeded(UUID account, Factor factor, Instant at) implements IdentityEvent {}

  /** A second-factor proof was refused (wrong, replayed or expired code). */
  record SecondFactorFailed(UUID account, Factor factor, Instant at) implements IdentityEvent {}

  /** A new second factor was enrolled and confirmed. */
  record SecondFactorEnrolled(UUID account, Factor factor, Instant at) implements IdentityEvent {}

  /** The owner removed one of its second factors. */
  record SecondFactorRemoved(UUID account, Factor factor, Instant at) implements IdentityEvent {}

  /**
   * The owner changed its password in a signed-in session; every other session of the account was
   * ended.
   */
  record PasswordChanged(UUID account, Instant at) implements IdentityEvent {}

  /** A password change was refused: the current password was wrong, or the account locked. */
  record PasswordChangeFailed(UUID account, Instant at) implements IdentityEvent {}

  /** The session was closed by its owner. */
  record SignedOut(UUID account, Instant at) implements IdentityEvent {}

  /** A helpdesk account reset {@code account}'s password: sessions and factors were revoked. */
  record RecoveryStarted(UUID recovery, UUID account, UUID helpdesk, Instant at)
      implements IdentityEvent {}

  /** A manager of the account's organization approved the new enrollment. */
  record RecoveryApproved(UUID recovery, UUID manager, Instant at) implements IdentityEvent {}

  /** The owner proved the code sent to the address on file before the reset. */
  record RecoveryCodeVerified(UUID recovery, Instant at) implements IdentityEvent {}

  /** A wrong recovery code was given. */
  record RecoveryCodeFailed(UUID recovery, Instant at) implements IdentityEvent {}

  /** The owner enrolled a new second factor; the restricted period starts. */
  record RecoveryCompleted(UUID recovery, UUID account, Instant restrictedUntil, Instant at)
      implements IdentityEvent {}

  /** A signed-in session proved a fresh second factor because the guard asked for a step-up. */
  record SteppedUp(UUID account, Instant at) implements IdentityEvent {}

  /**
   * The guard's state of an account changed.
   *
   * @param by the security analyst who changed it, or null when the detectors or ceilings did
   */
  record ContainmentChanged(UUID account, ContainmentState state, UUID by, Instant at)
      implements IdentityEvent {}

  /**
   * An organization was opened.
   *
   * @param by the administrator who opened it in the console, or null for the command line
   */
  record OrganizationOpened(UUID organization, UUID by, Instant at) implements IdentityEvent {}

  /**
   * A staff account was opened, with a one-time password.
   *
   * @param by the administrator who opened it in the console, or null for the command line
   */
  record AccountOpened(UUID account, UUID organization, Role role, UUID by, Instant at)
      implements IdentityEvent {}
}
