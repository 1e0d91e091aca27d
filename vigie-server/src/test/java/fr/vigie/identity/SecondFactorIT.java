package fr.vigie.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** TOTP enrollment and sign-in, the rule that needs both factors, and sign-out. */
class SecondFactorIT extends IdentityIntegrationTest {

  @Test
  void enroll_firstSignIn_givesUriOnceAndFirstCodeCompletesSignIn() {
    TestAccount account = newAccount(Role.ADVISOR);
    StaffClient client = client();
    client.signIn(account.login(), PASSWORD);

    StaffClient.Answer enrollment = client.post("/api/me/totp", Map.of());
    String uri = enrollment.json().get("uri").asString();
    assertThat(uri).startsWith("otpauth://totp/Vigie:").contains("digits=6", "period=30");
    assertThat(client.get("/api/probe").status()).isEqualTo(403);

    StaffClient.Answer confirmed =
        client.post("/api/me/totp/confirmation", Map.of("code", codeNow(seedOf(uri))));

    assertThat(confirmed.status()).isEqualTo(200);
    StaffClient.Answer probe = client.get("/api/persons/probe");
    assertThat(probe.status()).isEqualTo(200);
    assertThat(probe.json().get("accountId").asString()).isEqualTo(account.id().toString());
    assertThat(probe.json().get("role").asString()).isEqualTo("ADVISOR");
    assertThat(probe.json().get("restricted").asBoolean()).isFalse();
    assertThat(client.post("/api/me/totp", Map.of()).status())
        .as("a second seed once one is confirmed")
        .isEqualTo(403);
  }

  @Test
  void signIn_passwordThenTotp_isFullySignedIn() {
    TestAccount account = newAccount(Role.ADVISOR);
    byte[] seed = enrollTotp(client(), account);
    nextStep();
    StaffClient client = client();

    StaffClient.Answer first = client.signIn(account.login(), PASSWORD);
    assertThat(first.json().get("secondFactor").asString()).isEqualTo("required");
    assertThat(first.json().get("enrolled").asBoolean()).isTrue();
    assertThat(client.get("/api/probe").status()).isEqualTo(403);
    StaffClient.Answer second = client.post("/api/session/totp", Map.of("code", codeNow(seed)));

    assertThat(second.status()).isEqualTo(200);
    assertThat(second.json().get("signedIn").asBoolean()).isTrue();
    assertThat(client.get("/api/probe").status()).isEqualTo(200);
  }

  @Test
  void totp_sameCodeTwice_secondUseRefused() {
    TestAccount account = newAccount(Role.ADVISOR);
    byte[] seed = enrollTotp(client(), account);
    nextStep();
    String code = codeNow(seed);
    StaffClient first = client();
    first.signIn(account.login(), PASSWORD);
    assertThat(first.post("/api/session/totp", Map.of("code", code)).status()).isEqualTo(200);

    StaffClient second = client();
    second.signIn(account.login(), PASSWORD);
    StaffClient.Answer replay = second.post("/api/session/totp", Map.of("code", code));

    assertThat(replay.status()).isEqualTo(401);
    assertThat(second.get("/api/probe").status()).isEqualTo(403);
  }

  @Test
  void totp_withoutPassword_isUnauthorized() {
    TestAccount account = newAccount(Role.ADVISOR);
    byte[] seed = enrollTotp(client(), account);
    nextStep();
    StaffClient client = client();
    client.get("/api/session");

    assertThat(client.post("/api/session/totp", Map.of("code", codeNow(seed))).status())
        .isEqualTo(401);
  }

  @Test
  void totp_wrongCodes_countTowardTheLock() {
    TestAccount account = newAccount(Role.ADVISOR);
    byte[] seed = enrollTotp(client(), account);
    StaffClient client = client();
    client.signIn(account.login(), PASSWORD);
    for (int attempt = 1; attempt <= 10; attempt++) {
      clock.advance(Duration.ofMinutes(5));
      String wrong = codeNow(seed).equals("000000") ? "111111" : "000000";
      assertThat(client.post("/api/session/totp", Map.of("code", wrong)).status()).isIn(401, 403);
    }

    assertThat(lockedAt(account.id())).isPresent();
    assertThat(client.post("/api/session/totp", Map.of("code", codeNow(seed))).status())
        .as("the session ended with the lock")
        .isIn(401, 403);
  }

  @Test
  void enroll_seed_isSealedNotStoredInClear() {
    TestAccount account = newAccount(Role.ADVISOR);
    byte[] seed = enrollTotp(client(), account);

    byte[] stored =
        jdbc.queryForObject(
            "select totp_secret from staff_account where id = ?", byte[].class, account.id());

    String storedHex = HexFormat.of().formatHex(stored);
    assertThat(storedHex).doesNotContain(HexFormat.of().formatHex(seed));
    assertThat(new String(stored, java.nio.charset.StandardCharsets.ISO_8859_1))
        .doesNotContain(TotpCodes.base32(seed));
  }

  @Test
  void signIn_again_changesSessionId() {
    TestAccount account = newAccount(Role.ADVISOR);
    StaffClient client = client();
    client.signIn(account.login(), PASSWORD);
    String before = client.cookie("JSESSIONID");
    assertThat(before).isNotNull();

    client.post("/api/session", Map.of("login", account.login(), "password", PASSWORD));

    assertThat(client.cookie("JSESSIONID")).isNotNull().isNotEqualTo(before);
  }

  @Test
  void signOut_fullySignedIn_endsTheSession() {
    TestAccount account = newAccount(Role.ADVISOR);
    StaffClient client = client();
    enrollTotp(client, account);
    assertThat(client.get("/api/probe").status()).isEqualTo(200);

    assertThat(client.delete("/api/session").status()).isEqualTo(204);

    assertThat(client.get("/api/probe").status()).isEqualTo(401);
  }

  @Test
  void api_responses_carrySecurityHeaders() {
    StaffClient.Answer answer = client().get("/api/session");

    assertThat(answer.response().headers().firstValue("X-Content-Type-Options"))
        .hasValue("nosniff");
    assertThat(answer.response().headers().firstValue("X-Frame-Options")).hasValue("DENY");
    assertThat(answer.response().headers().firstValue("Cache-Control")).isPresent();
  }
}
