package fr.vigie.identity;

import fr.vigie.ProblemCode;
import fr.vigie.VigieException;
import fr.vigie.crypto.KeyRing;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.OptionalLong;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * TOTP second factors: enrollment (a fresh seed, sealed under the key-encryption key, shown once as
 * an {@code otpauth://} URI), confirmation by a first code, and verification where each code is
 * accepted once: a code's time step must be later than the last accepted one.
 */
@Service
class SecondFactors {
  static final String TOTP_PURPOSE = "totp";
  private static final int SECRET_BYTES = 20;
  private static final SecureRandom RANDOM = new SecureRandom();

  private final JdbcTemplate jdbc;
  private final KeyRing keys;

  SecondFactors(JdbcTemplate jdbc, KeyRing keys) {
    this.jdbc = jdbc;
    this.keys = keys;
  }

  /** A new, unconfirmed seed for {@code account}, replacing any unconfirmed one; its URI. */
  @Transactional
  String beginTotp(UUID account, String login) {
    byte[] secret = new byte[SECRET_BYTES];
    RANDOM.nextBytes(secret);
    try {
      jdbc.update(
          "update staff_account set totp_secret = ?, totp_confirmed_at = null,"
              + " totp_last_step = null where id = ? and totp_confirmed_at is null",
          seal(account, secret),
          account);
      return "otpauth://totp/Vigie:"
          + URLEncoder.encode(login, StandardCharsets.UTF_8).replace("+", "%20")
          + "?secret="
          + TotpCodes.base32(secret)
          + "&issuer=Vigie&algorithm=SHA1&digits="
          + TotpCodes.DIGITS
          + "&period="
          + TotpCodes.STEP_SECONDS;
    } finally {
      Arrays.fill(secret, (byte) 0);
    }
  }

  /**
   * A confirmed seed for an account that has none, without a first code: the demo's accounts only,
   * whose keys are printed for an authenticator app. Returns the base32 key.
   */
  @Transactional
  String enrollForDemo(UUID account, Instant now) {
    byte[] secret = new byte[SECRET_BYTES];
    RANDOM.nextBytes(secret);
    try {
      jdbc.update(
          "update staff_account set totp_secret = ?, totp_confirmed_at = ?, totp_last_step = null"
              + " where id = ? and totp_confirmed_at is null",
          seal(account, secret),
          Timestamp.from(now),
          account);
      return TotpCodes.base32(secret);
    } finally {
      Arrays.fill(secret, (byte) 0);
    }
  }

  /** Confirms the pending seed with its first code; false if the code does not match. */
  @Transactional
  boolean confirmTotp(UUID account, String code, Instant now) {
    List<byte[]> pending =
        jdbc.queryForList(
            "select totp_secret from staff_account where id = ? and totp_secret is not null"
                + " and totp_confirmed_at is null for update",
            byte[].class,
            account);
    if (pending.isEmpty()) {
      return false;
    }
    OptionalLong step = match(account, pending.get(0), code, now);
    if (step.isEmpty()) {
      return false;
    }
    jdbc.update(
        "update staff_account set totp_confirmed_at = ?, totp_last_step = ? where id = ?",
        Timestamp.from(now),
        step.getAsLong(),
        account);
    return true;
  }

  /** Checks a code of the confirmed seed; a code (or an older one) that was used before fails. */
  @Transactional
  boolean verifyTotp(UUID account, String code, Instant now) {
    List<byte[]> confirmed =
        jdbc.queryForList(
            "select totp_secret from staff_account where id = ? and totp_confirmed_at is not null",
            byte[].class,
            account);
    if (confirmed.isEmpty()) {
      return false;
    }
    OptionalLong step = match(account, confirmed.get(0), code, now);
    if (step.isEmpty()) {
      return false;
    }
    // Atomic: of two requests with the same code, one updates the row, the other finds it moved.
    return jdbc.update(
            "update staff_account set totp_last_step = ? where id = ?"
                + " and (totp_last_step is null or totp_last_step < ?)",
            step.getAsLong(),
            account,
            step.getAsLong())
        == 1;
  }

  /** Whether the account has a confirmed second factor. */
  boolean hasTotp(UUID account) {
    return Boolean.TRUE.equals(
        jdbc.queryForObject(
            "select totp_confirmed_at is not null from staff_account where id = ?",
            Boolean.class,
            account));
  }

  /**
   * Forgets the account's confirmed TOTP seed; false when it had none. The caller makes sure a
   * passkey stays, so that the account keeps a second factor.
   */
  boolean removeTotp(UUID account) {
    return jdbc.update(
            "update staff_account set totp_secret = null, totp_confirmed_at = null,"
                + " totp_last_step = null where id = ? and totp_confirmed_at is not null",
            account)
        == 1;
  }

  /** How many passkeys the account has registered. */
  int passkeys(UUID account) {
    Integer count =
        jdbc.queryForObject(
            "select count(*) from user_credentials c join user_entities e"
                + " on e.id = c.user_entity_user_id join staff_account a on a.login = e.name"
                + " where a.id = ?",
            Integer.class,
            account);
    return count == null ? 0 : count;
  }

  /** Whether the account has a registered passkey. */
  boolean hasPasskey(UUID account) {
    return Boolean.TRUE.equals(
        jdbc.queryForObject(
            "select exists (select 1 from user_credentials c join user_entities e"
                + " on e.id = c.user_entity_user_id join staff_account a on a.login = e.name"
                + " where a.id = ?)",
            Boolean.class,
            account));
  }

  /**
   * Whether the passkey {@code credentialId} (base64url, as stored) is one of {@code account}'s.
   */
  boolean ownsPasskey(UUID account, String credentialId) {
    return Boolean.TRUE.equals(
        jdbc.queryForObject(
            "select exists (select 1 from user_credentials c join user_entities e"
                + " on e.id = c.user_entity_user_id join staff_account a on a.login = e.name"
                + " where a.id = ? and c.credential_id = ?)",
            Boolean.class,
            account,
            credentialId));
  }

  /** Forgets every second factor of {@code account}: TOTP seed and passkeys. */
  void revokeAll(UUID account) {
    jdbc.update(
        "update staff_account set totp_secret = null, totp_confirmed_at = null,"
            + " totp_last_step = null where id = ?",
        account);
    jdbc.update(
        "delete from user_credentials where user_entity_user_id in (select e.id from"
            + " user_entities e join staff_account a on a.login = e.name where a.id = ?)",
        account);
  }

  private OptionalLong match(UUID account, byte[] sealed, String code, Instant now) {
    byte[] secret;
    try {
      secret = keys.secretBox().openSecret(TOTP_PURPOSE, account.toString(), sealed);
    } catch (GeneralSecurityException e) {
      throw new VigieException(ProblemCode.KEY_UNAVAILABLE, "the TOTP seed cannot be opened", e);
    }
    try {
      return TotpCodes.matchingStep(secret, code, TotpCodes.step(now));
    } finally {
      Arrays.fill(secret, (byte) 0);
    }
  }

  private byte[] seal(UUID account, byte[] secret) {
    try {
      return keys.secretBox().seal(TOTP_PURPOSE, account.toString(), secret);
    } catch (GeneralSecurityException e) {
      throw new VigieException(ProblemCode.CRYPTO_FAILURE, "the TOTP seed cannot be sealed", e);
    }
  }
}
