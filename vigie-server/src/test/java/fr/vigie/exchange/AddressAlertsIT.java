package fr.vigie.exchange;

import static org.assertj.core.api.Assertions.assertThat;

import fr.vigie.identity.IdentityIntegrationTest;
import fr.vigie.identity.OrganizationKind;
import fr.vigie.identity.Role;
import fr.vigie.identity.StaffClient;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * The exchange's address alerts over HTTP: the watch raises one from the refusals of a stand-in
 * exchange, a national analyst lists it and releases it with a fresh second factor, the exchange is
 * told to lift the block, and both the raising and the release are in the audit log by the alert's
 * id, never the address. Other roles, partner and just-recovered analysts are refused.
 */
class AddressAlertsIT extends IdentityIntegrationTest {
  private static FakeExchange exchange;

  @DynamicPropertySource
  static void exchange(DynamicPropertyRegistry properties) throws IOException {
    Path directory = Files.createTempDirectory("address-alerts").resolve("exchange");
    exchange = new FakeExchange(directory);
    properties.add("vigie.exchange.url", exchange::url);
    properties.add(
        "vigie.exchange.api-token-file", () -> directory.resolve("api-token").toString());
    properties.add("vigie.exchange.ingest-interval", () -> "PT1H");
  }

  @AfterAll
  static void close() {
    exchange.close();
  }

  @Autowired ExchangeAuditIngest ingest;

  @Test
  void analyst_listsTheAddressAlert_andReleasesIt_exchangeToldAndBothAudited() throws Exception {
    String guesser = freshAddress();
    UUID alert = raise(guesser);
    assertThat(exchange.blocked).containsKey(guesser);
    StaffClient analyst = signedIn(newAccount(Role.SECURITY_ANALYST));

    StaffClient.Answer listed = analyst.get("/api/exchange/address-alerts?limit=500");

    assertThat(listed.status()).isEqualTo(200);
    JsonNode found = byId(listed, alert);
    assertThat(found).isNotNull();
    assertThat(found.get("address").asString()).isEqualTo(guesser);
    assertThat(found.get("refusals").asInt()).isEqualTo(60);
    assertThat(auditEntries("ADDRESS.BLOCKED." + upper(alert))).isEqualTo(1);

    StaffClient.Answer released =
        analyst.post("/api/exchange/address-alerts/" + alert + "/release", Map.of());

    assertThat(released.status()).isEqualTo(200);
    assertThat(exchange.lifted).contains(guesser);
    assertThat(exchange.blocked).doesNotContainKey(guesser);
    assertThat(auditEntries("ADDRESS.RELEASED." + upper(alert))).isEqualTo(1);
    assertThat(auditEntries(guesser)).isZero();
    assertThat(byId(analyst.get("/api/exchange/address-alerts?limit=500"), alert)).isNull();
    StaffClient.Answer again =
        analyst.post("/api/exchange/address-alerts/" + alert + "/release", Map.of());
    assertThat(again.status()).isEqualTo(404);
    assertThat(again.json().get("code").asString()).isEqualTo("ALERT_NOT_FOUND");
    // Another round of the watch neither blocks it again nor audits anything twice.
    ingest.ingest();
    assertThat(exchange.blocked).doesNotContainKey(guesser);
    assertThat(auditEntries("ADDRESS.BLOCKED." + upper(alert))).isEqualTo(1);
  }

  @Test
  void releasedAddress_guessingAgain_startsCountingAfresh() throws Exception {
    String guesser = freshAddress();
    UUID first = raise(guesser);
    StaffClient analyst = signedIn(newAccount(Role.SECURITY_ANALYST));
    analyst.post("/api/exchange/address-alerts/" + first + "/release", Map.of());

    exchange.refused("?", "bad-token", "files", guesser, clockNow().toString(), 10);
    ingest.ingest();

    assertThat(alertsOf(guesser)).isEqualTo(1);
    assertThat(exchange.blocked).doesNotContainKey(guesser);
  }

  @Test
  void otherRoles_partnerAndRestrictedAnalysts_andStaleFactors_areRefused() throws Exception {
    String guesser = freshAddress();
    UUID alert = raise(guesser);
    StaffClient advisor = signedIn(newAccount(Role.ADVISOR));
    StaffClient partner =
        signedIn(
            newAccount(
                Role.SECURITY_ANALYST, "CE-" + UUID.randomUUID(), OrganizationKind.CAP_EMPLOI));
    IdentityIntegrationTest.TestAccount recovered = newAccount(Role.SECURITY_ANALYST);
    StaffClient restricted = signedIn(recovered);
    jdbc.update(
        "update staff_account set restricted_until = ? where id = ?",
        Timestamp.from(clockNow().plus(Duration.ofHours(12))),
        recovered.id());
    StaffClient stale = client();
    byte[] seed = enrollTotp(stale, newAccount(Role.SECURITY_ANALYST));
    String release = "/api/exchange/address-alerts/" + alert + "/release";

    assertThat(advisor.get("/api/exchange/address-alerts").status()).isEqualTo(403);
    assertThat(advisor.post(release, Map.of()).status()).isEqualTo(403);
    assertThat(partner.get("/api/exchange/address-alerts?limit=500").json()).isEmpty();
    assertProblem(partner.post(release, Map.of()), 403, "ACCESS_DENIED");
    assertProblem(restricted.post(release, Map.of()), 403, "ACCESS_DENIED");
    moveClock(Duration.ofMinutes(6));
    assertProblem(stale.post(release, Map.of()), 403, "STEP_UP_REQUIRED");
    assertProblem(stale.get("/api/exchange/address-alerts?limit=0"), 400, "FIELD_INVALID");
    assertProblem(stale.get("/api/exchange/address-alerts?limit=501"), 400, "FIELD_INVALID");
    assertThat(exchange.lifted).doesNotContain(guesser);
    assertThat(byId(stale.get("/api/exchange/address-alerts?limit=500"), alert)).isNotNull();

    assertThat(stale.post("/api/session/step-up", Map.of("code", codeNow(seed))).status())
        .isEqualTo(200);
    assertThat(stale.post(release, Map.of()).status()).isEqualTo(200);
  }

  /** Has the stand-in exchange report 60 forged tokens from {@code address}; the alert's id. */
  private UUID raise(String address) throws IOException {
    ingest.ingest();
    exchange.refused("?", "bad-token", "files", address, clockNow().toString(), 60);
    ingest.ingest();
    return jdbc.queryForObject(
        "select id from exchange_address_alert where address = ? and released_at is null",
        UUID.class,
        address);
  }

  private int alertsOf(String address) {
    return jdbc.queryForObject(
        "select count(*) from exchange_address_alert where address = ?", Integer.class, address);
  }

  private long auditEntries(String text) {
    return jdbc.queryForObject(
        "select count(*) from audit_entry where position(?::bytea in entry) > 0",
        Long.class,
        text.getBytes(StandardCharsets.UTF_8));
  }

  private static JsonNode byId(StaffClient.Answer answer, UUID id) {
    for (JsonNode alert : answer.json()) {
      if (alert.get("id").asString().equals(id.toString())) {
        return alert;
      }
    }
    return null;
  }

  private static void assertProblem(StaffClient.Answer answer, int status, String code) {
    assertThat(answer.status()).isEqualTo(status);
    assertThat(answer.json().get("code").asString()).isEqualTo(code);
  }

  private static String upper(UUID id) {
    return id.toString().toUpperCase(Locale.ROOT);
  }

  private static String freshAddress() {
    ThreadLocalRandom random = ThreadLocalRandom.current();
    return "10.%d.%d.%d"
        .formatted(random.nextInt(256), random.nextInt(256), random.nextInt(1, 255));
  }
}
