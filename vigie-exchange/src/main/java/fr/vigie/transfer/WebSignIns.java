package fr.vigie.transfer;

import fr.vigie.transfer.WebUsers.WebUser;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalLong;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Sign-in of a person over HTTPS: password and TOTP code together, both checked whatever the first
 * says (a refusal names neither), a code used once only, the person locked after a few failures in
 * a row and the source address (and its network) refused after too many, as over SFTP. Every
 * attempt is logged with its outcome.
 */
@Component
class WebSignIns {
  /** Compared against when the login is unknown, so an unknown login costs the same time. */
  private static final String DUMMY_HASH = Passwords.hash(Passwords.generate());

  private final WebUsers users;
  private final Accounts accounts;
  private final WebSessions sessions;
  private final AddressLimits addresses;
  private final Operations operations;
  private final Refusals refusals;
  private final int lockoutFailures;
  private final Duration lockoutDuration;
  private final Clock clock = Clock.systemUTC();

  WebSignIns(
      WebUsers users,
      Accounts accounts,
      WebSessions sessions,
      AddressLimits addresses,
      Operations operations,
      Refusals refusals,
      @Value("${vigie.exchange.lockout.failures}") int lockoutFailures,
      @Value("${vigie.exchange.lockout.duration}") Duration lockoutDuration) {
    this.users = users;
    this.accounts = accounts;
    this.sessions = sessions;
    this.addresses = addresses;
    this.operations = operations;
    this.refusals = refusals;
    this.lockoutFailures = lockoutFailures;
    this.lockoutDuration = lockoutDuration;
  }

  /** The outcome: a token, a refusal, or a wait (429 with Retry-After). */
  sealed interface Outcome {
    record SignedIn(String token) implements Outcome {}

    record Refused() implements Outcome {}

    record Wait(Duration retryAfter) implements Outcome {}
  }

  Outcome signIn(String login, String password, String code, String source) {
    Instant now = clock.instant();
    Optional<WebUser> found = users.find(login);
    String account = found.map(WebUser::account).orElse("?");
    Optional<Duration> blocked = addresses.blocked(source, now);
    if (blocked.isPresent()) {
      // Counted, not one row each: a flood of attempts past the limit would fill the log.
      refusals.refused(source, null, Refusals.Reason.SIGN_INS_LIMITED, "session");
      return new Outcome.Wait(blocked.get());
    }
    boolean passwordOk =
        Passwords.matches(password, found.map(WebUser::passwordHash).orElse(DUMMY_HASH));
    if (found.isEmpty()) {
      return refuse(account, null, source, now, "unknown-user");
    }
    WebUser user = found.get();
    if (user.lockedAt(now)) {
      addresses.failed(source, now);
      operations.record(account, OperationKind.SIGN_IN, null, null, source, "locked");
      return new Outcome.Wait(Duration.between(now, user.lockedUntil()));
    }
    OptionalLong step = TotpCodes.matchingStep(users.secret(user), code, TotpCodes.step(now));
    if (!passwordOk) {
      return refuse(account, user, source, now, "wrong-password");
    }
    if (step.isEmpty()) {
      return refuse(account, user, source, now, "wrong-code");
    }
    if (!users.succeeded(user.login(), step.getAsLong())) {
      return refuse(account, user, source, now, "code-reused");
    }
    if (accounts.suspended(account)) {
      operations.record(account, OperationKind.SIGN_IN, null, null, source, "suspended");
      return new Outcome.Refused();
    }
    operations.record(account, OperationKind.SIGN_IN, null, null, source, "ok");
    return new Outcome.SignedIn(sessions.open(user.login(), account));
  }

  private Outcome refuse(String account, WebUser user, String source, Instant now, String why) {
    addresses.failed(source, now);
    if (user != null) {
      users.failed(user.login(), lockoutFailures, lockoutDuration, now);
    }
    operations.record(account, OperationKind.SIGN_IN, null, null, source, why);
    return new Outcome.Refused();
  }
}
