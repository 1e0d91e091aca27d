package fr.vigie.exchange;

import static java.util.Objects.requireNonNull;

import fr.vigie.ProblemCode;
import fr.vigie.VigieException;
import fr.vigie.audit.AuditAction;
import fr.vigie.audit.AuditDecision;
import fr.vigie.audit.AuditEvent;
import fr.vigie.audit.AuditLog;
import fr.vigie.identity.AccountId;
import fr.vigie.identity.Scopes;
import java.io.IOException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The security analysts' address alerts: the addresses the exchange's watch found guessing tokens
 * while their block runs, and their release by an analyst (a false alarm), which has the exchange
 * serve the address again. An address belongs to no organization: only the national security team
 * sees and releases these. Raising and releasing are each audited by the alert's id, never the
 * address.
 */
@Service
public class AddressAlerts {
  /** The most alerts one answer lists. */
  public static final int MAX_LIMIT = 500;

  /** The actor of what the watch decided, as for the detectors' containments. */
  private static final String WATCH = "detection";

  /** The columns {@link AddressAlert#of} reads, in its order. */
  static final String COLUMNS = "id, address, raised_at, refusals, until";

  /** The source of a raising's entry: this, then the time the watch raised it. */
  static final String RAISED_AT = "raised-at:";

  private static final Logger log = LoggerFactory.getLogger(AddressAlerts.class);

  private final JdbcTemplate jdbc;
  private final ExchangeClient exchange;
  private final AuditLog audit;
  private final Scopes scopes;
  private final TransactionTemplate transactions;
  private final Clock clock;

  AddressAlerts(
      JdbcTemplate jdbc,
      ExchangeClient exchange,
      AuditLog audit,
      Scopes scopes,
      PlatformTransactionManager transactions,
      Optional<Clock> clock) {
    this.jdbc = jdbc;
    this.exchange = exchange;
    this.audit = audit;
    this.scopes = scopes;
    this.transactions = new TransactionTemplate(transactions);
    this.clock = clock.orElse(Clock.systemUTC());
  }

  /**
   * The alerts whose block still runs and no analyst released, newest first, at most {@code limit}
   * ({@code 1} to {@link #MAX_LIMIT}); none for an analyst of a partner organization.
   */
  public List<AddressAlert> open(int limit, AccountId analyst) {
    if (limit < 1 || limit > MAX_LIMIT) {
      throw new VigieException(ProblemCode.FIELD_INVALID, "limit: expected 1 to " + MAX_LIMIT);
    }
    if (!national(analyst)) {
      return List.of();
    }
    return jdbc.query(
        "select "
            + COLUMNS
            + " from exchange_address_alert where released_at is null and until > ?"
            + " order by raised_at desc, id limit ?",
        (row, n) -> AddressAlert.of(row),
        Timestamp.from(clock.instant()),
        limit);
  }

  /**
   * A national analyst found the address honest: the alert is closed, audited (fail closed: no
   * audit, no release), the address's guesses forgotten, and the exchange told to lift the block
   * (now, or by the watch's next round if it does not answer).
   */
  public AddressAlert release(UUID id, AccountId analyst) {
    requireNonNull(id, "id is null");
    if (!national(analyst)) {
      throw new VigieException(
          ProblemCode.ACCESS_DENIED,
          "address alerts belong to no organization: the national security team decides");
    }
    Instant now = clock.instant();
    AddressAlert released =
        transactions.execute(
            status -> {
              List<AddressAlert> closed =
                  jdbc.query(
                      "update exchange_address_alert set released_at = ?, released_by = ?"
                          + " where id = ? and released_at is null and until > ?"
                          + " returning "
                          + COLUMNS,
                      (row, n) -> AddressAlert.of(row),
                      Timestamp.from(now),
                      analyst.value(),
                      id,
                      Timestamp.from(now));
              if (closed.isEmpty()) {
                throw new VigieException(ProblemCode.ALERT_NOT_FOUND, "no open address alert");
              }
              AddressAlert alert = closed.get(0);
              jdbc.update(
                  "delete from exchange_refusal where subject_kind in ('ADDRESS', 'NETWORK', 'ALL')"
                      + " and subject = ?",
                  alert.address());
              audit.append(
                  event(now, analyst.toString(), "RELEASED", alert, AuditDecision.ALLOW, null));
              return alert;
            });
    tellLift(released);
    return released;
  }

  /** Tells the exchange the lifts it has not heard yet; the others go on. */
  void tellLifts() {
    jdbc.query(
            "select "
                + COLUMNS
                + " from exchange_address_alert where released_at is not null and not lift_told"
                + " order by released_at",
            (row, n) -> AddressAlert.of(row))
        .forEach(this::tellLift);
  }

  /**
   * Appends the raisings not in the audit log yet, each once it is there. An entry takes the time
   * of its append, as every entry of the log, so the log stays in time order when the audit comes
   * late (the log was unavailable at the raising); the raising's own time goes in its source
   * ({@code raised-at:} and the instant).
   */
  void auditRaisings() {
    List<AddressAlert> unaudited =
        jdbc.query(
            "select "
                + COLUMNS
                + " from exchange_address_alert where not audited order by raised_at",
            (row, n) -> AddressAlert.of(row));
    for (AddressAlert alert : unaudited) {
      audit.append(
          event(
              clock.instant(),
              WATCH,
              "BLOCKED",
              alert,
              AuditDecision.DENY,
              RAISED_AT + alert.raisedAt().truncatedTo(ChronoUnit.MICROS)));
      jdbc.update("update exchange_address_alert set audited = true where id = ?", alert.id());
    }
  }

  private void tellLift(AddressAlert alert) {
    try {
      exchange.lift(alert.address());
    } catch (IOException e) {
      log.warn("address alerts: the exchange did not take the lift of alert {}", alert.id());
      return;
    }
    jdbc.update("update exchange_address_alert set lift_told = true where id = ?", alert.id());
  }

  private boolean national(AccountId analyst) {
    return scopes.scopeOf(requireNonNull(analyst, "analyst is null")).isEmpty();
  }

  private static AuditEvent event(
      Instant at,
      String actor,
      String what,
      AddressAlert alert,
      AuditDecision decision,
      String source) {
    return new AuditEvent(
        at,
        actor,
        AuditAction.CONTAINMENT,
        null,
        List.of(),
        "ADDRESS." + what + "." + alert.id().toString().toUpperCase(Locale.ROOT),
        decision,
        source,
        null);
  }
}
