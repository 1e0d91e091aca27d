package fr.vigie.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
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

  /**
   * The race of the review: 40 parallel wrong codes after 9 failures evaluated 12 guesses and left
   * 21 failures. Under the row lock, one is evaluated (the tenth failure, which locks), and the
   * others find the account locked and are not evaluated.
   */
  @Test
  void totp_parallelWrongCodesAfterNineFailures_evaluatesOneAndLocks() throws Exception {
    TestAccount account = newAccount(Role.ADVISOR);
    byte[] seed = enrollTotp(client(), account);
    StaffClient client = client();
    client.signIn(account.login(), PASSWORD);
    failedBefore(account, 9);

    List<Integer> statuses = parallel(40, () -> client.post("/api/session/totp", wrong(seed)));

    assertThat(statuses).containsOnly(401);
    assertThat(failures(account)).isEqualTo(10);
    assertThat(lockedAt(account.id())).isPresent();
  }

  @Test
  void stepUp_parallelWrongCodes_evaluatesOnlyTheFreeGuesses() throws Exception {
    TestAccount account = newAccount(Role.ADVISOR);
    StaffClient client = client();
    byte[] seed = enrollTotp(client, account);

    List<Integer> statuses = parallel(40, () -> client.post("/api/session/step-up", wrong(seed)));

    assertThat(statuses).containsOnly(401);
    assertThat(failures(account))
        .as("three free failures, then each next guess waits: the fixed clock never gets there")
        .isEqualTo(3);
    assertThat(lockedAt(account.id())).isEmpty();
  }

  @Test
  void enrollmentConfirmation_parallelWrongCodesAfterNineFailures_evaluatesOneAndLocks()
      throws Exception {
    TestAccount account = newAccount(Role.ADVISOR);
    StaffClient client = client();
    client.signIn(account.login(), PASSWORD);
    byte[] seed = seedOf(client.post("/api/me/totp", Map.of()).json().get("uri").asString());
    failedBefore(account, 9);

    List<Integer> statuses =
        parallel(40, () -> client.post("/api/me/totp/confirmation", wrong(seed)));

    assertThat(statuses).containsOnly(401);
    assertThat(failures(account)).isEqualTo(10);
    assertThat(lockedAt(account.id())).isPresent();
  }

  private void failedBefore(TestAccount account, int failures) {
    jdbc.update(
        "update staff_account set failed_attempts = ?, last_failed_at = ? where id = ?",
        failures,
        java.sql.Timestamp.from(clockNow().minus(Duration.ofHours(1))),
        account.id());
  }

  private int failures(TestAccount account) {
    return jdbc.queryForObject(
        "select failed_attempts from staff_account where id = ?", Integer.class, account.id());
  }

  private Map<String, String> wrong(byte[] seed) {
    return Map.of("code", codeNow(seed).equals("000000") ? "111111" : "000000");
  }

  /** Sends {@code count} requests at once; their statuses. */
  private static List<Integer> parallel(int count, Supplier<StaffClient.Answer> request)
      throws Exception {
    CountDownLatch start = new CountDownLatch(1);
    try (ExecutorService threads = Executors.newFixedThreadPool(count)) {
      List<Future<Integer>> answers = new ArrayList<>();
      for (int i = 0; i < count; i++) {
        answers.add(
            threads.submit(
                () -> {
                  start.await();
                  return request.get().status();
                }));
      }
      start.countDown();
      List<Integer> statuses = new ArrayList<>();
      for (Future<Integer> answer : answers) {
        statuses.add(answer.get(60, TimeUnit.SECONDS));
      }
      return statuses;
    }
  }

  @Test
  void enroll_totp_isAuditedAndMailedToTheOwner() throws Exception {
    TestAccount account = newAccountWithEmail(Role.ADVISOR, "ORG-" + java.util.UUID.randomUUID());
    clock.advance(Duration.ofMinutes(1));

    enrollTotp(client(), account);

    assertThat(
            jdbc.queryForObject(
                "select count(*) from audit_entry where position(convert_to(?, 'UTF8') in entry) > 0"
                    + " and position(convert_to('ENROLLED.TOTP', 'UTF8') in entry) > 0",
                Long.class,
                account.id().toString()))
        .isEqualTo(1);
    List<String> notices = new ArrayList<>();
    for (jakarta.mail.Message message : MAIL.getReceivedMessages()) {
      if (java.util.Arrays.stream(message.getAllRecipients())
              .anyMatch(a -> a.toString().equals(emailOf(account)))
          && message.getSubject().contains("second facteur a été ajouté")) {
        notices.add(com.icegreen.greenmail.util.GreenMailUtil.getBody(message));
      }
    }
    assertThat(notices).hasSize(1);
    assertThat(notices.getFirst()).doesNotContainIgnoringCase("otpauth").doesNotContain(PASSWORD);
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
