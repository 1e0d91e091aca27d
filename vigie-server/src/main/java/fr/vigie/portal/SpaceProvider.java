package fr.vigie.portal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.client.registration.ClientRegistrations;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;

/**
 * The persons' identity provider (FranceConnect or one like it), from {@code vigie.space.oidc.*}:
 * its issuer, Vigie's client id, and the client secret from the environment or a file, never from
 * the repository. Its registration is discovered at the first sign-in, not at start, so that Vigie
 * starts while the provider is away. It is deliberately not a {@code ClientRegistrationRepository}
 * bean: the staff's sign-in never offers it.
 */
final class SpaceProvider {
  /** How long a provider that could not be reached is not asked again. */
  static final Duration RETRY = Duration.ofSeconds(30);

  private static final Logger log = LoggerFactory.getLogger(SpaceProvider.class);

  private final Clock clock;
  private final String issuer;
  private final String clientId;
  private final String clientSecret;
  private final String clientSecretFile;
  private final String[] scopes;
  private volatile ClientRegistration registration;
  private volatile Instant unreachableUntil = Instant.MIN;

  SpaceProvider(
      Clock clock,
      String issuer,
      String clientId,
      String clientSecret,
      String clientSecretFile,
      String[] scopes) {
    this.clock = clock;
    this.issuer = issuer;
    this.clientId = clientId;
    this.clientSecret = clientSecret;
    this.clientSecretFile = clientSecretFile;
    this.scopes = scopes.clone();
  }

  /** Whether a provider is configured at all; without one, nobody signs in to the space. */
  boolean configured() {
    return !issuer.isBlank() && !clientId.isBlank();
  }

  ClientRegistrationRepository registrations() {
    return id -> SpaceSecurity.REGISTRATION.equals(id) ? available().orElse(null) : null;
  }

  /**
   * The provider's registration, discovered at the first call; empty when no provider is set, or
   * while it cannot be reached: then it is asked again only after {@link #RETRY}, so that requests
   * to sign in do not each send one to it, and a line is logged, without a stack trace.
   */
  Optional<ClientRegistration> available() {
    if (!configured()) {
      return Optional.empty();
    }
    ClientRegistration found = registration;
    if (found != null) {
      return Optional.of(found);
    }
    if (clock.instant().isBefore(unreachableUntil)) {
      return Optional.empty();
    }
    try {
      return Optional.of(registration());
    } catch (RuntimeException e) {
      unreachableUntil = clock.instant().plus(RETRY);
      log.warn(
          "The persons' identity provider could not be reached ({}); asked again in {} s",
          e.getClass().getSimpleName(),
          RETRY.toSeconds());
      return Optional.empty();
    }
  }

  private ClientRegistration registration() {
    ClientRegistration found = registration;
    if (found == null) {
      found =
          ClientRegistrations.fromIssuerLocation(issuer)
              .registrationId(SpaceSecurity.REGISTRATION)
              .clientId(clientId)
              .clientSecret(secret())
              .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
              .authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
              .redirectUri("{baseUrl}/space/login/oauth2/code/{registrationId}")
              .scope(scopes)
              .build();
      registration = found;
    }
    return found;
  }

  private String secret() {
    if (clientSecretFile.isBlank()) {
      return clientSecret;
    }
    try {
      return Files.readString(Path.of(clientSecretFile), StandardCharsets.UTF_8).strip();
    } catch (IOException e) {
      throw new UncheckedIOException("vigie.space.oidc.client-secret-file: cannot be read", e);
    }
  }

  @Override
  public String toString() {
    return "SpaceProvider[" + issuer + "]";
  }
}
