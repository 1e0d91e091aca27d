package fr.vigie.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Passwords, the growing delay and the lock, on the real application and database. */
class PasswordSignInIT extends IdentityIntegrationTest {

  @Test
  void signIn_elevenWrongPasswords_locksAccountAndRightPasswordFailsToo() {
    TestAccount account = newAccount(Role.ADVISOR);
    StaffClient client = client();
    for (int attempt = 1; attempt <= 11; attempt++) {
      // Wait out the growing delay, so that each attempt is a real guess that counts.
      clock.advance(Duration.ofMinutes(5));
      assertThat(client.signIn(account.login(), "wrong password " + attempt).status())
          .as("attempt %d", attempt)
          .isEqualTo(401);
    }
    assertThat(lockedAt(account.id())).isPresent();

    clock.advance(Duration.ofHours(1));
    StaffClient.Answer right = client.signIn(account.login(), PASSWORD);

    assertThat(right.status()).isEqualTo(401);
    assertThat(right.body()).doesNotContain("lock");
  }

  @Test
  void signIn_tenthConsecutiveFailure_locks() {
    TestAccount account = newAccount(Role.ADVISOR);
    StaffClient client = client();
    for (int attempt = 1; attempt <= 9; attempt++) {
      clock.advance(Duration.ofMinutes(5));
      client.signIn(account.login(), "wrong password");
    }
    assertThat(lockedAt(account.id())).isEmpty();

    clock.advance(Duration.ofMinutes(5));
    client.signIn(account.login(), "wrong password");

    assertThat(lockedAt(account.id())).isPresent();
  }

  @Test
  void signIn_rightPasswordWithinDelayAfterThreeFailures_isRefusedThenAcceptedAfterIt() {
    TestAccount account = newAccount(Role.ADVISOR);
    StaffClient client = client();
    for (int attempt = 1; attempt <= 3; attempt++) {
      assertThat(client.signIn(account.login(), "wrong password").status()).isEqualTo(401);
    }

    assertThat(client.signIn(account.login(), PASSWORD).status()).isEqualTo(401);
    clock.advance(Duration.ofSeconds(1));
    assertThat(client.signIn(account.login(), PASSWORD).status()).isEqualTo(200);
  }

  @Test
  void signIn_unknownLoginOrWrongPasswordOrLocked_answerTheSameProblem() {
    TestAccount account = newAccount(Role.ADVISOR);
    TestAccount locked = newAccount(Role.ADVISOR);
    jdbc.update("update staff_account set locked_at = now() where id = ?", locked.id());

    StaffClient.Answer unknown = client().signIn("nobody-" + account.login(), PASSWORD);
    StaffClient.Answer wrong = client().signIn(account.login(), "wrong password");
    StaffClient.Answer lockedAnswer = client().signIn(locked.login(), PASSWORD);

    assertThat(unknown.status()).isEqualTo(401);
    assertThat(wrong.status()).isEqualTo(401);
    assertThat(lockedAnswer.status()).isEqualTo(401);
    assertThat(unknown.json()).isEqualTo(wrong.json()).isEqualTo(lockedAnswer.json());
    assertThat(unknown.body()).doesNotContain(account.login());
  }

  @Test
  void signIn_rightPassword_requiresSecondFactorBeforeAnyApi() {
    TestAccount account = newAccount(Role.ADVISOR);
    StaffClient client = client();

    StaffClient.Answer answer = client.signIn(account.login(), PASSWORD);

    assertThat(answer.status()).isEqualTo(200);
    assertThat(answer.json().get("secondFactor").asString()).isEqualTo("required");
    assertThat(client.get("/api/probe").status()).isEqualTo(403);
    assertThat(client.get("/api/persons/probe").status()).isEqualTo(403);
    assertThat(client.get("/api/status").status()).isEqualTo(200);
  }

  @Test
  void signIn_withoutCsrfToken_isForbidden() {
    TestAccount account = newAccount(Role.ADVISOR);
    StaffClient client = client();

    StaffClient.Answer answer =
        client.post("/api/session", Map.of("login", account.login(), "password", PASSWORD));

    assertThat(answer.status()).isEqualTo(403);
  }

  @Test
  void setPassword_storesArgon2idAtOwaspMinimumOrAbove() {
    TestAccount account = newAccount(Role.ADVISOR);

    String hash =
        jdbc.queryForObject(
            "select password_hash from staff_account where id = ?", String.class, account.id());

    assertThat(hash).startsWith("$argon2id$v=19$m=19456,t=2,p=1$").doesNotContain(PASSWORD);
  }

  @Test
  void api_anonymous_isUnauthorized() {
    assertThat(client().get("/api/probe").status()).isEqualTo(401);
    assertThat(client().get("/api/persons/probe").status()).isEqualTo(401);
  }
}
