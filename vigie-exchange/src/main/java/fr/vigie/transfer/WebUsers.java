package fr.vigie.transfer;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.regex.Pattern;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The people of a subcontractor who sign in over HTTPS: a login in one account's folders, a
 * password and a TOTP secret, both made here and handed once to the register's administrators.
 */
@Component
class WebUsers {
  private static final Pattern LOGIN = Pattern.compile("[a-z0-9][a-z0-9.-]{1,62}");

  private final JdbcTemplate jdbc;
  private final TotpSecrets secrets;

  WebUsers(JdbcTemplate jdbc, TotpSecrets secrets) {
    this.jdbc = jdbc;
    this.secrets = secrets;
  }

  /** One person's sign-in state; the hash and the sealed secret never leave the package. */
  record WebUser(
      String login,
      String account,
      String passwordHash,
      byte[] sealedSecret,
      long lastStep,
      int failedSignIns,
      Instant lockedUntil) {

    boolean lockedAt(Instant now) {
      return lockedUntil != null && now.isBefore(lockedUntil);
    }

    @Override
    public String toString() {
      return "WebUser[" + login + " of " + account + "]";
    }
  }

  /** What the administrators hand to the person: shown once, stored only hashed or sealed. */
  record Enrolment(String login, String account, String password, String otpauthUri) {
    @Override
    public String toString() {
      return "Enrolment[" + login + " of " + account + "]";
    }
  }

  static boolean validLogin(String login) {
    return login != null && LOGIN.matcher(login).matches();
  }

  /** Creates the person, or gives an existing one a new password and secret (and unlocks it). */
  Enrolment enrol(String account, String login) {
    if (!validLogin(login)) {
      throw new IllegalArgumentException("login must match " + LOGIN.pattern());
    }
    String password = Passwords.generate();
    byte[] secret = TotpSecrets.newSecret();
    jdbc.update(
        "insert into web_user (login, account, password_hash, totp_secret) values (?, ?, ?, ?)"
            + " on conflict (login) do update set account = excluded.account,"
            + " password_hash = excluded.password_hash, totp_secret = excluded.totp_secret,"
            + " totp_last_step = 0, failed_sign_ins = 0, locked_until = null",
        login,
        account,
        Passwords.hash(password),
        secrets.seal(login, secret));
    String uri =
        "otpauth://totp/"
            + URLEncoder.encode("Vigie exchange:" + login, StandardCharsets.UTF_8)
                .replace("+", "%20")
            + "?secret="
            + TotpCodes.base32(secret)
            + "&issuer=Vigie%20exchange&algorithm=SHA1&digits=6&period=30";
    return new Enrolment(login, account, password, uri);
  }

  Optional<WebUser> find(String login) {
    if (!validLogin(login)) {
      return Optional.empty();
    }
    return jdbc
        .query(
            "select login, account, password_hash, totp_secret, totp_last_step, failed_sign_ins,"
                + " locked_until from web_user where login = ?",
            (row, n) ->
                new WebUser(
                    row.getString(1),
                    row.getString(2),
                    row.getString(3),
                    row.getBytes(4),
                    row.getLong(5),
                    row.getInt(6),
                    row.getTimestamp(7) == null ? null : row.getTimestamp(7).toInstant()),
            login)
        .stream()
        .findFirst();
  }

  byte[] secret(WebUser user) {
    return secrets.openSecret(user.login(), user.sealedSecret());
  }

  void failed(String login, int limit, Duration lock, Instant now) {
    jdbc.update(
        "update web_user set failed_sign_ins = failed_sign_ins + 1,"
            + " locked_until = case when failed_sign_ins + 1 >= ? then ? else locked_until end"
            + " where login = ?",
        limit,
        Timestamp.from(now.plus(lock)),
        login);
  }

  /**
   * Records a success at {@code step}; false if that step or a later one was used already (a code
   * seen twice is a replay), in which case nothing changes.
   */
  boolean succeeded(String login, long step) {
    return jdbc.update(
            "update web_user set failed_sign_ins = 0, locked_until = null, totp_last_step = ?"
                + " where login = ? and totp_last_step < ?",
            step,
            login,
            step)
        == 1;
  }
}
