package fr.vigie.transfer;

import java.security.PublicKey;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.apache.sshd.common.config.keys.AuthorizedKeyEntry;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.PublicKeyEntryResolver;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** Subcontractor accounts of the exchange: their limits, SSH keys and sign-in failures. */
@Component
public class Accounts {
  private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9-]{1,62}");

  private final JdbcTemplate jdbc;
  private final long defaultQuota;
  private final long defaultMaxFile;

  Accounts(
      JdbcTemplate jdbc,
      @Value("${vigie.exchange.default-quota-bytes}") long defaultQuota,
      @Value("${vigie.exchange.default-max-file-bytes}") long defaultMaxFile) {
    this.jdbc = jdbc;
    this.defaultQuota = defaultQuota;
    this.defaultMaxFile = defaultMaxFile;
  }

  /** One account's limits and sign-in state. */
  public record Account(
      String name, long quotaBytes, long maxFileBytes, int failedSignIns, Instant lockedUntil) {

    boolean lockedAt(Instant now) {
      return lockedUntil != null && now.isBefore(lockedUntil);
    }
  }

  /** Whether {@code name} can name an account (and a folder): lower-case letters, digits, '-'. */
  public static boolean validName(String name) {
    return name != null && NAME.matcher(name).matches();
  }

  /** Creates the account, or updates its limits; null limits keep the defaults or current ones. */
  public Account save(String name, Long quotaBytes, Long maxFileBytes) {
    if (!validName(name)) {
      throw new IllegalArgumentException("account name must match " + NAME.pattern());
    }
    jdbc.update(
        "insert into account (name, quota_bytes, max_file_bytes) values (?, ?, ?)"
            + " on conflict (name) do update set"
            + " quota_bytes = coalesce(?, account.quota_bytes),"
            + " max_file_bytes = coalesce(?, account.max_file_bytes)",
        name,
        quotaBytes == null ? defaultQuota : quotaBytes,
        maxFileBytes == null ? defaultMaxFile : maxFileBytes,
        quotaBytes,
        maxFileBytes);
    return find(name).orElseThrow();
  }

  public Optional<Account> find(String name) {
    return jdbc
        .query(
            "select name, quota_bytes, max_file_bytes, failed_sign_ins, locked_until"
                + " from account where name = ?",
            (row, n) ->
                new Account(
                    row.getString(1),
                    row.getLong(2),
                    row.getLong(3),
                    row.getInt(4),
                    row.getTimestamp(5) == null ? null : row.getTimestamp(5).toInstant()),
            name)
        .stream()
        .findFirst();
  }

  public List<String> names() {
    return jdbc.queryForList("select name from account order by name", String.class);
  }

  /**
   * Registers an OpenSSH public key line ({@code ssh-ed25519 AAAA... comment}) for the account and
   * returns its SHA-256 fingerprint.
   */
  public String addKey(String account, String publicKeyLine) {
    PublicKey key = parse(publicKeyLine);
    String fingerprint = KeyUtils.getFingerPrint(key);
    jdbc.update(
        "insert into account_key (account, fingerprint, public_key) values (?, ?, ?)"
            + " on conflict do nothing",
        account,
        fingerprint,
        publicKeyLine.strip());
    return fingerprint;
  }

  /** Whether {@code key} is one of the account's registered keys. */
  boolean hasKey(String account, PublicKey key) {
    Integer n =
        jdbc.queryForObject(
            "select count(*) from account_key where account = ? and fingerprint = ?",
            Integer.class,
            account,
            KeyUtils.getFingerPrint(key));
    return n != null && n > 0;
  }

  /** Counts one failed sign-in; the account is locked once {@code limit} failures follow. */
  @Transactional
  void failedSignIn(String account, int limit, Duration lock, Instant now) {
    jdbc.update(
        "update account set failed_sign_ins = failed_sign_ins + 1,"
            + " locked_until = case when failed_sign_ins + 1 >= ? then ? else locked_until end"
            + " where name = ?",
        limit,
        Timestamp.from(now.plus(lock)),
        account);
  }

  /**
   * Suspends the account (the register's detectors found it acting as no honest subcontractor does)
   * or lifts its suspension; returns whether anything changed.
   */
  public boolean suspend(String account, boolean suspended) {
    return jdbc.update(
            suspended
                ? "update account set suspended_at = now() where name = ? and suspended_at is null"
                : "update account set suspended_at = null where name = ? and suspended_at is not null",
            account)
        > 0;
  }

  /** Whether the register suspended the account: it then gets nothing, not even a sign-in. */
  public boolean suspended(String account) {
    Boolean suspended =
        jdbc.query(
            "select suspended_at is not null from account where name = ?",
            row -> row.next() ? row.getBoolean(1) : Boolean.FALSE,
            account);
    return Boolean.TRUE.equals(suspended);
  }

  void succeededSignIn(String account) {
    jdbc.update(
        "update account set failed_sign_ins = 0, locked_until = null where name = ?", account);
  }

  private static PublicKey parse(String line) {
    try {
      AuthorizedKeyEntry entry = AuthorizedKeyEntry.parseAuthorizedKeyEntry(line.strip());
      if (entry == null) {
        throw new IllegalArgumentException("not an OpenSSH public key line");
      }
      return entry.resolvePublicKey(null, PublicKeyEntryResolver.FAILING);
    } catch (java.io.IOException | java.security.GeneralSecurityException e) {
      throw new IllegalArgumentException("not a usable OpenSSH public key: " + e.getMessage(), e);
    }
  }
}
