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
 * emulator: registration needs a full sign-in with a fresh second factor and an account the guard
 * does not hold, is audited and mailed to the owner, and a passkey then counts as the second
 * factor, a step-up included.
 */
class PasskeyIT extends IdentityIntegrationTest {
  private static final ObjectConverter WEBAUTHN = new ObjectConverter();

  @org.springframework.beans.factory.annotation.Autowired Containments containments;

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

  /**
   * The attack of the review: a thief holding a fully signed-in session the guard holds at step-up
   * registers a passkey of its own, signs in with it and reads on. Every step now fails: the
   * registration is held (its options and the registration itself), no passkey is stored, so the
   * thief has none to sign in with, nothing is audited as enrolled, and the session stays held.
   */
  @Test
  void stepUpHeldSession_registeringAndUsingTheThiefsPasskey_failsAtEveryStep() {
    TestAccount account = newAccount(Role.ADVISOR);
    StaffClient stolen = signedIn(account);
    moveClock(java.time.Duration.ofMinutes(1));
    containments.raise(new AccountId(account.id()), ContainmentState.STEP_UP);

    StaffClient.Answer options = stolen.post("/webauthn/register/options", Map.of());
    StaffClient.Answer direct =
        stolen.post(
            "/webauthn/register",
            Map.of("publicKey", Map.of("credential", Map.of("id", "x"), "label", "thief")));
    StaffClient.Answer read = stolen.get("/api/probe");

    assertThat(options.status()).isEqualTo(403);
    assertThat(options.json().get("code").asString()).isEqualTo("STEP_UP_REQUIRED");
    assertThat(direct.status()).isEqualTo(403);
    assertThat(direct.json().get("code").asString()).isEqualTo("STEP_UP_REQUIRED");
    assertThat(read.status()).isEqualTo(403);
    assertThat(read.json().get("code").asString()).isEqualTo("STEP_UP_REQUIRED");
    assertThat(passkeysOf(account)).isZero();
    assertThat(auditEntries(account.id(), "ENROLLED.PASSKEY")).isZero();
  }

  @Test
  void passkeyRegistration_sessionWithoutAFreshSecondFactor_isRefusedUntilItStepsUp() {
    TestAccount account = newAccount(Role.ADVISOR);
    StaffClient client = client();
    byte[] seed = enrollTotp(client, account);
    moveClock(java.time.Duration.ofMinutes(6));
    ClientPlatform authenticator = new ClientPlatform(ORIGIN, adaptor());

    StaffClient.Answer stale = register(client, authenticator);
    StaffClient.Answer stepUp = client.post("/api/session/step-up", Map.of("code", codeNow(seed)));
    StaffClient.Answer fresh = register(client, authenticator);

    assertThat(stale.status()).isEqualTo(403);
    assertThat(stale.json().get("code").asString()).isEqualTo("STEP_UP_REQUIRED");
    assertThat(stepUp.status()).isEqualTo(200);
    assertThat(fresh.status()).isEqualTo(200);
    assertThat(passkeysOf(account)).isEqualTo(1);
  }

  @Test
  void passkeyRegistration_isAuditedAndMailedToTheOwner() throws Exception {
    TestAccount account = newAccountWithEmail(Role.ADVISOR, "ORG-" + java.util.UUID.randomUUID());
    moveClock(java.time.Duration.ofMinutes(1));
    StaffClient client = signedIn(account);

    StaffClient.Answer registered = register(client, new ClientPlatform(ORIGIN, adaptor()));

    assertThat(registered.status()).isEqualTo(200);
    assertThat(auditEntries(account.id(), "ENROLLED.PASSKEY")).isEqualTo(1);
    assertThat(factorNotices(emailOf(account)))
        .as("one notice for the TOTP enrolled at first sign-in, one for the passkey")
        .hasSize(2)
        .anyMatch(body -> body.contains("passkey"));
  }

  @Test
  void passkeyRemoval_byTheOwnerWithAFreshFactor_isAuditedAndMailedToTheOwner() throws Exception {
    TestAccount account = newAccountWithEmail(Role.ADVISOR, "ORG-" + java.util.UUID.randomUUID());
    // An address counts only after the instant it was recorded, and the test clock stands still.
    moveClock(java.time.Duration.ofMinutes(1));
    StaffClient client = signedIn(account);
    assertThat(register(client, new ClientPlatform(ORIGIN, adaptor())).status()).isEqualTo(200);

    StaffClient.Answer removed = client.delete("/webauthn/register/" + passkeyId(account));

    assertThat(removed.status()).isEqualTo(204);
    assertThat(passkeysOf(account)).isZero();
    assertThat(auditEntries(account.id(), "REMOVED.PASSKEY")).isEqualTo(1);
    assertThat(factorMails(emailOf(account), "second facteur a été retiré"))
        .singleElement()
        .satisfies(body -> assertThat(body).contains("passkey"));
  }

  @Test
  void passkeyRemoval_byAnotherAccount_isForbiddenAndLeavesThePasskey() {
    TestAccount owner = newAccount(Role.ADVISOR);
    assertThat(register(signedIn(owner), new ClientPlatform(ORIGIN, adaptor())).status())
        .isEqualTo(200);
    StaffClient other = signedIn(newAccount(Role.ADVISOR));

    StaffClient.Answer removed = other.delete("/webauthn/register/" + passkeyId(owner));

    assertThat(removed.status()).isEqualTo(403);
    assertThat(passkeysOf(owner)).isEqualTo(1);
    assertThat(auditEntries(owner.id(), "REMOVED.PASSKEY")).isZero();
  }

  @Test
  void passkeyRemoval_sessionWithoutAFreshSecondFactor_isRefusedUntilItStepsUp() {
    TestAccount account = newAccount(Role.ADVISOR);
    StaffClient client = client();
    byte[] seed = enrollTotp(client, account);
    assertThat(register(client, new ClientPlatform(ORIGIN, adaptor())).status()).isEqualTo(200);
    moveClock(java.time.Duration.ofMinutes(6));

    StaffClient.Answer stale = client.delete("/webauthn/register/" + passkeyId(account));

    assertThat(stale.status()).isEqualTo(403);
    assertThat(stale.json().get("code").asString()).isEqualTo("STEP_UP_REQUIRED");
    assertThat(passkeysOf(account)).isEqualTo(1);
    assertThat(client.post("/api/session/step-up", Map.of("code", codeNow(seed))).status())
        .isEqualTo(200);
    assertThat(client.delete("/webauthn/register/" + passkeyId(account)).status()).isEqualTo(204);
    assertThat(passkeysOf(account)).isZero();
    assertThat(auditEntries(account.id(), "REMOVED.PASSKEY")).isEqualTo(1);
  }

  @Test
  void passkeyStepUp_liftsTheHoldAndIsToldToTheDetectors() {
    TestAccount account = newAccount(Role.ADVISOR);
    ClientPlatform authenticator = new ClientPlatform(ORIGIN, adaptor());
    assertThat(register(signedIn(account), authenticator).status()).isEqualTo(200);
    StaffClient client = client();
    client.signIn(account.login(), PASSWORD);
    assertThat(authenticate(client, authenticator).status()).isEqualTo(200);
    moveClock(java.time.Duration.ofMinutes(1));
    containments.raise(new AccountId(account.id()), ContainmentState.STEP_UP);
    assertThat(client.get("/api/probe").json().get("code").asString())
        .isEqualTo("STEP_UP_REQUIRED");

    StaffClient.Answer stepUp = authenticate(client, authenticator);

    assertThat(stepUp.status()).isEqualTo(200);
    assertThat(client.get("/api/probe").status()).isEqualTo(200);
    assertThat(auditEntries(account.id(), "STEP_UP")).isEqualTo(1);
  }

  private long auditEntries(java.util.UUID actor, String code) {
    return jdbc.queryForObject(
        "select count(*) from audit_entry where position(convert_to(?, 'UTF8') in entry) > 0"
            + " and position(convert_to(?, 'UTF8') in entry) > 0",
        Long.class,
        actor.toString(),
        code);
  }

  private static java.util.List<String> factorNotices(String to) throws Exception {
    return factorMails(to, "second facteur a été ajouté");
  }

  private static java.util.List<String> factorMails(String to, String subject) throws Exception {
    java.util.List<String> bodies = new java.util.ArrayList<>();
    for (jakarta.mail.Message message : MAIL.getReceivedMessages()) {
      if (java.util.Arrays.stream(message.getAllRecipients()).anyMatch(a -> a.toString().equals(to))
          && message.getSubject().contains(subject)) {
        bodies.add(com.icegreen.greenmail.util.GreenMailUtil.getBody(message));
      }
    }
    return bodies;
  }

  /** The account's one passkey's id, base64url as Spring's removal endpoint takes it. */
  private String passkeyId(TestAccount account) {
    return jdbc.queryForObject(
        "select c.credential_id from user_credentials c join user_entities e"
            + " on e.id = c.user_entity_user_id where e.name = ?",
        String.class,
        account.login());
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
