package fr.vigie.transfer;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.dao.DataAccessException;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Every refusal of the exchange (a forged or expired token, a path outside the routes, a bad
 * header, a refused SFTP path, an address the register blocked, an abandoned upload) reaches the
 * operation log as a {@link OperationKind#REFUSED} row, so the register's watch sees token guessing
 * and probing. Not one row per request: each (source address, account or {@code ?}, reason, route)
 * is counted in memory and written as one row with its count at the end of each window.
 *
 * <p>The counting holds at most {@code max-keys} keys: a flood from many addresses does not grow it
 * without limit. Once full, a refusal of a new key is folded into the key {@code (other, ?, reason,
 * -)}, still counted. Only the route's name goes in, never the path, a file name or a token.
 */
@Component
class Refusals implements DisposableBean {
  /** The source address of the refusals folded when the counting is full. */
  static final String OTHER = "other";

  /** Why a request was refused; its lower-case, dashed name is the operation's outcome. */
  enum Reason {
    /** No bearer token, or one no session has (forged, expired, signed out). */
    BAD_TOKEN,
    /** The register told the exchange to refuse the address. */
    ADDRESS_BLOCKED,
    /** A sign-in from an address (or network) past its failed sign-ins ({@link AddressLimits}). */
    SIGN_INS_LIMITED,
    /** A path that is none of the routes. */
    OFF_ROUTE,
    /** A method the route does not take. */
    BAD_METHOD,
    /** A file or upload the account's folder does not hold. */
    NOT_FOUND,
    /** A missing or malformed header (Upload-Length, Content-Type). */
    BAD_HEADER,
    /** An Upload-Offset other than the bytes received so far. */
    BAD_OFFSET,
    /** A Range outside the file. */
    BAD_RANGE,
    /** An SFTP path or operation outside what the account may do. */
    PATH_REFUSED,
    /** An operation past the account's pace ({@link AccountRateLimits}): 429, SFTP denied. */
    RATE_LIMITED,
    /** An upload started and never finished, deleted by the purge. */
    UPLOAD_ABANDONED;

    String outcome() {
      return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
  }

  /** What is counted together. */
  record Key(String source, String account, Reason reason, String route) {}

  private final Operations operations;
  private final int maxKeys;
  private Map<Key, long[]> counts = new HashMap<>();

  Refusals(Operations operations, @Value("${vigie.exchange.refusals.max-keys}") int maxKeys) {
    if (maxKeys < 1) {
      throw new IllegalArgumentException("vigie.exchange.refusals.max-keys must be positive");
    }
    this.operations = operations;
    this.maxKeys = maxKeys;
  }

  /** Counts one refusal; {@code account} null when no account is known. */
  void refused(String source, String account, Reason reason, String route) {
    Key key = new Key(source, account == null ? "?" : account, reason, route);
    synchronized (this) {
      if (!counts.containsKey(key) && counts.size() >= maxKeys) {
        key = new Key(OTHER, "?", reason, "-");
      }
      counts.computeIfAbsent(key, k -> new long[1])[0]++;
    }
  }

  /** How many keys the counting holds now. */
  synchronized int keys() {
    return counts.size();
  }

  /** Writes one row per key counted since the last time, and starts a new window. */
  @Scheduled(
      initialDelayString = "${vigie.exchange.refusals.window}",
      fixedDelayString = "${vigie.exchange.refusals.window}")
  void flush() {
    Map<Key, long[]> window;
    synchronized (this) {
      if (counts.isEmpty()) {
        return;
      }
      window = counts;
      counts = new HashMap<>();
    }
    window.forEach(
        (key, count) ->
            operations.recordCounted(
                key.account(),
                OperationKind.REFUSED,
                key.route(),
                key.source(),
                key.reason().outcome(),
                count[0]));
  }

  /** What was counted when the exchange stops is written, unless its database went first. */
  @Override
  public void destroy() {
    try {
      flush();
    } catch (DataAccessException gone) {
      // The embedded PostgreSQL stops with the context: at most one window is lost then.
    }
  }
}
