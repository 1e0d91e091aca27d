package fr.vigie.identity;

import fr.vigie.ProblemCode;
import fr.vigie.VigieException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Enrollment of a TOTP second factor by an account that has none (its first sign-in, or after a
 * recovery): the {@code otpauth://} URI is shown once, then a first valid code confirms it and
 * completes the sign-in.
 */
@RestController
@RequestMapping("/api/me/totp")
class EnrollmentController {
  private final SecondFactors secondFactors;
  private final Recoveries recoveries;
  private final AddressRateLimiter limiter;
  private final SignIn signIn;
  private final StaffAccounts accounts;
  private final SessionSteps sessions;
  private final ApplicationEventPublisher events;
  private final FactorNotices notices;
  private final FreshSecondFactor fresh;

  EnrollmentController(
      SecondFactors secondFactors,
      Recoveries recoveries,
      AddressRateLimiter limiter,
      SignIn signIn,
      StaffAccounts accounts,
      SessionSteps sessions,
      ApplicationEventPublisher events,
      FactorNotices notices,
      FreshSecondFactor fresh) {
    this.secondFactors = secondFactors;
    this.recoveries = recoveries;
    this.limiter = limiter;
    this.signIn = signIn;
    this.accounts = accounts;
    this.sessions = sessions;
    this.events = events;
    this.notices = notices;
    this.fresh = fresh;
  }

  /** What an enrollment may carry: the code of a recovery, when one is under way. */
  record EnrollmentRequest(String recoveryCode) {
    @Override
    public String toString() {
      return "EnrollmentRequest[hidden]";
    }
  }

  @PostMapping
  Map<String, String> begin(
      @RequestBody(required = false) EnrollmentRequest body, HttpServletRequest request) {
    if (!limiter.tryAcquire(request.getRemoteAddr())) {
      throw new VigieException(
          ProblemCode.SIGN_IN_RATE_LIMITED, "too many attempts", limiter.retryAfter());
    }
    StaffAuthentication current = SessionController.currentStaff();
    StaffAccounts.Account account = accounts.byId(current.accountId()).orElseThrow(SignIn::refused);
    if (account.totpEnrolled()) {
      throw new VigieException(
          ProblemCode.ENROLLMENT_NOT_ALLOWED, "the account has a second factor already");
    }
    if (secondFactors.hasPasskey(account.id())) {
      // A factor exists: adding one needs a fresh proof of it, not only a session.
      fresh.require();
    }
    recoveries.checkEnrollmentAllowed(account.id(), body == null ? null : body.recoveryCode());
    return Map.of("uri", secondFactors.beginTotp(account.id(), account.login()));
  }

  @PostMapping("/confirmation")
  Map<String, Object> confirm(
      @RequestBody SessionController.CodeRequest body,
      HttpServletRequest request,
      HttpServletResponse response) {
    StaffAuthentication current = SessionController.currentStaff();
    UUID account = current.accountId();
    // Counted under the account's row lock; the owner is told in the same transaction, so an
    // enrollment nobody could be told of does not happen.
    Instant now =
        signIn.checkSecondFactor(
            account,
            IdentityEvent.Factor.TOTP,
            at -> {
              if (!secondFactors.confirmTotp(account, body.code(), at)) {
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
    return Map.of("signedIn", true);
  }
}
