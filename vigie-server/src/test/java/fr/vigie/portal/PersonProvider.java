package fr.vigie.portal;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
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
 * A real OIDC provider in the test JVM (Spring Authorization Server) playing FranceConnect for
 * persons: its client must use PKCE, and the ID token carries FranceConnect's pivot identity
 * (given_name, family_name, birthdate, gender, birthplace) of the user who signed in, as the test
 * set it in {@link #IDENTITIES}. Any user name signs in with {@link #PASSWORD}.
 */
@TestConfiguration(proxyBeanMethods = false)
@EnableAutoConfiguration(
    excludeName = {
      "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration",
      "org.springframework.boot.flyway.autoconfigure.FlywayAutoConfiguration",
      "org.springframework.boot.mail.autoconfigure.MailSenderAutoConfiguration"
    })
class PersonProvider {
  static final String CLIENT_ID = "vigie-space";
  static final String CLIENT_SECRET = "vigie-space-client-secret";
  static final String PASSWORD = "fc-password";

  /** The pivot identity each user name is given in its ID token. */
  static final Map<String, Map<String, Object>> IDENTITIES = new ConcurrentHashMap<>();

  /** Where the provider sends the browser back; set once Vigie's port is known. */
  static volatile String redirectUri = "http://localhost/space/login/oauth2/code/franceconnect";

  /** Starts the provider on a random port of 127.0.0.1; returns its issuer URI. */
  static String start() {
    ConfigurableApplicationContext context =
        new SpringApplicationBuilder(PersonProvider.class)
            .web(WebApplicationType.SERVLET)
            .properties(
                Map.of(
                    "spring.config.name", "person-provider",
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

  @Bean
  RegisteredClientRepository registeredClients() {
    return new RegisteredClientRepository() {
      @Override
      public void save(RegisteredClient registeredClient) {}

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
  OAuth2TokenCustomizer<JwtEncodingContext> pivotIdentity() {
    return context -> {
      if (OidcParameterNames.ID_TOKEN.equals(context.getTokenType().getValue())) {
        IDENTITIES
            .getOrDefault(context.getPrincipal().getName(), Map.of())
            .forEach((claim, value) -> context.getClaims().claim(claim, value));
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
        .scope("given_name")
        .scope("family_name")
        .scope("birthdate")
        .scope("gender")
        .scope("birthplace")
        .clientSettings(
            ClientSettings.builder()
                .requireAuthorizationConsent(false)
                .requireProofKey(true)
                .build())
        .build();
  }
}
