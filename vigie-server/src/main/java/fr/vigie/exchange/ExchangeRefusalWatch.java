package fr.vigie.exchange;

import fr.vigie.exchange.ExchangeSignals.Finding;
import fr.vigie.identity.AddressRateLimiter;
import java.io.IOException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The watch over the exchange's refusals ({@code REFUSED} rows, each counting the refusals of one
 * source address, account and reason over a window of the exchange). Guesses without an account are
 * summed per address, per network and across all addresses (the exchange's folded {@code other} row
 * included): past {@link RefusalThresholds#guessing} an address, past {@link
 * RefusalThresholds#networkGuessing} its network, is refused for a while; past {@link
 * RefusalThresholds#flooding} the exchange serves only the networks that signed in successfully
 * lately ({@link ExchangeClient#UNKNOWN_NETWORKS}). Each raises an address alert, and the exchange
 * is told after each ingest, until it hears. Probes with an account are summed per account and
 * weighed by {@link RefusalThresholds#probing}, which {@link ExchangeWatch} turns into the
 * operator's containment. Counts are kept for the window only, on the exchange's clock (the rows'
 * times), so that a replay of the log weighs as the first pass.
 */
@Component
class ExchangeRefusalWatch {
  private static final Logger log = LoggerFactory.getLogger(ExchangeRefusalWatch.class);

  private final JdbcTemplate jdbc;
  private final ExchangeClient exchange;
  private final RefusalThresholds thresholds;
  private final AddressAlerts alerts;

  ExchangeRefusalWatch(
      JdbcTemplate jdbc,
      ExchangeClient exchange,
      AddressAlerts alerts,
      @Value("${vigie.exchange.watch.refusals.window:PT10M}") Duration window,
      @Value("${vigie.exchange.watch.refusals.address-guesses:50}") int addressGuesses,
      @Value("${vigie.exchange.watch.refusals.address-block:PT1H}") Duration addressBlock,
      @Value("${vigie.exchange.watch.refusals.account-step-up:20}") int accountStepUp,
      @Value("${vigie.exchange.watch.refusals.account-suspend:60}") int accountSuspend,
      @Value("${vigie.exchange.watch.refusals.network-factor:4}") int networkFactor,
      @Value("${vigie.exchange.watch.refusals.all-guesses:1000}") int allGuesses) {
    this.jdbc = jdbc;
    this.exchange = exchange;
    this.alerts = alerts;
    this.thresholds =
        new RefusalThresholds(
            window,
            addressGuesses,
            addressBlock,
            accountStepUp,
            accountSuspend,
            networkFactor,
            allGuesses);
  }

  /**
   * Weighs one {@code REFUSED} row, in the caller's transaction: an address alert is stored here;
   * what the account's probes ask for is returned, for the caller to contain its operator.
   */
  Optional<Finding> weigh(ExchangeOperation operation) {
    String account = operation.account();
    if (RefusalThresholds.guess(account, operation.outcome())) {
      weighGuesses(operation);
      return Optional.empty();
    }
    if (RefusalThresholds.probe(account, operation.outcome())) {
      return thresholds.probing(count("ACCOUNT", account, operation.at(), operation.count()));
    }
    return Optional.empty();
  }

  /**
   * Counts a row of guesses against its address, its network and all addresses. An address past its
   * own threshold is blocked on its own: only its guesses below that threshold count for its
   * network and for all, as the register's sign-in limit takes an address's token before its
   * network's, so that one address alone never blocks its neighbours. The exchange's folded {@code
   * other} row (no address) counts for all only.
   */
  private void weighGuesses(ExchangeOperation operation) {
    String source = operation.source();
    long spread = operation.count();
    if (ExchangeClient.addressLiteral(source)) {
      long guesses = count("ADDRESS", source, operation.at(), operation.count());
      if (thresholds.guessing(guesses)) {
        raiseOnce(source, guesses, operation.at());
      }
      spread = thresholds.belowAddressThreshold(guesses - operation.count(), operation.count());
      Optional<String> network = AddressRateLimiter.prefix(source);
      if (network.isPresent() && spread > 0) {
        long fromNetwork = count("NETWORK", network.get(), operation.at(), spread);
        if (thresholds.networkGuessing(fromNetwork)) {
          raiseOnce(network.get(), fromNetwork, operation.at());
        }
      }
    }
    if (spread > 0) {
      long all = count("ALL", ExchangeClient.UNKNOWN_NETWORKS, operation.at(), spread);
      if (thresholds.flooding(all)) {
        raiseOnce(ExchangeClient.UNKNOWN_NETWORKS, all, operation.at());
      }
    }
  }

  /**
   * Tells the exchange the address blocks and lifts it has not heard yet (the others go on), and
   * writes the raisings not yet audited into the audit log.
   */
  void tellTheExchange() {
    List<AddressAlert> untold =
        jdbc.query(
            "select "
                + AddressAlerts.COLUMNS
                + " from exchange_address_alert where not told and released_at is null"
                + " order by raised_at",
            (row, n) -> AddressAlert.of(row));
    for (AddressAlert alert : untold) {
      try {
        exchange.block(alert.address(), alert.until());
      } catch (IOException e) {
        log.warn("exchange watch: the exchange did not take the block of alert {}", alert.id());
        continue;
      }
      jdbc.update("update exchange_address_alert set told = true where id = ?", alert.id());
    }
    alerts.tellLifts();
    alerts.auditRaisings();
  }

  /** The address alerts raised since {@code since}, newest first. */
  List<AddressAlert> addressAlerts(Instant since) {
    return jdbc.query(
        "select "
            + AddressAlerts.COLUMNS
            + " from exchange_address_alert where raised_at >= ? order by raised_at desc",
        (row, n) -> AddressAlert.of(row),
        Timestamp.from(since));
  }

  /** Adds {@code refusals} at {@code at} to the subject's and returns its sum within the window. */
  private long count(String kind, String subject, Instant at, long refusals) {
    Instant from = at.minus(thresholds.window());
    jdbc.update(
        "delete from exchange_refusal where subject_kind = ? and subject = ? and at <= ?",
        kind,
        subject,
        Timestamp.from(from));
    jdbc.update(
        "insert into exchange_refusal (subject_kind, subject, at, refusals) values (?, ?, ?, ?)",
        kind,
        subject,
        Timestamp.from(at),
        (int) Math.min(refusals, Integer.MAX_VALUE));
    Long sum =
        jdbc.queryForObject(
            "select coalesce(sum(refusals), 0) from exchange_refusal"
                + " where subject_kind = ? and subject = ? and at > ? and at <= ?",
            Long.class,
            kind,
            subject,
            Timestamp.from(from),
            Timestamp.from(at));
    return sum == null ? 0 : sum;
  }

  /** Forgets the counts older than the window before {@code at}, of every subject. */
  void forgetBefore(Instant at) {
    jdbc.update(
        "delete from exchange_refusal where at <= ?",
        Timestamp.from(at.minus(thresholds.window())));
  }

  private boolean blocked(String address, Instant at) {
    Integer n =
        jdbc.queryForObject(
            "select count(*) from exchange_address_alert"
                + " where address = ? and until > ? and released_at is null",
            Integer.class,
            address,
            Timestamp.from(at));
    return n != null && n > 0;
  }

  private void raiseOnce(String address, long guesses, Instant at) {
    if (blocked(address, at)) {
      return;
    }
    UUID id = UUID.randomUUID();
    Instant until = at.plus(thresholds.addressBlock());
    jdbc.update(
        "insert into exchange_address_alert (id, address, raised_at, refusals, until)"
            + " values (?, ?, ?, ?, ?)",
        id,
        address,
        Timestamp.from(at),
        (int) Math.min(guesses, Integer.MAX_VALUE),
        Timestamp.from(until));
    // The alert's id only: an address may be personal data, the analysts read it from the table.
    log.warn(
        "exchange watch: address alert {}: {} refused guesses within {} min, refused until {}",
        id,
        guesses,
        thresholds.window().toMinutes(),
        until);
  }
}
