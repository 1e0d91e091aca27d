package fr.vigie.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code POST /api/me/password}: the current password checked like a sign-in, the policy on the new
 * one, this session kept and every other one ended.
 */
class PasswordChangeIT extends IdentityIntegrationTest {
  private static final String NEW_PASSWORD = "another long passphrase";

  @Test
  void change_rightCurrentPassword_keepsThisSessionAndEndsTheOthers() {
    TestAccount account = newAccount(Role.ADVISOR);
    StaffClient mine = client();
    byte[] seed = enrollTotp(mine, account);
    StaffClient other = client();
    assertThat(other.signIn(account.login(), PASSWORD).status()).isEqualTo(200);
    nextStep();
    assertThat(other.post("/api/session/totp", Map.of("code", codeNow(seed))).status())
        .isEqualTo(200);
    assertThat(other.get("/api/probe").status()).isEqualTo(200);

    StaffClient.Answer changed =
        mine.post("/api/me/password", Map.of("current", PASSWORD, "next", NEW_PASSWORD));

    assertThat(changed.status()).isEqualTo(200);
    assertThat(changed.json().get("otherSessionsEnded").asBoolean()).isTrue();
    assertThat(mine.get("/api/probe").status()).isEqualTo(200);
    assertThat(other.get("/api/probe").status()).isEqualTo(401);
    // The renewed CSRF token works for the next change in this session.
    assertThat(
            mine.post(
                    "/api/me/password",
                    Map.of("current", NEW_PASSWORD, "next", NEW_PASSWORD + " again"))
                .status())
        .isEqualTo(200);
    assertThat(client().signIn(account.login(), PASSWORD).status()).isEqualTo(401);
    assertThat(client().signIn(account.login(), NEW_PASSWORD + " again").status()).isEqualTo(200);
    assertThat(auditEntries(account, "PASSWORD_CHANGED")).isEqualTo(2);
  }

  @Test
  void change_wrongCurrentPassword_isRefusedCountedAndChangesNothing() {
    TestAccount account = newAccount(Role.ADVISOR);
    StaffClient client = signedIn(account);

    StaffClient.Answer refused =
        client.post(
            "/api/me/password", Map.of("current", "not the password", "next", NEW_PASSWORD));

    assertThat(refused.status()).isEqualTo(403);
    assertThat(refused.json().get("code").asString()).isEqualTo("PASSWORD_INCORRECT");
    assertThat(refused.body()).doesNotContain(NEW_PASSWORD).doesNotContain(account.login());
    assertThat(failedAttempts(account)).isEqualTo(1);
    assertThat(client.get("/api/probe").status()).isEqualTo(200);
    assertThat(client().signIn(account.login(), PASSWORD).status()).isEqualTo(200);
    assertThat(auditEntries(account, "PASSWORD_CHANGE")).isEqualTo(1);
  }

  @Test
  void change_tenWrongCurrentPasswords_lockTheAccountAndEndTheSession() {
    TestAccount account = newAccount(Role.ADVISOR);
    StaffClient client = signedIn(account);

    for (int attempt = 1; attempt <= 10; attempt++) {
      moveClock(Duration.ofMinutes(5));
      client.post("/api/me/password", Map.of("current", "wrong " + attempt, "next", NEW_PASSWORD));
    }

    assertThat(lockedAt(account.id())).isPresent();
    assertThat(client.get("/api/probe").status()).isEqualTo(401);
  }

  @Test
  void change_newPasswordTooShort_isRefusedUncountedAndChangesNothing() {
    TestAccount account = newAccount(Role.ADVISOR);
    StaffClient client = signedIn(account);

    StaffClient.Answer refused =
        client.post("/api/me/password", Map.of("current", PASSWORD, "next", "short"));
    StaffClient.Answer same =
        client.post("/api/me/password", Map.of("current", PASSWORD, "next", PASSWORD));

    assertThat(refused.status()).isEqualTo(400);
    assertThat(refused.json().get("code").asString()).isEqualTo("PASSWORD_TOO_WEAK");
    assertThat(same.status()).isEqualTo(400);
    assertThat(failedAttempts(account)).isZero();
    assertThat(client().signIn(account.login(), PASSWORD).status()).isEqualTo(200);
  }

  @Test
  void change_passwordOnlyOrAnonymous_isRefused() {
    TestAccount account = newAccount(Role.ADVISOR);
    StaffClient halfway = client();
    assertThat(halfway.signIn(account.login(), PASSWORD).status()).isEqualTo(200);
    StaffClient anonymous = client();
    anonymous.get("/api/session");

    StaffClient.Answer byHalfway =
        halfway.post("/api/me/password", Map.of("current", PASSWORD, "next", NEW_PASSWORD));
    StaffClient.Answer byAnonymous =
        anonymous.post("/api/me/password", Map.of("current", PASSWORD, "next", NEW_PASSWORD));

    assertThat(byHalfway.status()).isEqualTo(403);
    assertThat(byAnonymous.status()).isEqualTo(401);
    assertThat(client().signIn(account.login(), PASSWORD).status()).isEqualTo(200);
  }

  private int failedAttempts(TestAccount account) {
    return jdbc.queryForObject(
        "select failed_attempts from staff_account where id = ?", Integer.class, account.id());
  }

  private int auditEntries(TestAccount account, String code) {
    return jdbc.queryForObject(
        "select count(*) from audit_entry where position(convert_to(?, 'UTF8') in entry) > 0"
            + " and position(convert_to(?, 'UTF8') in entry) > 0",
        Integer.class,
        account.id().toString(),
        code);
  }
}
