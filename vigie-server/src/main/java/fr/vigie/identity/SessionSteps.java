package fr.vigie.identity;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.List;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.security.web.authentication.logout.SecurityContextLogoutHandler;
import org.springframework.security.web.authentication.session.ChangeSessionIdAuthenticationStrategy;
import org.springframework.security.web.authentication.session.CompositeSessionAuthenticationStrategy;
import org.springframework.security.web.authentication.session.SessionAuthenticationStrategy;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.security.web.csrf.CookieCsrfTokenRepository;
import org.springframework.security.web.csrf.CsrfAuthenticationStrategy;
import org.springframework.security.web.csrf.CsrfLogoutHandler;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.stereotype.Component;

/**
 * Stores a sign-in step in the session the way Spring Security's own login filters do, since the
 * JSON endpoints are controllers: a new session id at each step (session fixation protection, the
 * default strategy) and a new CSRF token, then the context saved in the HTTP session.
 */
@Component
class SessionSteps {
  /**
   * The CSRF filter's cookie repository (as {@code csrf.spa()}): readable by the JS client, sent on
   * this site's requests only, and {@code Secure} when the request came over TLS (the default).
   */
  static final CookieCsrfTokenRepository CSRF_TOKENS = csrfTokens();

  private static CookieCsrfTokenRepository csrfTokens() {
    CookieCsrfTokenRepository tokens = CookieCsrfTokenRepository.withHttpOnlyFalse();
    tokens.setCookieCustomizer(cookie -> cookie.sameSite("Lax"));
    return tokens;
  }

  private final SecurityContextHolderStrategy holder =
      SecurityContextHolder.getContextHolderStrategy();
  private final SecurityContextRepository repository = new EndedSessions();
  private final SessionAuthenticationStrategy strategy =
      new CompositeSessionAuthenticationStrategy(
          List.of(
              new ChangeSessionIdAuthenticationStrategy(),
              new CsrfAuthenticationStrategy(CSRF_TOKENS)));

  SecurityContextRepository repository() {
    return repository;
  }

  /** Makes {@code authentication} the session's, with a new session id and CSRF token. */
  void store(
      StaffAuthentication authentication,
      HttpServletRequest request,
      HttpServletResponse response) {
    if (request.getSession(false) == null) {
      request.getSession(true);
    }
    strategy.onAuthentication(authentication, request, response);
    SecurityContext context = holder.createEmptyContext();
    context.setAuthentication(authentication);
    holder.setContext(context);
    repository.saveContext(context, request, response);
    renderCsrfToken(request);
  }

  /** Ends the session and its CSRF token. */
  void end(HttpServletRequest request, HttpServletResponse response) {
    var authentication = holder.getContext().getAuthentication();
    new CsrfLogoutHandler(CSRF_TOKENS).logout(request, response, authentication);
    new SecurityContextLogoutHandler().logout(request, response, authentication);
    renderCsrfToken(request);
  }

  /** Loads the deferred token, so the response carries its cookie for the JS client. */
  static void renderCsrfToken(HttpServletRequest request) {
    if (request.getAttribute(CsrfToken.class.getName()) instanceof CsrfToken token) {
      token.getToken();
    }
  }
}
