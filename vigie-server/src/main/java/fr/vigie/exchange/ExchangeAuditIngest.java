package fr.vigie.exchange;

import fr.vigie.audit.AuditAction;
import fr.vigie.audit.AuditDecision;
import fr.vigie.audit.AuditEvent;
import fr.vigie.audit.AuditLog;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Brings the exchange's operation log (sign-ins, listings, uploads, downloads, deletions, purges)
 * into the register's tamper-evident audit log, in order, as {@link AuditAction#EXCHANGE} events of
 * the actor {@code exchange:ACCOUNT} with the purpose code {@code EXCHANGE.KIND.OUTCOME} (and
 * {@code .TIMES-N} for a row of refusals the exchange counted over a window). The exchange keeps
 * only its own copy; the register's is the one that is signed and verified.
 *
 * <p>Each entry is stamped with the register's time when it is appended, not the exchange's: the
 * audit log is searched by time ({@code AuditScan}) and must stay in time order however late the
 * ingest runs. The exchange's time, the operation's sequence and the batch whose file it moved go
 * in the entry's source ({@link ExchangeStamp}).
 *
 * <p>Exactly once, keyed by the exchange's sequence: each event carries its operation's sequence in
 * its source ({@code exchange-seq:} and 19 digits). Before a page is appended, the audit index it
 * starts from is stored ({@code pending_from}); after, the position read so far. A crash in between
 * leaves {@code pending_from} set: the next ingest reads the sequences already in the audit log
 * from that index on and appends only the others, so nothing is lost and nothing is appended twice.
 */
@Component
public class ExchangeAuditIngest {
  private static final Logger log = LoggerFactory.getLogger(ExchangeAuditIngest.class);
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final int PAGE = 1000;
  private static final String SEQ_SOURCE = ExchangeStamp.PREFIX;
  private static final Pattern SEQ_IN_ENTRY = Pattern.compile(SEQ_SOURCE + "(\\d{19})");

  private final ExchangeClient exchange;
  private final AuditLog audit;
  private final JdbcTemplate jdbc;
  private final ExchangeWatch watch;
  private final Clock clock;

  ExchangeAuditIngest(
      ExchangeClient exchange,
      AuditLog audit,
      JdbcTemplate jdbc,
      ExchangeWatch watch,
      Optional<Clock> clock) {
    this.exchange = exchange;
    this.audit = audit;
    this.jdbc = jdbc;
    this.watch = watch;
    this.clock = clock.orElse(Clock.systemUTC());
  }

  @Scheduled(
      initialDelayString = "${vigie.exchange.ingest-interval:PT10S}",
      fixedDelayString = "${vigie.exchange.ingest-interval:PT10S}")
  void scheduled() {
    try {
      ingest();
    } catch (IOException e) {
      log.debug("The exchange's operation log is not reachable now: {}", e.getMessage());
    }
  }

  /**
   * Ingests every operation the exchange logged since the last time, has the detectors weigh them
   * ({@link ExchangeWatch}) and tells the exchange which accounts are suspended; returns how many.
   */
  public synchronized int ingest() throws IOException {
    int total = 0;
    while (true) {
      long after = jdbc.queryForObject("select last_seq from exchange_ingest", Long.class);
      JsonNode page = JSON.readTree(exchange.operations(after, PAGE));
      Set<Long> already = alreadyAppended();
      if (page.isEmpty()) {
        jdbc.update("update exchange_ingest set pending_from = null");
        watch.tellTheExchange();
        return total;
      }
      List<AuditEvent> events = new ArrayList<>();
      List<ExchangeOperation> operations = new ArrayList<>();
      long last = after;
      Instant now = clock.instant();
      for (JsonNode node : page) {
        ExchangeOperation operation = ExchangeOperation.of(node);
        operations.add(operation);
        last = operation.seq();
        if (!already.contains(last)) {
          events.add(event(operation, now));
        }
      }
      jdbc.update(
          "update exchange_ingest set pending_from = coalesce(pending_from,"
              + " (select coalesce(max(idx), -1) + 1 from audit_entry))");
      audit.appendAll(events);
      watch.observe(operations);
      jdbc.update(
          "update exchange_ingest set last_seq = ?, pending_from = null where last_seq = ?",
          last,
          after);
      total += events.size();
    }
  }

  /**
   * The exchange's sequences already in the audit log from the pending index on: those a crash
   * between appending a page and storing its position left behind. Empty when nothing is pending.
   */
  private Set<Long> alreadyAppended() {
    Long from = jdbc.queryForObject("select pending_from from exchange_ingest", Long.class);
    Set<Long> found = new HashSet<>();
    if (from == null) {
      return found;
    }
    jdbc.query(
        "select entry from audit_entry where idx >= ? and position(?::bytea in entry) > 0",
        row -> {
          Matcher matcher =
              SEQ_IN_ENTRY.matcher(new String(row.getBytes(1), StandardCharsets.ISO_8859_1));
          while (matcher.find()) {
            found.add(Long.parseLong(matcher.group(1)));
          }
        },
        from,
        SEQ_SOURCE.getBytes(StandardCharsets.US_ASCII));
    return found;
  }

  /** The purpose of the entry of a completed download from the exchange. */
  public static final String DOWNLOADED = "EXCHANGE.DOWNLOAD.OK";

  private static final Pattern ACCOUNT = Pattern.compile("[a-z0-9-]{1,60}");

  /**
   * The actor of the audit entries of an exchange account's operations: {@code exchange:} and the
   * account, or {@code exchange:unknown} for a name outside the accounts' alphabet.
   */
  public static String actor(String account) {
    return "exchange:"
        + (account != null && ACCOUNT.matcher(account).matches() ? account : "unknown");
  }

  private static AuditEvent event(ExchangeOperation operation, Instant now) {
    return new AuditEvent(
        now,
        actor(operation.account()),
        AuditAction.EXCHANGE,
        null,
        List.of(),
        ("EXCHANGE."
                + operation.kind()
                + "."
                + operation.outcome()
                + (operation.count() > 1 ? ".TIMES-" + operation.count() : ""))
            .toUpperCase(Locale.ROOT)
            .replaceAll("[^A-Z0-9_.-]", "_"),
        operation.ok() ? AuditDecision.ALLOW : AuditDecision.DENY,
        new ExchangeStamp(operation.seq(), operation.at(), operation.batch()).source(),
        null);
  }
}
