package fr.vigie.identity;

import fr.vigie.ProblemCode;
import fr.vigie.VigieException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * Staff sign-in over JSON: {@code POST /api/session} with a password, then {@code POST
 * /api/session/totp} with a code; {@code GET} tells the state (and sets the CSRF cookie), {@code
 * DELETE} signs out. {@code POST /api/session/step-up} proves a fresh code when the guard asks.
 */
@RestController
@RequestMapping("/api/session")
class SessionController {
  private final SignIn signIn;
  private final SecondFactors secondFactors;
  private final StaffAccounts accounts;
  private final AddressRateLimiter limiter;
  private final SessionSteps sessions;
  private final ApplicationEventPublisher events;
  private final Clock clock;

  SessionController(
      SignIn signIn,
      SecondFactors secondFactors,
      StaffAccounts accounts,
      AddressRateLimiter limiter,
      SessionSteps sessions,
      ApplicationEventPublisher events,
      Clock clock) {
    this.signIn = signIn;
    this.secondFactors = secondFactors;
    this.accounts = accounts;
    this.limiter = limiter;
    this.sessions = sessions;
    this.events = events;
    this.clock = clock;
  }

  /** A login and a password; {@code toString} leaves both out. */
  record PasswordRequest(String login, String password) {
    @Override
    public String toString() {
      return "PasswordRequest[hidden]";
    }
  }

  /** A one-time code; {@code toString} leaves it out. */
  record CodeRequest(String code) {
    @Override
    public String toString() {
      return "CodeRequest[hidden]";
    }
  }

  @GetMapping
  Map<String, Object> state(HttpServletRequest request) {
    SessionSteps.renderCsrfToken(request);
    return describe(SecurityContextHolder.getContext().getAuthentication());
  }

  @PostMapping
  Map<String, Object> signIn(
      @RequestBody PasswordRequest body, HttpServletRequest request, HttpServletResponse response) {
    limit(request);
    StaffAccounts.Account account = signIn.checkPassword(body.login(), body.password());
    StaffAuthentication authentication = StaffAuthentication.firstFactor(account, Factors.PASSWORD);
    sessions.store(authentication, request, response);
    rememberDevice(request, response);
    return describe(authentication);
  }

  @PostMapping("/totp")
  Map<String, Object> totp(
      @RequestBody CodeRequest body, HttpServletRequest request, HttpServletResponse response) {
    limit(request);
    StaffAuthentication current = currentStaff();
    Instant now = checkTotp(current, body.code());
    signIn.recordFullSignIn(current.accountId());
    StaffAuthentication full = current.with(Factors.TOTP).provedSecondFactorAt(now);
    sessions.store(full, request, response);
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
    return describe(full);
  }

  /**
   * A fresh second factor in a signed-in session: what an account whose containment asks for a
   * step-up must give before it reads again.
   */
  @PostMapping("/step-up")
  Map<String, Object> stepUp(
      @RequestBody CodeRequest body, HttpServletRequest request, HttpServletResponse response) {
    limit(request);
    StaffAuthentication current = currentStaff();
    Instant now = checkTotp(current, body.code());
    StaffAuthentication fresh = current.provedSecondFactorAt(now);
    sessions.store(fresh, request, response);
    events.publishEvent(new IdentityEvent.SteppedUp(current.accountId(), now));
    return describe(fresh);
  }

  /** Checks a TOTP code of the session's account, counting a failure; returns the time. */
  private Instant checkTotp(StaffAuthentication current, String code) {
    return signIn.checkSecondFactor(
        current.accountId(),
        IdentityEvent.Factor.TOTP,
        now -> secondFactors.verifyTotp(current.accountId(), code, now));
  }

  @DeleteMapping
  @ResponseStatus(HttpStatus.NO_CONTENT)
  void signOut(HttpServletRequest request, HttpServletResponse response) {
    Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
    if (authentication instanceof StaffAuthentication staff) {
      events.publishEvent(new IdentityEvent.SignedOut(staff.accountId(), clock.instant()));
    }
    sessions.end(request, response);
  }

  /** Gives this browser a random device cookie if it has none: the detectors' "device". */
  private static void rememberDevice(HttpServletRequest request, HttpServletResponse response) {
    if (Channels.deviceCookie(request) == null) {
      response.addCookie(Channels.newDeviceCookie(request.isSecure()));
    }
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

  private Map<String, Object> describe(Authentication authentication) {
    Map<String, Object> state = new LinkedHashMap<>();
    if (!(authentication instanceof StaffAuthentication staff)) {
      state.put("signedIn", false);
      return state;
    }
    boolean full = Factors.full(staff);
    state.put("signedIn", full);
    state.put("secondFactor", full ? "done" : "required");
    if (!full) {
      state.put("enrolled", secondFactors.hasTotp(staff.accountId()));
    }
    return state;
  }
}
