package fr.vigie.exchange;

import fr.vigie.audit.AuditAction;
import fr.vigie.audit.AuditDecision;
import fr.vigie.audit.AuditEvent;
import fr.vigie.audit.AuditLog;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
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
 * the actor {@code exchange:ACCOUNT} with the purpose code {@code EXCHANGE.KIND.OUTCOME}. The
 * exchange keeps only its own copy; the register's is the one that is signed and verified.
 *
 * <p>The position read so far is stored after the events are appended: a crash in between appends
 * one page again, never loses one.
 */
@Component
public class ExchangeAuditIngest {
  private static final Logger log = LoggerFactory.getLogger(ExchangeAuditIngest.class);
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final int PAGE = 1000;

  private final ExchangeClient exchange;
  private final AuditLog audit;
  private final JdbcTemplate jdbc;

  ExchangeAuditIngest(ExchangeClient exchange, AuditLog audit, JdbcTemplate jdbc) {
    this.exchange = exchange;
    this.audit = audit;
    this.jdbc = jdbc;
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

  /** Ingests every operation the exchange logged since the last time; returns how many. */
  public int ingest() throws IOException {
    int total = 0;
    while (true) {
      long after = jdbc.queryForObject("select last_seq from exchange_ingest", Long.class);
      JsonNode page = JSON.readTree(exchange.operations(after, PAGE));
      if (page.isEmpty()) {
        return total;
      }
      List<AuditEvent> events = new ArrayList<>();
      long last = after;
      for (JsonNode operation : page) {
        events.add(event(operation));
        last = operation.get("seq").asLong();
      }
      audit.appendAll(events);
      jdbc.update("update exchange_ingest set last_seq = ? where last_seq = ?", last, after);
      total += events.size();
    }
  }

  private static AuditEvent event(JsonNode operation) {
    String account = operation.get("account").asString();
    String kind = operation.get("kind").asString();
    String outcome = operation.get("outcome").asString();
    return new AuditEvent(
        Instant.parse(operation.get("at").asString()),
        "exchange:" + (account.matches("[a-z0-9-]{1,60}") ? account : "unknown"),
        AuditAction.EXCHANGE,
        null,
        List.of(),
        ("EXCHANGE." + kind + "." + outcome)
            .toUpperCase(Locale.ROOT)
            .replaceAll("[^A-Z0-9_.-]", "_"),
        "ok".equals(outcome) ? AuditDecision.ALLOW : AuditDecision.DENY,
        null,
        null);
  }
}
