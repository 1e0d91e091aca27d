package fr.vigie.identity;

import fr.vigie.ProblemCode;
import fr.vigie.VigieException;
import java.time.Clock;
import java.time.Instant;
import java.util.UUID;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * An owner's change of its own password: the current one is checked like a sign-in (a wrong one
 * counts towards the lockout), the new one must meet {@link PasswordPolicy}, and the session epoch
 * is bumped so that every other session of the account ends.
 */
@Service
class PasswordChanges {
  private final StaffAccounts accounts;
  private final SignIn signIn;
  private final PasswordEncoder passwords;
  private final JdbcTemplate jdbc;
  private final ApplicationEventPublisher events;
  private final Clock clock;

  PasswordChanges(
      StaffAccounts accounts,
      SignIn signIn,
      PasswordEncoder passwords,
      JdbcTemplate jdbc,
      ApplicationEventPublisher events,
      Clock clock) {
    this.accounts = accounts;
    this.signIn = signIn;
    this.passwords = passwords;
    this.jdbc = jdbc;
    this.events = events;
    this.clock = clock;
  }

  /**
   * Replaces the password of {@code account} and returns the account's new session epoch. A refusal
   * does not roll back: the failure it counted must stay counted.
   */
  @Transactional(noRollbackFor = VigieException.class)
  int change(UUID account, String current, String next) {
    Instant now = clock.instant();
    PasswordPolicy.check(next);
    if (current == null || current.length() > PasswordPolicy.MAX_LENGTH) {
      throw refused(account, now);
    }
    if (next.equals(current)) {
      throw new VigieException(
          ProblemCode.PASSWORD_TOO_WEAK, "password: the new one must differ from the current one");
    }
    StaffAccounts.Account found =
        accounts.byIdForUpdate(account).orElseThrow(() -> refused(account, now));
    if (found.locked()
        || found.passwordHash() == null
        || LockoutPolicy.tooEarly(found.failedAttempts(), found.lastFailedAt(), now)) {
      // Not counted, as in a sign-in: the password is not even compared.
      throw refused(account, now);
    }
    if (!passwords.matches(current, found.passwordHash())) {
      signIn.recordFailure(account, now);
      throw refused(account, now);
    }
    Integer epoch =
        jdbc.queryForObject(
            "update staff_account set password_hash = ?, session_epoch = session_epoch + 1,"
                + " failed_attempts = 0, last_failed_at = null where id = ?"
                + " returning session_epoch",
            Integer.class,
            passwords.encode(next),
            account);
    events.publishEvent(new IdentityEvent.PasswordChanged(account, now));
    return epoch;
  }

  private VigieException refused(UUID account, Instant now) {
    events.publishEvent(new IdentityEvent.PasswordChangeFailed(account, now));
    return new VigieException(ProblemCode.PASSWORD_INCORRECT, "password change refused");
  }
}
