package fr.vigie.identity;

import java.util.List;
import java.util.Map;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.oidc.OidcScopes;
import org.springframework.security.oauth2.core.oidc.endpoint.OidcParameterNames;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.settings.ClientSettings;
import org.springframework.security.oauth2.server.authorization.token.JwtEncodingContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenCustomizer;

/**
 * A real OIDC provider in the test JVM (Spring Authorization Server with Spring Boot's defaults:
 * form login, OIDC discovery, signed ID tokens), standing for a partner's ProConnect-style
 * provider. Any user name signs in with {@link #PASSWORD}; a name ending in {@code -mfa} gets
 * {@code amr = [pwd, otp, mfa]} in its ID token, any other {@code amr = [pwd]}.
 */
@TestConfiguration(proxyBeanMethods = false)
@EnableAutoConfiguration(
    excludeName = {
      "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration",
      "org.springframework.boot.flyway.autoconfigure.FlywayAutoConfiguration",
      "org.springframework.boot.mail.autoconfigure.MailSenderAutoConfiguration"
    })
class OidcProvider {
  static final String CLIENT_ID = "vigie";
  static final String CLIENT_SECRET = "vigie-client-secret";
  static final String PASSWORD = "provider-password";

  /** Where the provider sends the browser back; set once Vigie's port is known. */
  static volatile String redirectUri = "http://localhost/login/oauth2/code/proconnect";

  /** Starts the provider on a random port of 127.0.0.1; returns its issuer URI. */
  static String start() {
    ConfigurableApplicationContext context =
        new SpringApplicationBuilder(OidcProvider.class)
            .web(WebApplicationType.SERVLET)
            .properties(
                Map.of(
                    "spring.config.name", "oidc-provider",
                    "server.port", "0",
                    "server.address", "127.0.0.1",
                    "spring.main.banner-mode", "off",
                    "spring.jmx.enabled", "false"))
            .run();
    Runtime.getRuntime().addShutdownHook(new Thread(context::close));
    int port = ((WebServerApplicationContext) context).getWebServer().getPort();
    return "http://127.0.0.1:" + port;
  }

  @Bean
  UserDetailsService providerUsers() {
    return name -> User.withUsername(name).password("{noop}" + PASSWORD).roles("USER").build();
  }

  /** Vigie's registration, built on each lookup so that it carries the current redirect URI. */
  @Bean
  RegisteredClientRepository registeredClients() {
    return new RegisteredClientRepository() {
      @Override
      public void save(RegisteredClient registeredClient) {
        // The provider re-saves a client whose secret it would hash again: the fixed one stays.
      }

      @Override
      public RegisteredClient findById(String id) {
        return CLIENT_ID.equals(id) ? vigie() : null;
      }

      @Override
      public RegisteredClient findByClientId(String clientId) {
        return CLIENT_ID.equals(clientId) ? vigie() : null;
      }
    };
  }

  @Bean
  OAuth2TokenCustomizer<JwtEncodingContext> authenticationMethods() {
    return context -> {
      if (OidcParameterNames.ID_TOKEN.equals(context.getTokenType().getValue())) {
        boolean mfa = context.getPrincipal().getName().endsWith("-mfa");
        context.getClaims().claim("amr", mfa ? List.of("pwd", "otp", "mfa") : List.of("pwd"));
      }
    };
  }

  private static RegisteredClient vigie() {
    return RegisteredClient.withId(CLIENT_ID)
        .clientId(CLIENT_ID)
        .clientSecret("{noop}" + CLIENT_SECRET)
        .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
        .authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
        .redirectUri(redirectUri)
        .scope(OidcScopes.OPENID)
        .clientSettings(ClientSettings.builder().requireAuthorizationConsent(false).build())
        .build();
  }
}
