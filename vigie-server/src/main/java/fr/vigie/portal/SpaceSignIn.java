package fr.vigie.portal;

import fr.vigie.identity.Channels;
import fr.vigie.registry.PersonId;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
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
  private final HttpSessionSecurityContextRepository contexts = SpaceSecurity.contexts();

  SpaceSignIn(PersonLinks links, Channels channels) {
    this.links = links;
    this.channels = channels;
  }

  @Override
  public void onAuthenticationSuccess(
      HttpServletRequest request, HttpServletResponse response, Authentication authentication)
      throws IOException {
    Optional<PersonId> person =
        authentication.getPrincipal() instanceof OidcUser user
            ? identity(user).flatMap(id -> links.resolve(id, channels.of(request).network()))
            : Optional.empty();
    if (person.isEmpty()) {
      refuse(request, response);
      return;
    }
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
