package fr.vigie.portal;

import fr.vigie.access.Self;
import fr.vigie.audit.AuditAction;
import fr.vigie.audit.AuditDecision;
import fr.vigie.audit.AuditEvent;
import fr.vigie.audit.AuditLog;
import fr.vigie.identity.Channels;
import fr.vigie.registry.PersonId;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.core.oidc.OidcIdToken;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;
import org.springframework.security.web.authentication.AuthenticationSuccessHandler;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.stereotype.Component;

/**
 * Turns a person's sign-in at the identity provider into a session of the space, holding the
 * person's id only ({@link PersonLinks} says which person, or nobody). The provider's tokens and
 * claims are dropped here. Any failure, at the provider or in the match, ends the session and lands
 * on the same refusal page, which says nothing of why.
 */
@Component
class SpaceSignIn implements AuthenticationSuccessHandler, AuthenticationFailureHandler {
  private final PersonLinks links;
  private final Channels channels;
  private final AuditLog audit;
  private final Clock clock;
  private final HttpSessionSecurityContextRepository contexts = SpaceSecurity.contexts();

  SpaceSignIn(PersonLinks links, Channels channels, AuditLog audit, Optional<Clock> clock) {
    this.links = links;
    this.channels = channels;
    this.audit = audit;
    this.clock = clock.orElse(Clock.systemUTC());
  }

  @Override
  public void onAuthenticationSuccess(
      HttpServletRequest request, HttpServletResponse response, Authentication authentication)
      throws IOException {
    String source = channels.of(request).network();
    Optional<ProviderIdentity> identity =
        authentication.getPrincipal() instanceof OidcUser user ? identity(user) : Optional.empty();
    Optional<PersonId> person = identity.flatMap(id -> links.resolve(id, source));
    if (person.isEmpty()) {
      recordSignIn(identity.map(ProviderIdentity::auditToken).orElse("oidc:unknown"), null, source);
      refuse(request, response);
      return;
    }
    recordSignIn(new Self(person.get(), source).auditActor(), person.get(), source);
    SecurityContext context = SecurityContextHolder.createEmptyContext();
    context.setAuthentication(new PersonAuthentication(person.get()));
    SecurityContextHolder.setContext(context);
    contexts.saveContext(context, request, response);
    response.sendRedirect(SpacePages.HOME);
  }

  @Override
  public void onAuthenticationFailure(
      HttpServletRequest request, HttpServletResponse response, AuthenticationException failure)
      throws IOException {
    refuse(request, response);
  }

  /** A person's sign-in to the space, or a refused one (by the subject's token), in the log. */
  private void recordSignIn(String actor, PersonId person, String source) {
    audit.append(
        new AuditEvent(
            clock.instant(),
            actor,
            person == null ? AuditAction.SIGN_IN_FAILED : AuditAction.SIGN_IN,
            person == null ? null : person.toString(),
            List.of(),
            "SPACE",
            person == null ? AuditDecision.DENY : AuditDecision.ALLOW,
            source,
            null));
  }

  private static Optional<ProviderIdentity> identity(OidcUser user) {
    OidcIdToken token = user.getIdToken();
    if (token.getIssuer() == null || token.getSubject() == null) {
      return Optional.empty();
    }
    return Optional.of(
        new ProviderIdentity(
            token.getIssuer().toString(),
            token.getSubject(),
            user.getFamilyName(),
            user.getGivenName(),
            date(user.getBirthdate()),
            user.getGender(),
            user.getClaimAsString("birthplace")));
  }

  private static LocalDate date(String birthdate) {
    if (birthdate == null) {
      return null;
    }
    try {
      return LocalDate.parse(birthdate);
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  private void refuse(HttpServletRequest request, HttpServletResponse response) throws IOException {
    SecurityContextHolder.clearContext();
    HttpSession session = request.getSession(false);
    if (session != null) {
      session.invalidate();
    }
    response.sendRedirect(SpacePages.REFUSED);
  }
}
