package fr.vigie.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** Sign-in through a real OIDC provider started in this JVM, reading the ID token's amr. */
class OidcSignInIT extends IdentityIntegrationTest {
  static final String ISSUER = OidcProvider.start();
  private static final String REGISTRATION =
      "spring.security.oauth2.client.registration.proconnect.";

  @DynamicPropertySource
  static void identityProvider(DynamicPropertyRegistry properties) {
    properties.add(REGISTRATION + "client-id", () -> OidcProvider.CLIENT_ID);
    properties.add(REGISTRATION + "client-secret", () -> OidcProvider.CLIENT_SECRET);
    properties.add(REGISTRATION + "scope", () -> "openid");
    properties.add(REGISTRATION + "authorization-grant-type", () -> "authorization_code");
    properties.add(
        REGISTRATION + "redirect-uri", () -> "{baseUrl}/login/oauth2/code/{registrationId}");
    properties.add("spring.security.oauth2.client.provider.proconnect.issuer-uri", () -> ISSUER);
  }

  @BeforeEach
  void pointProviderAtVigie() {
    OidcProvider.redirectUri = "http://localhost:" + port + "/login/oauth2/code/proconnect";
  }

  @Test
  void oidc_amrWithSecondFactor_isFullySignedIn() {
    TestAccount account = linkedAccount("agent-" + UUID.randomUUID() + "-mfa");
    StaffClient client = client();

    URI landing = signInAtProvider(client, subjectOf(account));

    assertThat(landing.getPath()).isEqualTo("/");
    assertThat(landing.getQuery()).isNull();
    StaffClient.Answer probe = client.get("/api/persons/probe");
    assertThat(probe.status()).isEqualTo(200);
    assertThat(probe.json().get("accountId").asString()).isEqualTo(account.id().toString());
  }

  @Test
  void oidc_amrPasswordOnly_requiresLocalTotp() {
    TestAccount account = linkedAccount("agent-" + UUID.randomUUID() + "-pwd");
    byte[] seed = enrollTotp(client(), account);
    nextStep();
    StaffClient client = client();

    signInAtProvider(client, subjectOf(account));

    StaffClient.Answer state = client.get("/api/session");
    assertThat(state.json().get("secondFactor").asString()).isEqualTo("required");
    assertThat(client.get("/api/probe").status()).isEqualTo(403);
    assertThat(client.post("/api/session/totp", Map.of("code", codeNow(seed))).status())
        .isEqualTo(200);
    assertThat(client.get("/api/probe").status()).isEqualTo(200);
  }

  @Test
  void oidc_subjectLinkedToNoAccount_isRefused() {
    StaffClient client = client();

    URI landing = signInAtProvider(client, "stranger-" + UUID.randomUUID() + "-mfa");

    assertThat(landing.getQuery()).isEqualTo("signin=refused");
    assertThat(client.get("/api/probe").status()).isEqualTo(401);
  }

  @Test
  void provesSecondFactor_amrValues_countOnlyPossessionOrMultipleFactors() {
    assertThat(OidcSignInHandler.provesSecondFactor(java.util.List.of("pwd"))).isFalse();
    assertThat(OidcSignInHandler.provesSecondFactor(null)).isFalse();
    assertThat(OidcSignInHandler.provesSecondFactor(java.util.List.of("pwd", "otp"))).isTrue();
    assertThat(OidcSignInHandler.provesSecondFactor(java.util.List.of("hwk"))).isTrue();
    assertThat(OidcSignInHandler.provesSecondFactor(java.util.List.of("mfa"))).isTrue();
  }

  private final Map<UUID, String> subjects = new java.util.HashMap<>();

  private TestAccount linkedAccount(String subject) {
    TestAccount account = newAccount(Role.ADVISOR);
    credentials.linkExternalSubject(account.id(), ISSUER, subject);
    subjects.put(account.id(), subject);
    return account;
  }

  private String subjectOf(TestAccount account) {
    return subjects.get(account.id());
  }

  /**
   * What a browser does: Vigie sends it to the provider, the provider's login form, back to Vigie
   * with a code; returns where Vigie lands it at the end.
   */
  private URI signInAtProvider(StaffClient client, String user) {
    URI vigie = URI.create("http://localhost:" + port);
    StaffClient.Answer answer = client.browse(vigie.resolve("/oauth2/authorization/proconnect"));
    URI at = vigie.resolve("/oauth2/authorization/proconnect");
    boolean loggedIn = false;
    for (int hop = 0; hop < 10; hop++) {
      if (answer.status() == 302) {
        at = at.resolve(answer.response().headers().firstValue("Location").orElseThrow());
        if (at.getPort() == port && !at.getPath().startsWith("/login/oauth2/")) {
          return at;
        }
        answer = client.browse(at);
      } else if (answer.status() == 200 && !loggedIn && at.getPath().equals("/login")) {
        loggedIn = true;
        answer =
            client.submitForm(
                at,
                Map.of(
                    "username",
                    user,
                    "password",
                    OidcProvider.PASSWORD,
                    "_csrf",
                    csrfOf(answer.body())));
      } else {
        throw new AssertionError("unexpected " + answer.status() + " at " + at);
      }
    }
    throw new AssertionError("too many redirects");
  }

  private static String csrfOf(String loginPage) {
    Matcher matcher = Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"").matcher(loginPage);
    if (!matcher.find()) {
      throw new AssertionError("no CSRF field in the provider's login page");
    }
    return matcher.group(1);
  }
}
