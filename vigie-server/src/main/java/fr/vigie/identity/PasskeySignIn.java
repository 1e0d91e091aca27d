package fr.vigie.identity;

import fr.vigie.ProblemCode;
import fr.vigie.ProblemResponses;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.MediaType;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;
import org.springframework.security.web.authentication.AuthenticationSuccessHandler;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Passkeys as a second factor. Spring Security's WebAuthn filter ({@code POST /login/webauthn})
 * proves the passkey and replaces the session's authentication with its own; before it runs, the
 * {@link #stash() stash} keeps the staff session of the same request, and after it, the success
 * handler puts back that session with the passkey factor added. A passkey alone signs nobody in:
 * the session must already hold a first factor of the same account.
 */
@Component
class PasskeySignIn implements AuthenticationSuccessHandler, AuthenticationFailureHandler {
  private static final String PREVIOUS = PasskeySignIn.class.getName() + ".previous";

  private final StaffAccounts accounts;
  private final SignIn signIn;
  private final SessionSteps sessions;
  private final ApplicationEventPublisher events;
  private final Clock clock;

  PasskeySignIn(
      StaffAccounts accounts,
      SignIn signIn,
      SessionSteps sessions,
      ApplicationEventPublisher events,
      Clock clock) {
    this.accounts = accounts;
    this.signIn = signIn;
    this.sessions = sessions;
    this.events = events;
    this.clock = clock;
  }

  /** A filter to run before Spring's WebAuthn authentication filter. */
  OncePerRequestFilter stash() {
    return new OncePerRequestFilter() {
      @Override
      protected void doFilterInternal(
          HttpServletRequest request, HttpServletResponse response, FilterChain chain)
          throws ServletException, IOException {
        if (SecurityContextHolder.getContext().getAuthentication()
            instanceof StaffAuthentication staff) {
          request.setAttribute(PREVIOUS, staff);
        } else if (isPasskeySignIn(request)) {
          // A passkey is a second factor: without a first one there is nothing to complete, and
          // the ceremony's options would make a session for anyone who asks.
          ProblemResponses.write(
              response,
              ProblemCode.SIGN_IN_REQUIRED,
              "a passkey is a second factor: sign in with a password first");
          return;
        }
        chain.doFilter(request, response);
      }
    };
  }

  /** The passkey authentication ceremony: its options, then the signed assertion. */
  private static boolean isPasskeySignIn(HttpServletRequest request) {
    String path = request.getRequestURI().substring(request.getContextPath().length());
    return "POST".equals(request.getMethod())
        && (path.equals("/webauthn/authenticate/options") || path.equals("/login/webauthn"));
  }

  @Override
  public void onAuthenticationSuccess(
      HttpServletRequest request, HttpServletResponse response, Authentication passkey)
      throws IOException {
    Instant now = clock.instant();
    Optional<StaffAccounts.Account> account =
        request.getAttribute(PREVIOUS) instanceof StaffAuthentication previous
                && Factors.hasFirst(previous)
                && previous.getName().equals(passkey.getName())
            ? accounts
                .byId(previous.accountId())
                .filter(a -> !a.locked() && a.sessionEpoch() == previous.sessionEpoch())
            : Optional.empty();
    if (account.isEmpty()) {
      // A passkey without a first factor of the same account in this session: not a sign-in.
      sessions.end(request, response);
      answer(response, HttpServletResponse.SC_UNAUTHORIZED, false);
      return;
    }
    StaffAuthentication previous = (StaffAuthentication) request.getAttribute(PREVIOUS);
    signIn.recordFullSignIn(account.get().id());
    sessions.store(previous.with(Factors.PASSKEY).provedSecondFactorAt(now), request, response);
    events.publishEvent(
        new IdentityEvent.SecondFactorSucceeded(
            account.get().id(), IdentityEvent.Factor.PASSKEY, now));
    if (Factors.hasSecond(previous) || account.get().containment() == ContainmentState.STEP_UP) {
      // A step-up answered with a passkey: the guard lets the session go on, and the detectors
      // must hear it as they hear a TOTP step-up, or they stay at step-up in memory.
      events.publishEvent(new IdentityEvent.SteppedUp(account.get().id(), now));
    }
    answer(response, HttpServletResponse.SC_OK, true);
  }

  @Override
  public void onAuthenticationFailure(
      HttpServletRequest request,
      HttpServletResponse response,
      org.springframework.security.core.AuthenticationException failure)
      throws IOException {
    if (request.getAttribute(PREVIOUS) instanceof StaffAuthentication previous) {
      Instant now = clock.instant();
      signIn.recordFailure(previous.accountId(), now);
      events.publishEvent(
          new IdentityEvent.SecondFactorFailed(
              previous.accountId(), IdentityEvent.Factor.PASSKEY, now));
    }
    answer(response, HttpServletResponse.SC_UNAUTHORIZED, false);
  }

  private static void answer(HttpServletResponse response, int status, boolean signedIn)
      throws IOException {
    response.setStatus(status);
    response.setContentType(MediaType.APPLICATION_JSON_VALUE);
    response.getWriter().write("{\"signedIn\":" + signedIn + "}");
  }
}
