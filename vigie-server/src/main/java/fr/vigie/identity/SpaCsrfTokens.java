package fr.vigie.identity;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.function.Supplier;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.security.web.csrf.CsrfTokenRequestAttributeHandler;
import org.springframework.security.web.csrf.CsrfTokenRequestHandler;
import org.springframework.security.web.csrf.XorCsrfTokenRequestAttributeHandler;
import org.springframework.util.StringUtils;

/**
 * What {@code csrf.spa()} does, but with the token deferred: the JS client's {@code X-XSRF-TOKEN}
 * header holds the raw cookie value, a form field the XOR-masked one (BREACH protection), and every
 * state-changing request is checked the same way. {@code spa()} loads the token on every request
 * (it names no request attribute, so the handler asks the token for its parameter name), which
 * masks it with a fresh {@code SecureRandom} draw even on a GET that never uses it. Here the token
 * is loaded only when something reads it: the CSRF check of a POST, PUT, PATCH or DELETE, and
 * {@link SessionSteps#renderCsrfToken}, which GET /api/session and each sign-in step call so the
 * response carries the cookie.
 */
final class SpaCsrfTokens implements CsrfTokenRequestHandler {
  private final CsrfTokenRequestAttributeHandler plain = new CsrfTokenRequestAttributeHandler();
  private final CsrfTokenRequestAttributeHandler xor = new XorCsrfTokenRequestAttributeHandler();

  @Override
  public void handle(
      HttpServletRequest request, HttpServletResponse response, Supplier<CsrfToken> csrfToken) {
    xor.handle(request, response, csrfToken);
  }

  @Override
  public String resolveCsrfTokenValue(HttpServletRequest request, CsrfToken csrfToken) {
    String header = request.getHeader(csrfToken.getHeaderName());
    return (StringUtils.hasText(header) ? plain : xor).resolveCsrfTokenValue(request, csrfToken);
  }
}
