package fr.vigie.identity;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.core.oidc.OidcIdToken;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.security.web.authentication.AuthenticationSuccessHandler;
import org.springframework.stereotype.Component;

/**
 * Turns a sign-in at a partner's identity provider (ProConnect-style OIDC) into a staff session.
 * The account must be linked to the ID token's issuer and subject. The ID token's {@code amr} claim
 * (RFC 8176) says how the provider authenticated the person: if it shows a second factor, that
 * counts; if it shows only a password (or nothing), the local TOTP is still required.
 */
@Component
class OidcSignInHandler implements AuthenticationSuccessHandler {
  /** RFC 8176 methods that prove a second factor: multiple factors, or something one has. */
  static final Set<String> SECOND_FACTOR_METHODS =
      Set.of("mfa", "otp", "hwk", "swk", "sc", "pop", "sms", "tel");

  static final String SIGNED_IN = "/";
  static final String REFUSED = "/?signin=refused";

  private final StaffAccounts accounts;
  private final SessionSteps sessions;
  private final ApplicationEventPublisher events;
  private final Clock clock;

  OidcSignInHandler(
      StaffAccounts accounts,
      SessionSteps sessions,
      ApplicationEventPublisher events,
      Clock clock) {
    this.accounts = accounts;
    this.sessions = sessions;
    this.events = events;
    this.clock = clock;
  }

  @Override
  public void onAuthenticationSuccess(
      HttpServletRequest request, HttpServletResponse response, Authentication authentication)
      throws IOException {
    Instant now = clock.instant();
    if (!(authentication.getPrincipal() instanceof OidcUser user)) {
      refuse(request, response, now);
      return;
    }
    OidcIdToken idToken = user.getIdToken();
    Optional<StaffAccounts.Account> account =
        accounts.byExternalSubject(String.valueOf(idToken.getIssuer()), idToken.getSubject());
    if (account.isEmpty() || account.get().locked()) {
      refuse(request, response, now);
      return;
    }
    StaffAuthentication staff =
        StaffAuthentication.firstFactor(account.get(), Factors.IDENTITY_PROVIDER);
    events.publishEvent(new IdentityEvent.SignInSucceeded(account.get().id(), now));
    if (provesSecondFactor(idToken.getAuthenticationMethods())) {
      staff = staff.with(Factors.IDENTITY_PROVIDER_MFA).provedSecondFactorAt(now);
      accounts.clearFailures(account.get().id());
      events.publishEvent(
          new IdentityEvent.SecondFactorSucceeded(
              account.get().id(), IdentityEvent.Factor.IDENTITY_PROVIDER, now));
    }
    sessions.store(staff, request, response);
    response.sendRedirect(SIGNED_IN);
  }

  static boolean provesSecondFactor(List<String> amr) {
    return amr != null && amr.stream().anyMatch(SECOND_FACTOR_METHODS::contains);
  }

  private void refuse(HttpServletRequest request, HttpServletResponse response, Instant now)
      throws IOException {
    events.publishEvent(new IdentityEvent.SignInFailed(null, now));
    sessions.end(request, response);
    response.sendRedirect(REFUSED);
  }
}
