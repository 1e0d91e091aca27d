package fr.vigie.identity;

import fr.vigie.ProblemCode;
import fr.vigie.VigieException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Clock;
import java.time.Instant;
import java.util.UUID;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Service;

/**
 * The steps of a staff sign-in, one method each, as both the JSON API and the console's pages take
 * them: a password, a TOTP code (or its first enrollment), a step-up when the guard asks, a new
 * password, sign-out. Each step is rate-limited per address, counted on failure and stored in the
 * session with a new session id and CSRF token.
 */
@Service
public class StaffSignIn {
  private final SignIn signIn;
  private final SecondFactors secondFactors;
  private final StaffAccounts accounts;
  private final AddressRateLimiter limiter;
  private final SessionSteps sessions;
  private final ApplicationEventPublisher events;
  private final Recoveries recoveries;
  private final FactorNotices notices;
  private final FreshSecondFactor fresh;
  private final PasswordChanges passwordChanges;
  private final Clock clock;

  StaffSignIn(
      SignIn signIn,
      SecondFactors secondFactors,
      StaffAccounts accounts,
      AddressRateLimiter limiter,
      SessionSteps sessions,
      ApplicationEventPublisher events,
      Recoveries recoveries,
      FactorNotices notices,
      FreshSecondFactor fresh,
      PasswordChanges passwordChanges,
      Clock clock) {
    this.signIn = signIn;
    this.secondFactors = secondFactors;
    this.accounts = accounts;
    this.limiter = limiter;
    this.sessions = sessions;
    this.events = events;
    this.recoveries = recoveries;
    this.notices = notices;
    this.fresh = fresh;
    this.passwordChanges = passwordChanges;
    this.clock = clock;
  }

  /** Where the current request's sign-in stands. */
  public enum Step {
    /** No staff sign-in in this session. */
    NONE,
    /** A password, and a TOTP seed to enroll: the account has no second factor yet. */
    ENROLLMENT_REQUIRED,
    /** A password; a TOTP code or a passkey, whichever the account has, is required next. */
    CODE_REQUIRED,
    /** Both factors. */
    SIGNED_IN
  }

  /** The current request's step. */
  public Step step() {
    Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
    if (!(authentication instanceof StaffAuthentication staff)) {
      return Step.NONE;
    }
    if (Factors.full(staff)) {
      return Step.SIGNED_IN;
    }
    // A passkey is a second factor as a TOTP seed is: an account with only a passkey proves it on
    // the code page, and is never sent to enroll a seed (which a password alone could then do).
    return secondFactors.hasTotp(staff.accountId()) || secondFactors.hasPasskey(staff.accountId())
        ? Step.CODE_REQUIRED
        : Step.ENROLLMENT_REQUIRED;
  }

  /** Whether the account of this session is suspended (the guard ends its sessions). */
  public boolean suspended() {
    return accounts
        .byId(currentStaff().accountId())
        .filter(a -> a.containment() == ContainmentState.SUSPENDED)
        .isPresent();
  }

  /** The first factor; the session then needs a second. Refusals all look alike. */
  public Step password(
      String login, String password, HttpServletRequest request, HttpServletResponse response) {
    limit(request);
    StaffAccounts.Account account = signIn.checkPassword(login, password);
    StaffAuthentication authentication = StaffAuthentication.firstFactor(account, Factors.PASSWORD);
    sessions.store(authentication, request, response);
    if (Channels.deviceCookie(request) == null) {
      // A random device cookie for this browser: the detectors' "device".
      response.addCookie(Channels.newDeviceCookie(request.isSecure()));
    }
    return step();
  }

  /** A TOTP code after the password: completes the sign-in. */
  public void totp(String code, HttpServletRequest request, HttpServletResponse response) {
    limit(request);
    StaffAuthentication current = currentStaff();
    Instant now = checkTotp(current, code);
    signIn.recordFullSignIn(current.accountId());
    sessions.store(current.with(Factors.TOTP).provedSecondFactorAt(now), request, response);
    events.publishEvent(
        new IdentityEvent.SecondFactorSucceeded(
            current.accountId(), IdentityEvent.Factor.TOTP, now));
    if (accounts
        .byId(current.accountId())
        .filter(a -> a.containment() == ContainmentState.STEP_UP)
        .isPresent()) {
      // The guard takes this fresh code as the step-up's answer; the detectors must hear so too.
      events.publishEvent(new IdentityEvent.SteppedUp(current.accountId(), now));
    }
  }

  /**
   * A fresh TOTP code in a signed-in session: what the guard's step-up, and a security analyst's
   * decision, ask for.
   */
  public void stepUp(String code, HttpServletRequest request, HttpServletResponse response) {
    limit(request);
    StaffAuthentication current = currentStaff();
    Instant now = checkTotp(current, code);
    sessions.store(current.provedSecondFactorAt(now), request, response);
    events.publishEvent(new IdentityEvent.SteppedUp(current.accountId(), now));
  }

  /**
   * A new TOTP seed for an account that has none (after creation or a recovery): its {@code
   * otpauth://} URI, to be shown once. {@code recoveryCode} is the mailed code of a recovery, or
   * null.
   */
  public String beginTotp(String recoveryCode, HttpServletRequest request) {
    limit(request);
    StaffAuthentication current = currentStaff();
    StaffAccounts.Account account = accounts.byId(current.accountId()).orElseThrow(SignIn::refused);
    if (account.totpEnrolled()) {
      throw new VigieException(
          ProblemCode.ENROLLMENT_NOT_ALLOWED, "the account has a second factor already");
    }
    if (secondFactors.hasPasskey(account.id())) {
      // A factor exists: adding one needs a fresh proof of it, not only a session.
      fresh.require();
    }
    recoveries.checkEnrollmentAllowed(account.id(), recoveryCode);
    return secondFactors.beginTotp(account.id(), account.login());
  }

  /** The first code of the seed just enrolled: confirms it and completes the sign-in. */
  public void confirmTotp(String code, HttpServletRequest request, HttpServletResponse response) {
    StaffAuthentication current = currentStaff();
    UUID account = current.accountId();
    // Counted under the account's row lock; the owner is told in the same transaction, so an
    // enrollment nobody could be told of does not happen.
    Instant now =
        signIn.checkSecondFactor(
            account,
            IdentityEvent.Factor.TOTP,
            at -> {
              if (!secondFactors.confirmTotp(account, code, at)) {
                return false;
              }
              recoveries.completeIfOpen(account);
              notices.enrolled(account, IdentityEvent.Factor.TOTP);
              return true;
            });
    signIn.recordFullSignIn(account);
    sessions.store(current.with(Factors.TOTP).provedSecondFactorAt(now), request, response);
    events.publishEvent(
        new IdentityEvent.SecondFactorSucceeded(account, IdentityEvent.Factor.TOTP, now));
  }

  /**
   * A fully signed-in account's new password: this session goes on with a new id, every other
   * session of the account ends. The current password is checked like a sign-in.
   */
  public void changePassword(
      String currentPassword,
      String next,
      HttpServletRequest request,
      HttpServletResponse response) {
    // The same buckets as sign-in: guessing the current password here costs the same.
    limit(request);
    StaffAuthentication current = currentStaff();
    if (!Factors.full(current)) {
      throw SignIn.refused();
    }
    int epoch = passwordChanges.change(current.accountId(), currentPassword, next);
    sessions.store(current.inEpoch(epoch), request, response);
  }

  /** Ends the session, telling the detectors. */
  public void signOut(HttpServletRequest request, HttpServletResponse response) {
    Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
    if (authentication instanceof StaffAuthentication staff) {
      events.publishEvent(new IdentityEvent.SignedOut(staff.accountId(), clock.instant()));
    }
    sessions.end(request, response);
  }

  /** Checks a TOTP code of the session's account, counting a failure; returns the time. */
  private Instant checkTotp(StaffAuthentication current, String code) {
    return signIn.checkSecondFactor(
        current.accountId(),
        IdentityEvent.Factor.TOTP,
        now -> secondFactors.verifyTotp(current.accountId(), code, now));
  }

  private void limit(HttpServletRequest request) {
    if (!limiter.tryAcquire(request.getRemoteAddr())) {
      events.publishEvent(new IdentityEvent.SignInRateLimited(clock.instant()));
      throw new VigieException(
          ProblemCode.SIGN_IN_RATE_LIMITED, "too many attempts", limiter.retryAfter());
    }
  }

  static StaffAuthentication currentStaff() {
    if (SecurityContextHolder.getContext().getAuthentication() instanceof StaffAuthentication s) {
      return s;
    }
    throw SignIn.refused();
  }
}
