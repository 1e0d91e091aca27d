package fr.vigie.identity;

import fr.vigie.ProblemCode;
import fr.vigie.VigieException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Clock;
import java.util.Map;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /api/me/password}: a fully signed-in account changes its password. This session goes
 * on (with a new session id and CSRF token); every other session of the account ends at its next
 * request, on every node, since the session epoch moved.
 */
@RestController
class PasswordController {
  private final PasswordChanges changes;
  private final AddressRateLimiter limiter;
  private final SessionSteps sessions;
  private final ApplicationEventPublisher events;
  private final Clock clock;

  PasswordController(
      PasswordChanges changes,
      AddressRateLimiter limiter,
      SessionSteps sessions,
      ApplicationEventPublisher events,
      Clock clock) {
    this.changes = changes;
    this.limiter = limiter;
    this.sessions = sessions;
    this.events = events;
    this.clock = clock;
  }

  /** The current password and the new one; {@code toString} leaves both out. */
  record PasswordChangeRequest(String current, String next) {
    @Override
    public String toString() {
      return "PasswordChangeRequest[hidden]";
    }
  }

  @PostMapping("/api/me/password")
  Map<String, Object> change(
      @RequestBody PasswordChangeRequest body,
      HttpServletRequest request,
      HttpServletResponse response) {
    // The same buckets as sign-in: guessing the current password here costs the same.
    if (!limiter.tryAcquire(request.getRemoteAddr())) {
      events.publishEvent(new IdentityEvent.SignInRateLimited(clock.instant()));
      throw new VigieException(
          ProblemCode.SIGN_IN_RATE_LIMITED, "too many attempts", limiter.retryAfter());
    }
    StaffAuthentication current = SessionController.currentStaff();
    if (!Factors.full(current)) {
      throw SignIn.refused();
    }
    int epoch = changes.change(current.accountId(), body.current(), body.next());
    sessions.store(current.inEpoch(epoch), request, response);
    return Map.of("changed", true, "otherSessionsEnded", true);
  }
}
