package fr.vigie.identity;

import fr.vigie.ProblemCode;
import fr.vigie.VigieException;
import fr.vigie.crypto.KeyRing;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Sets what a staff account signs in with, before its first sign-in: a password (hashed with
 * Argon2id) and the email address on file (sealed), the channel a recovery code goes to.
 */
@Service
public class Credentials {
  /** Purpose under which staff addresses are sealed. */
  static final String EMAIL_PURPOSE = "staff-email";

  private final JdbcTemplate jdbc;
  private final PasswordEncoder passwords;
  private final KeyRing keys;
  private final Clock clock;

  Credentials(JdbcTemplate jdbc, PasswordEncoder passwords, KeyRing keys, Clock clock) {
    this.jdbc = jdbc;
    this.passwords = passwords;
    this.keys = keys;
    this.clock = clock;
  }

  /** The id of the account with {@code login}, if any. */
  public Optional<UUID> accountId(String login) {
    return jdbc
        .queryForList("select id from staff_account where login = ?", UUID.class, login)
        .stream()
        .findFirst();
  }

  /** Sets the password of {@code account}; it must meet {@link PasswordPolicy}. */
  @Transactional
  public void setPassword(UUID account, String password) {
    PasswordPolicy.check(password);
    int updated =
        jdbc.update(
            "update staff_account set password_hash = ? where id = ?",
            passwords.encode(password),
            account);
    if (updated == 0) {
      throw new VigieException(ProblemCode.ACCOUNT_NOT_FOUND, "no staff account " + account);
    }
  }

  /**
   * Links {@code account} to the subject a partner's identity provider (OIDC issuer) knows it by,
   * so that it may sign in there. Another account linked to the same subject is refused.
   */
  @Transactional
  public void linkExternalSubject(UUID account, String issuer, String subject) {
    if (issuer == null || issuer.isBlank() || subject == null || subject.isBlank()) {
      throw new VigieException(ProblemCode.FIELD_MISSING, "issuer and subject are required");
    }
    int updated =
        jdbc.update(
            "update staff_account set oidc_issuer = ?, oidc_subject = ? where id = ?",
            issuer,
            subject,
            account);
    if (updated == 0) {
      throw new VigieException(ProblemCode.ACCOUNT_NOT_FOUND, "no staff account " + account);
    }
  }

  /**
   * Sets the email address on file of {@code account}. The time it was set is kept: a recovery
   * sends its code only to an address that was on file before the reset.
   */
  @Transactional
  public void setEmail(UUID account, String email) {
    if (email == null || !email.matches("[^@\\s]+@[^@\\s]+")) {
      throw new VigieException(ProblemCode.FIELD_INVALID, "email: expected local@domain");
    }
    byte[] sealed;
    try {
      sealed =
          keys.secretBox()
              .seal(EMAIL_PURPOSE, account.toString(), email.getBytes(StandardCharsets.UTF_8));
    } catch (GeneralSecurityException e) {
      throw new VigieException(ProblemCode.CRYPTO_FAILURE, "could not seal the email", e);
    }
    int updated =
        jdbc.update(
            "update staff_account set email = ?, email_set_at = ? where id = ?",
            sealed,
            Timestamp.from(clock.instant()),
            account);
    if (updated == 0) {
      throw new VigieException(ProblemCode.ACCOUNT_NOT_FOUND, "no staff account " + account);
    }
  }
}
