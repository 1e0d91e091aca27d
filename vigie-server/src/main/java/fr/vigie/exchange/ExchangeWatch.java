package fr.vigie.exchange;

import fr.vigie.detection.AccessWatch;
import fr.vigie.exchange.ExchangeSignals.Finding;
import fr.vigie.exchange.ExchangeSignals.WorkingHours;
import fr.vigie.identity.AccountId;
import fr.vigie.identity.ContainmentState;
import fr.vigie.identity.Containments;
import java.io.IOException;
import java.sql.Timestamp;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The detectors' eye on the exchange. Each operation of its log, once ingested, is weighed ({@link
 * ExchangeSignals}): downloads of an outbound file against what the register placed there, sign-ins
 * against working hours and the networks the account used before, refusals against what an honest
 * client meets ({@link ExchangeRefusalWatch}). What it finds contains the subcontractor's operator
 * account in the register, as the detectors contain an advisor: the guard reads it, the analysts
 * get the alert and release or confirm it there.
 *
 * <p>The exchange learns the outcome from the register, never the reverse: after each ingest the
 * register tells it which accounts are suspended (an exchange account is suspended while the
 * operator of its latest batch is), through the same loopback API it already calls, and says it
 * again until it is heard. So the exchange needs no access to the register's database, keys or API,
 * and a compromised exchange cannot lift a suspension the register keeps telling.
 */
@Component
class ExchangeWatch {
  private static final Logger log = LoggerFactory.getLogger(ExchangeWatch.class);

  private final JdbcTemplate jdbc;
  private final TransactionTemplate transactions;
  private final AccessWatch watch;
  private final Containments containments;
  private final ExchangeClient exchange;
  private final WorkingHours hours;
  private final ExchangeRefusalWatch refusals;

  ExchangeWatch(
      JdbcTemplate jdbc,
      PlatformTransactionManager transactions,
      AccessWatch watch,
      Containments containments,
      ExchangeClient exchange,
      ExchangeRefusalWatch refusals,
      @Value("${vigie.exchange.watch.zone:Europe/Paris}") ZoneId zone,
      @Value("${vigie.exchange.watch.working-hours:07:00-20:00}") String hours) {
    this.jdbc = jdbc;
    this.transactions = new TransactionTemplate(transactions);
    this.watch = watch;
    this.containments = containments;
    this.exchange = exchange;
    this.hours = WorkingHours.parse(zone, hours);
    this.refusals = refusals;
  }

  /**
   * Weighs the operations not weighed yet, in order, and contains what they show, in one
   * transaction with the position reached: each operation counts once, even if this page is read
   * again after a crash.
   */
  void observe(List<ExchangeOperation> page) {
    transactions.executeWithoutResult(
        status -> {
          long watched =
              jdbc.queryForObject("select watched_seq from exchange_ingest for update", Long.class);
          long last = watched;
          for (ExchangeOperation operation : page) {
            if (operation.seq() > watched) {
              weigh(operation).ifPresent(finding -> contain(operation, finding));
              last = Math.max(last, operation.seq());
            }
          }
          if (!page.isEmpty()) {
            refusals.forgetBefore(page.get(0).at());
          }
          jdbc.update("update exchange_ingest set watched_seq = ?", last);
        });
  }

  /**
   * Tells the exchange each account's suspension where it differs from what it was last told: an
   * account is suspended while the operator of its latest batch is suspended in the register. An
   * account the exchange does not answer for is told again at the next ingest; the others go on.
   */
  void tellTheExchange() {
    refusals.tellTheExchange();
    List<String> accounts =
        jdbc.queryForList("select distinct account from exchange_batch", String.class);
    for (String account : accounts) {
      boolean suspended =
          operator(account)
              .map(containments::stateOf)
              .filter(state -> state == ContainmentState.SUSPENDED)
              .isPresent();
      Boolean told =
          jdbc.query(
              "select suspended from exchange_suspension where account = ?",
              row -> row.next() ? row.getBoolean(1) : Boolean.FALSE,
              account);
      if (told != null && told == suspended) {
        continue;
      }
      try {
        exchange.suspend(account, suspended);
      } catch (IOException e) {
        log.warn("exchange watch: the exchange did not take the suspension of {}", account);
        continue;
      }
      jdbc.update(
          "insert into exchange_suspension (account, suspended, told_at) values (?, ?, now())"
              + " on conflict (account) do update set suspended = excluded.suspended,"
              + " told_at = excluded.told_at",
          account,
          suspended);
    }
  }

  private Optional<Finding> weigh(ExchangeOperation operation) {
    String account = operation.account();
    String file = operation.file();
    switch (operation.kind()) {
      case "PLACE" -> {
        if (operation.ok() && file != null && operation.bytes() != null) {
          jdbc.update(
              "insert into exchange_pull (account, file, placed_bytes) values (?, ?, ?)"
                  + " on conflict (account, file) do update set"
                  + " placed_bytes = excluded.placed_bytes, downloaded_bytes = 0",
              account,
              file,
              operation.bytes());
        }
        return Optional.empty();
      }
      case "DOWNLOAD" -> {
        if (file == null || !file.startsWith("outbound/") || operation.bytes() == null) {
          return Optional.empty(); // its own uploads, read back, are not the register's
        }
        record Pull(Long placed, long downloaded) {}
        Pull pull =
            jdbc.queryForObject(
                "insert into exchange_pull (account, file, downloaded_bytes) values (?, ?, ?)"
                    + " on conflict (account, file) do update set"
                    + " downloaded_bytes = exchange_pull.downloaded_bytes + excluded.downloaded_bytes"
                    + " returning placed_bytes, downloaded_bytes",
                (row, n) -> new Pull((Long) row.getObject(1), row.getLong(2)),
                account,
                file,
                operation.bytes());
        return ExchangeSignals.pulled(file, pull.placed(), pull.downloaded());
      }
      case "SIGN_IN" -> {
        if (!operation.ok()) {
          return Optional.empty(); // failures are the exchange's lockout's business
        }
        boolean newNetwork =
            ExchangeSignals.network(operation.source())
                .map(network -> newNetwork(account, network, operation))
                .orElse(false);
        return ExchangeSignals.signedIn(hours.odd(operation.at()), newNetwork);
      }
      case "REFUSED" -> {
        return refusals.weigh(operation);
      }
      default -> {
        return Optional.empty();
      }
    }
  }

  /** True when the account used other networks before and never this one; it is known from now. */
  private boolean newNetwork(String account, String network, ExchangeOperation operation) {
    Integer known =
        jdbc.queryForObject(
            "select count(*) from exchange_network where account = ?", Integer.class, account);
    int added =
        jdbc.update(
            "insert into exchange_network (account, network, first_seen) values (?, ?, ?)"
                + " on conflict do nothing",
            account,
            network,
            Timestamp.from(operation.at()));
    return added > 0 && known != null && known > 0;
  }

  private void contain(ExchangeOperation operation, Finding finding) {
    Optional<AccountId> operator = operator(operation.account());
    if (operator.isEmpty()) {
      // No batch ever went to it: nothing of the register's to protect, no account to contain.
      log.warn(
          "exchange watch: {} on an account without batches, nothing contained",
          finding.detector());
      return;
    }
    watch.evidence(
        operator.get(), finding.detector(), finding.target(), finding.reason(), operation.at());
  }

  /** The register's operator account of the exchange account's latest batch. */
  private Optional<AccountId> operator(String account) {
    return jdbc
        .query(
            "select operator_id from exchange_batch where account = ?"
                + " order by created_at desc limit 1",
            (row, n) -> new AccountId(row.getObject(1, UUID.class)),
            account)
        .stream()
        .findFirst();
  }
}
