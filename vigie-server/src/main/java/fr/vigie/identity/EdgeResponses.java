package fr.vigie.identity;

import fr.vigie.ProblemCode;
import fr.vigie.ProblemResponses;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.HeadersConfigurer;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.csrf.CsrfException;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy;

/**
 * What Spring Security answers at the edge, before any controller: 401 and 403 as problem details
 * with Vigie's {@code code}, and the response headers of every answer.
 */
final class EdgeResponses {
  /** Only this site's own resources, no inline script, never in a frame. */
  static final String CONTENT_SECURITY_POLICY =
      "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self';"
          + " object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

  /** No powerful browser feature is needed by Vigie's pages (passkeys keep their default). */
  static final String PERMISSIONS_POLICY =
      "camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=()";

  private EdgeResponses() {}

  /** No session yet, or one that ended: 401 {@code SIGN_IN_REQUIRED}. */
  static void signInRequired(
      HttpServletRequest request, HttpServletResponse response, AuthenticationException e)
      throws IOException {
    if (ConsolePaths.isConsole(request)) {
      response.sendRedirect(ConsolePaths.SIGN_IN);
      return;
    }
    ProblemResponses.write(
        response, ProblemCode.SIGN_IN_REQUIRED, "this needs a signed-in staff account");
  }

  /** A missing or wrong CSRF token, or a role or sign-in step the path needs: 403. */
  static void denied(
      HttpServletRequest request, HttpServletResponse response, AccessDeniedException e)
      throws IOException {
    if (ConsolePaths.isConsole(request)) {
      response.sendRedirect(
          e instanceof CsrfException ? ConsolePaths.SIGN_IN : ConsolePaths.REFUSED);
      return;
    }
    if (e instanceof CsrfException) {
      ProblemResponses.write(
          response, ProblemCode.CSRF_TOKEN_INVALID, "the CSRF token of this session is needed");
      return;
    }
    ProblemResponses.write(
        response, ProblemCode.NOT_PERMITTED, "this account's role or sign-in does not allow it");
  }

  /**
   * Spring Security's defaults (X-Content-Type-Options, Cache-Control no-store, X-Frame-Options
   * DENY, HSTS on requests served over TLS) plus a content security policy, no referrer and no
   * browser features.
   */
  static void headers(HeadersConfigurer<HttpSecurity> headers) {
    headers
        .contentSecurityPolicy(csp -> csp.policyDirectives(CONTENT_SECURITY_POLICY))
        .referrerPolicy(referrer -> referrer.policy(ReferrerPolicy.NO_REFERRER))
        .permissionsPolicyHeader(permissions -> permissions.policy(PERMISSIONS_POLICY))
        .frameOptions(HeadersConfigurer.FrameOptionsConfig::deny);
  }
}
