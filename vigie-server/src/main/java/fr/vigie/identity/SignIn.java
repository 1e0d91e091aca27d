package fr.vigie.identity;

import fr.vigie.ProblemCode;
import fr.vigie.VigieException;
import fr.vigie.identity.StaffAccounts.Account;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Checks first factors and keeps the failure count: every refusal looks the same to the caller
 * (unknown login, wrong password, locked account, attempt too early), and costs about the same
 * time, so that a caller cannot learn which logins exist.
 */
@Service
class SignIn {
  private final StaffAccounts accounts;
  private final PasswordEncoder passwords;
  private final ApplicationEventPublisher events;
  private final Clock clock;

  /** Compared against when there is no real hash, so every refusal pays one Argon2 check. */
  private final String decoyHash;

  SignIn(
      StaffAccounts accounts,
      PasswordEncoder passwords,
      ApplicationEventPublisher events,
      Clock clock) {
    this.accounts = accounts;
    this.passwords = passwords;
    this.events = events;
    this.clock = clock;
    this.decoyHash = passwords.encode(UUID.randomUUID().toString());
  }

  /**
   * The account whose password this is; throws {@link #refused()} otherwise. The refusal does not
   * roll back: the failure it counted must stay counted.
   */
  @Transactional(noRollbackFor = VigieException.class)
  Account checkPassword(String login, String password) {
    Instant now = clock.instant();
    if (login == null || password == null || password.length() > PasswordPolicy.MAX_LENGTH) {
      events.publishEvent(new IdentityEvent.SignInFailed(null, now));
      throw refused();
    }
    Optional<Account> found = accounts.byLoginForUpdate(login);
    if (found.isEmpty()) {
      passwords.matches(password, decoyHash);
      events.publishEvent(new IdentityEvent.SignInFailed(null, now));
      throw refused();
    }
    Account account = found.get();
    if (account.locked()
        || account.passwordHash() == null
        || LockoutPolicy.tooEarly(account.failedAttempts(), account.lastFailedAt(), now)) {
      // Not counted: the password is not even compared, so this is no guess.
      passwords.matches(password, decoyHash);
      events.publishEvent(new IdentityEvent.SignInFailed(account.id(), now));
      throw refused();
    }
    if (!passwords.matches(password, account.passwordHash())) {
      recordFailure(account.id(), now);
      events.publishEvent(new IdentityEvent.SignInFailed(account.id(), now));
      throw refused();
    }
    if (passwords.upgradeEncoding(account.passwordHash())) {
      accounts.setPasswordHash(account.id(), passwords.encode(password));
    }
    // The failure count is not cleared here but after the second factor: otherwise a thief of
    // the password alone could guess second-factor codes forever, nine at a time.
    events.publishEvent(new IdentityEvent.SignInSucceeded(account.id(), now));
    return account;
  }

  /** Counts a failure (of either factor) and locks the account at the limit. */
  @Transactional
  void recordFailure(UUID account, Instant now) {
    int failures = accounts.recordFailure(account, now);
    if (LockoutPolicy.locks(failures)) {
      accounts.lock(account, now);
      events.publishEvent(new IdentityEvent.AccountLocked(account, now));
    }
  }

  /**
   * Checks a second-factor proof of {@code accountId} with the account's row locked, as the
   * password path does: parallel guesses are taken one by one, each sees the failures counted
   * before it, and none is evaluated once the account is locked or the next attempt is due later. A
   * guess too early or on a locked account is not evaluated, so not counted. Returns the time of
   * the proof; throws {@link #refused()} otherwise. The refusal does not roll back: the failure it
   * counted must stay counted. Any other exception of {@code proof} (a mail that cannot be sent
   * about a factor it enrolled) rolls back what the proof stored.
   */
  @Transactional(noRollbackFor = Refused.class)
  Instant checkSecondFactor(
      UUID accountId, IdentityEvent.Factor factor, java.util.function.Predicate<Instant> proof) {
    Account account = accounts.byIdForUpdate(accountId).orElseThrow(SignIn::refused);
    Instant now = clock.instant();
    if (!mayAttempt(account, now)) {
      events.publishEvent(new IdentityEvent.SecondFactorFailed(account.id(), factor, now));
      throw refused();
    }
    if (!proof.test(now)) {
      recordFailure(account.id(), now);
      events.publishEvent(new IdentityEvent.SecondFactorFailed(account.id(), factor, now));
      throw refused();
    }
    return now;
  }

  /** Whether a second-factor attempt at {@code now} is allowed at all (not locked, not early). */
  boolean mayAttempt(Account account, Instant now) {
    return !account.locked()
        && !LockoutPolicy.tooEarly(account.failedAttempts(), account.lastFailedAt(), now);
  }

  /** Both factors done: the slate is clean again. */
  void recordFullSignIn(UUID account) {
    accounts.clearFailures(account);
  }

  static VigieException refused() {
    return new Refused();
  }

  /** A refused sign-in step, whatever the reason: it never rolls back the failure it counted. */
  static final class Refused extends VigieException {
    private static final long serialVersionUID = 1L;

    Refused() {
      super(ProblemCode.SIGN_IN_FAILED, "sign-in failed");
    }
  }
}
