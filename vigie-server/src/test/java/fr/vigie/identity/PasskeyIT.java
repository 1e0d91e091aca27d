package fr.vigie.identity;

import static org.assertj.core.api.Assertions.assertThat;

import com.webauthn4j.converter.util.ObjectConverter;
import com.webauthn4j.data.AuthenticatorAssertionResponse;
import com.webauthn4j.data.AuthenticatorAttestationResponse;
import com.webauthn4j.data.PublicKeyCredential;
import com.webauthn4j.data.PublicKeyCredentialCreationOptions;
import com.webauthn4j.data.PublicKeyCredentialRequestOptions;
import com.webauthn4j.data.client.Origin;
import com.webauthn4j.test.authenticator.webauthn.PackedAuthenticator;
import com.webauthn4j.test.client.ClientPlatform;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Passkeys through Spring Security's WebAuthn endpoints, driven by webauthn4j's authenticator
 * emulator: registration needs a full sign-in, and a passkey then counts as the second factor.
 */
class PasskeyIT extends IdentityIntegrationTest {
  private static final ObjectConverter WEBAUTHN = new ObjectConverter();

  /** The origin Vigie allows by default; clientDataJSON carries it, whatever the real port. */
  private static final Origin ORIGIN = new Origin("http://localhost:8080");

  @Test
  void passkey_registeredWhenFullySignedIn_thenCountsAsSecondFactor() {
    TestAccount account = newAccount(Role.ADVISOR);
    ClientPlatform authenticator = new ClientPlatform(ORIGIN, adaptor());
    StaffClient registering = signedIn(account);
    assertThat(register(registering, authenticator).status()).isEqualTo(200);

    StaffClient client = client();
    client.signIn(account.login(), PASSWORD);
    assertThat(client.get("/api/probe").status()).isEqualTo(403);
    StaffClient.Answer answer = authenticate(client, authenticator);

    assertThat(answer.status()).isEqualTo(200);
    assertThat(client.get("/api/probe").status()).isEqualTo(200);
  }

  @Test
  void passkeyRegistration_withPasswordOnly_isForbidden() {
    TestAccount account = newAccount(Role.ADVISOR);
    StaffClient client = client();
    client.signIn(account.login(), PASSWORD);

    StaffClient.Answer answer = register(client, new ClientPlatform(ORIGIN, adaptor()));

    assertThat(answer.status()).isIn(400, 401, 403);
    assertThat(passkeysOf(account)).isZero();
  }

  @Test
  void passkey_withoutPassword_doesNotSignIn() {
    TestAccount account = newAccount(Role.ADVISOR);
    ClientPlatform authenticator = new ClientPlatform(ORIGIN, adaptor());
    register(signedIn(account), authenticator);
    StaffClient stranger = client();
    stranger.get("/api/session");
    // The ceremony is not even begun without a first factor (and makes no session)...
    StaffClient.Answer options = stranger.post("/webauthn/authenticate/options", Map.of());
    assertThat(options.status()).isEqualTo(401);
    assertThat(options.json().get("code").asString()).isEqualTo("SIGN_IN_REQUIRED");
    assertThat(options.response().headers().allValues("Set-Cookie"))
        .noneMatch(cookie -> cookie.startsWith("JSESSIONID"));
    // ...and a valid assertion, made for a password session's challenge, does not sign it in.
    StaffClient owner = client();
    assertThat(owner.signIn(account.login(), PASSWORD).status()).isEqualTo(200);

    StaffClient.Answer answer = stranger.post("/login/webauthn", assertion(owner, authenticator));

    assertThat(answer.status()).isEqualTo(401);
    assertThat(stranger.get("/api/probe").status()).isEqualTo(401);
  }

  @Test
  void helpdeskReset_registeredPasskey_isForgotten() {
    String organization = "ORG-" + java.util.UUID.randomUUID();
    TestAccount account = newAccountWithEmail(Role.ADVISOR, organization);
    register(signedIn(account), new ClientPlatform(ORIGIN, adaptor()));
    assertThat(passkeysOf(account)).isEqualTo(1);
    clock.advance(java.time.Duration.ofMinutes(1));

    StaffClient.Answer reset =
        signedIn(newAccount(Role.HELPDESK))
            .post("/api/recoveries", Map.of("accountId", account.id().toString()));

    assertThat(reset.status()).isEqualTo(201);
    assertThat(passkeysOf(account)).isZero();
  }

  private long passkeysOf(TestAccount account) {
    return jdbc.queryForObject(
        "select count(*) from user_credentials c join user_entities e"
            + " on e.id = c.user_entity_user_id where e.name = ?",
        Long.class,
        account.login());
  }

  private static com.webauthn4j.test.authenticator.webauthn.WebAuthnAuthenticatorAdaptor adaptor() {
    return new com.webauthn4j.test.authenticator.webauthn.WebAuthnAuthenticatorAdaptor(
        new PackedAuthenticator());
  }

  private StaffClient.Answer register(StaffClient client, ClientPlatform authenticator) {
    StaffClient.Answer options = client.post("/webauthn/register/options", Map.of());
    if (options.status() != 200) {
      return options;
    }
    PublicKeyCredentialCreationOptions creation =
        WEBAUTHN
            .getJsonConverter()
            .readValue(options.body(), PublicKeyCredentialCreationOptions.class);
    PublicKeyCredential<AuthenticatorAttestationResponse, ?> credential =
        authenticator.create(creation);
    Map<String, Object> response = new LinkedHashMap<>();
    response.put("attestationObject", base64(credential.getResponse().getAttestationObject()));
    response.put("clientDataJSON", base64(credential.getResponse().getClientDataJSON()));
    response.put("transports", java.util.List.of("usb"));
    return client.post(
        "/webauthn/register",
        Map.of(
            "publicKey",
            Map.of("credential", publicKeyCredential(credential, response), "label", "test key")));
  }

  private StaffClient.Answer authenticate(StaffClient client, ClientPlatform authenticator) {
    return client.post("/login/webauthn", assertion(client, authenticator));
  }

  /** The authenticator's answer to the options {@code client} asks for. */
  private Map<String, Object> assertion(StaffClient client, ClientPlatform authenticator) {
    StaffClient.Answer options = client.post("/webauthn/authenticate/options", Map.of());
    assertThat(options.status()).isEqualTo(200);
    PublicKeyCredentialRequestOptions request =
        WEBAUTHN
            .getJsonConverter()
            .readValue(options.body(), PublicKeyCredentialRequestOptions.class);
    PublicKeyCredential<AuthenticatorAssertionResponse, ?> assertion = authenticator.get(request);
    Map<String, Object> response = new LinkedHashMap<>();
    response.put("authenticatorData", base64(assertion.getResponse().getAuthenticatorData()));
    response.put("clientDataJSON", base64(assertion.getResponse().getClientDataJSON()));
    response.put("signature", base64(assertion.getResponse().getSignature()));
    if (assertion.getResponse().getUserHandle() != null) {
      response.put("userHandle", base64(assertion.getResponse().getUserHandle()));
    }
    return publicKeyCredential(assertion, response);
  }

  private static Map<String, Object> publicKeyCredential(
      PublicKeyCredential<?, ?> credential, Map<String, Object> response) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("id", base64(credential.getRawId()));
    json.put("rawId", base64(credential.getRawId()));
    json.put("response", response);
    json.put("type", "public-key");
    json.put("clientExtensionResults", Map.of());
    json.put("authenticatorAttachment", "cross-platform");
    return json;
  }

  private static String base64(byte[] bytes) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }
}
