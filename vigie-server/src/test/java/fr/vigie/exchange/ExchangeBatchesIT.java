package fr.vigie.exchange;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import fr.vigie.VigieException;
import fr.vigie.access.Actor;
import fr.vigie.audit.AuditAction;
import fr.vigie.audit.AuditDecision;
import fr.vigie.audit.AuditEvent;
import fr.vigie.audit.AuditJournal;
import fr.vigie.audit.AuditScan;
import fr.vigie.breach.Incident;
import fr.vigie.breach.Incidents;
import fr.vigie.detection.AccessWatch;
import fr.vigie.detection.Alert;
import fr.vigie.detection.Signal;
import fr.vigie.identity.AccountId;
import fr.vigie.identity.ContainmentState;
import fr.vigie.identity.Containments;
import fr.vigie.identity.OrganizationId;
import fr.vigie.identity.OrganizationKind;
import fr.vigie.identity.Role;
import fr.vigie.registry.PersonField;
import fr.vigie.registry.PersonId;
import fr.vigie.simulation.DemoAgency;
import fr.vigie.testing.TestDatabase;
import fr.vigie.testing.TestingClock;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.bouncycastle.openpgp.PGPPublicKey;
import org.bouncycastle.openpgp.PGPSecretKeyRing;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Outbound batches through the one read path and inbound results, against the whole register on a
 * real PostgreSQL and a stand-in for the exchange's API.
 */
@SpringBootTest(properties = {"vigie.demo.persons=300", "vigie.demo.seed=11"})
class ExchangeBatchesIT {
  private static final HikariDataSource DATABASE = TestDatabase.newDatabase();
  private static Path data;
  private static FakeExchange exchange;
  private static PGPSecretKeyRing subcontractor;

  @BeforeAll
  static void keys() throws Exception {
    subcontractor = OpenPgp.generate("Digit <digit@example.test>");
  }

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry properties) throws IOException {
    data = Files.createTempDirectory("exchange-batches");
    exchange = new FakeExchange(data.resolve("exchange"));
    TestDatabase.applicationProperties(DATABASE)
        .forEach((key, value) -> properties.add(key, () -> value));
    properties.add("vigie.data-dir", () -> data.toString());
    properties.add("vigie.exchange.url", exchange::url);
    properties.add("vigie.exchange.ingest-interval", () -> "PT1H");
  }

  /**
   * A weekday morning: the operator's ceilings are a quarter of their day values at night and at
   * weekends, which the batches of these tests would meet when run then on the real clock.
   */
  @TestConfiguration(proxyBeanMethods = false)
  static class WorkingHours {
    @Bean
    @Primary
    TestingClock testingClock() {
      return new TestingClock(Instant.parse("2026-03-02T09:00:00Z"));
    }
  }

  @AfterAll
  static void close() {
    exchange.close();
    DATABASE.close();
  }

  @Autowired DemoAgency demo;
  @Autowired ExchangeBatches batches;
  @Autowired ExchangeInbound inbound;
  @Autowired ExchangeAuditIngest ingest;
  @Autowired ExchangeKeys keys;
  @Autowired AuditJournal journal;
  @Autowired JdbcTemplate jdbc;
  @Autowired AccessWatch watch;
  @Autowired Incidents incidents;
  @Autowired Containments containments;
  @Autowired ExchangeRefusalWatch refusals;
  @Autowired AddressAlerts addressAlerts;
  @Autowired AuditScan scan;
  @Autowired TestingClock clock;

  private Actor operator;
  private List<PersonId> referred;
  private List<PersonId> notReferred;

  @BeforeEach
  void agency() {
    demo.loadIfEmpty();
    UUID organization = UUID.randomUUID();
    jdbc.update(
        "insert into organization (id, code, kind, name) values (?, ?, 'SUBCONTRACTOR', ?)",
        organization,
        "SUB-" + organization,
        "Digit " + organization);
    UUID account = UUID.randomUUID();
    jdbc.update(
        "insert into staff_account (id, organization_id, login, role)"
            + " values (?, ?, ?, 'SUBCONTRACTOR_OPERATOR')",
        account,
        organization,
        "digit-" + account);
    operator =
        new Actor(
            new AccountId(account),
            Role.SUBCONTRACTOR_OPERATOR,
            new OrganizationId(organization),
            OrganizationKind.SUBCONTRACTOR,
            false);
    List<PersonId> persons =
        jdbc.query(
            "select id from person order by random() limit 25",
            (row, n) -> new PersonId(row.getObject(1, UUID.class)));
    referred = persons.subList(0, 20);
    notReferred = persons.subList(20, 25);
    UUID by = jdbc.queryForObject("select id from staff_account limit 1", UUID.class);
    for (PersonId person : referred) {
      jdbc.update(
          "insert into referral (person_id, organization_id, referred_by) values (?, ?, ?)",
          person.value(),
          organization,
          by);
    }
  }

  private List<CSVRecord> open(byte[] sealed) throws IOException {
    ByteArrayOutputStream clear = new ByteArrayOutputStream();
    OpenPgp.decryptTo(new ByteArrayInputStream(sealed), clear, subcontractor);
    return CSVFormat.RFC4180
        .builder()
        .setHeader()
        .setSkipHeaderRecord(true)
        .get()
        .parse(new StringReader(clear.toString(StandardCharsets.UTF_8)))
        .getRecords();
  }

  private ExchangeBatches.Sent send() throws IOException {
    return send("digit");
  }

  private ExchangeBatches.Sent send(String account) throws IOException {
    List<PersonId> all = new ArrayList<>(referred);
    all.addAll(notReferred);
    return batches.send(
        operator,
        account,
        all,
        OpenPgp.encryptionKey(new ByteArrayInputStream(OpenPgp.armoredPublicKey(subcontractor))));
  }

  @Test
  void send_referredPersons_placesABatchOfTokensOnlyTheSubcontractorOpens() throws Exception {
    ExchangeBatches.Sent sent = send();

    assertThat(sent.persons()).isEqualTo(20);
    assertThat(sent.refused()).isEqualTo(5);
    byte[] placed = exchange.outbound.get(sent.batch().fileName());
    assertThat(placed).isNotNull();
    List<CSVRecord> rows = open(placed);
    assertThat(rows).hasSize(20);
    String placedText = new String(placed, StandardCharsets.ISO_8859_1);
    for (CSVRecord row : rows) {
      assertThat(row.get("token")).matches("[0-9a-f]{32}");
      assertThat(row.get("birth_name")).isNotBlank();
      assertThat(row.get("birth_date")).matches("\\d{4}-\\d{2}-\\d{2}");
      assertThat(row.get("nir")).doesNotMatch("[0-9 ]{13,}");
      assertThat(placedText).doesNotContain(row.get("birth_name"));
      PersonId person = batches.person(sent.batch(), row.get("token")).orElseThrow();
      assertThat(referred).contains(person);
      assertThat(String.join(",", row.values())).doesNotContain(person.value().toString());
    }
  }

  @Test
  void send_eachPerson_isAuditedAsAnExchangeReadOrRefusal() throws Exception {
    send();

    for (PersonId person : referred) {
      List<AuditEvent> events = journal.about(person.value());
      assertThat(events)
          .anySatisfy(
              event -> {
                assertThat(event.actor()).isEqualTo(operator.account().toString());
                assertThat(event.action()).isEqualTo(AuditAction.READ);
                assertThat(event.purpose()).isEqualTo("EXCHANGE");
                assertThat(event.decision()).isEqualTo(AuditDecision.ALLOW);
              });
    }
    for (PersonId person : notReferred) {
      assertThat(journal.about(person.value()))
          .anySatisfy(
              event -> {
                assertThat(event.actor()).isEqualTo(operator.account().toString());
                assertThat(event.decision()).isEqualTo(AuditDecision.DENY);
              })
          .noneSatisfy(
              event -> {
                assertThat(event.actor()).isEqualTo(operator.account().toString());
                assertThat(event.decision()).isEqualTo(AuditDecision.ALLOW);
              });
    }
  }

  @Test
  void collect_resultsEncryptedToTheRegister_storesThemPerPersonOnceAndConfirms() throws Exception {
    ExchangeBatches.Sent sent = send();
    List<CSVRecord> rows = open(exchange.outbound.get(sent.batch().fileName()));
    StringBuilder results = new StringBuilder("batch,token,status\r\n");
    for (CSVRecord row : rows) {
      results.append(sent.batch()).append(',').append(row.get("token")).append(",DIGITIZED\r\n");
    }
    results.append(sent.batch()).append(",00000000000000000000000000000000,DIGITIZED\r\n");
    ByteArrayOutputStream sealed = new ByteArrayOutputStream();
    try (var publicKey = Files.newInputStream(keys.publicKey())) {
      OpenPgp.encrypt(
          new ByteArrayInputStream(results.toString().getBytes(StandardCharsets.UTF_8)),
          sealed,
          OpenPgp.encryptionKey(publicKey),
          "results.csv");
    }
    exchange.inbound.put("results-1.pgp", sealed.toByteArray());
    exchange.inbound.put("results-2.pgp", sealed.toByteArray()); // the same results twice
    exchange.inbound.put("garbage.pgp", "not for the register".getBytes());

    ExchangeInbound.Collected collected = inbound.collect("digit");

    assertThat(collected.files()).isEqualTo(2);
    assertThat(collected.results()).isEqualTo(40);
    assertThat(collected.unknownTokens()).isEqualTo(2);
    assertThat(collected.filesLeft()).isEqualTo(1);
    assertThat(exchange.inbound).containsOnlyKeys("garbage.pgp");
    assertThat(
            jdbc.queryForObject(
                "select count(*) from exchange_result where batch_id = ? and status = 'DIGITIZED'",
                Integer.class,
                sent.batch().value()))
        .isEqualTo(20);
  }

  @Test
  void ingest_ofTheExchangesOperations_appendsThemToTheAuditLogOnce() throws Exception {
    ingest.ingest(); // what other tests left
    long before = jdbc.queryForObject("select count(*) from audit_entry", Long.class);
    long indexBefore =
        jdbc.queryForObject("select coalesce(max(idx), -1) + 1 from audit_entry", Long.class);
    exchange.operation("digit", "SIGN_IN", "wrong-key");
    exchange.operation("digit", "DOWNLOAD", "ok");

    int first = ingest.ingest();
    int second = ingest.ingest();

    assertThat(first).isEqualTo(2);
    assertThat(second).isZero();
    Thread.sleep(200);
    assertThat(entriesFrom(indexBefore, "EXCHANGE.DOWNLOAD.OK")).isEqualTo(1);
    assertThat(jdbc.queryForObject("select count(*) from audit_entry", Long.class))
        .isGreaterThanOrEqualTo(before + 2);
  }

  @Test
  void ingest_afterACrashBetweenAppendingAPageAndStoringItsPosition_appendsNothingTwice()
      throws Exception {
    ingest.ingest();
    long seqBefore = jdbc.queryForObject("select last_seq from exchange_ingest", Long.class);
    long indexBefore =
        jdbc.queryForObject("select coalesce(max(idx), -1) + 1 from audit_entry", Long.class);
    exchange.operation("digit-crash", "UPLOAD", "ok");
    exchange.operation("digit-crash", "LIST", "ok");
    assertThat(ingest.ingest()).isEqualTo(2);
    // What a kill between the append and the position's update leaves: the page is in the audit
    // log, the position is the one before it, and the pending index is set.
    jdbc.update(
        "update exchange_ingest set last_seq = ?, pending_from = ?", seqBefore, indexBefore);
    exchange.operation("digit-crash", "DELETE", "ok");

    int again = ingest.ingest();

    assertThat(again).isEqualTo(1);
    assertThat(entriesFrom(indexBefore, "EXCHANGE.UPLOAD.OK")).isEqualTo(1);
    assertThat(entriesFrom(indexBefore, "EXCHANGE.LIST.OK")).isEqualTo(1);
    assertThat(entriesFrom(indexBefore, "EXCHANGE.DELETE.OK")).isEqualTo(1);
    assertThat(jdbc.queryForObject("select last_seq from exchange_ingest", Long.class))
        .isEqualTo(seqBefore + 3);
    assertThat(jdbc.queryForObject("select pending_from from exchange_ingest", Long.class))
        .isNull();
  }

  /** Monday 2 March 2026, 11:00 in Paris: working hours. */
  private static final String WORKING = "2026-03-02T10:00:00Z";

  /** The night after, 03:00 in Paris. */
  private static final String NIGHT = "2026-03-03T02:00:00Z";

  private static String freshAccount(String prefix) {
    return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
  }

  @Test
  void ingest_ofABatchDownloadedTwice_suspendsTheOperatorAndTellsTheExchangeUntilReleased()
      throws Exception {
    String account = freshAccount("digit-pull");
    ExchangeBatches.Sent sent = send(account);
    settleOperator();
    String file = "outbound/" + sent.batch().fileName();
    long size = exchange.outbound.get(sent.batch().fileName()).length;
    exchange.operation(account, "PLACE", file, size, "register", WORKING, "ok");
    exchange.operation(account, "SIGN_IN", null, null, "192.0.2.10", WORKING, "ok");
    // A download cut and resumed: the whole file once, in two parts.
    exchange.operation(account, "DOWNLOAD", file, size / 2, "192.0.2.10", WORKING, "failed");
    exchange.operation(account, "DOWNLOAD", file, size - size / 2, "192.0.2.10", WORKING, "ok");
    ingest.ingest();
    ContainmentState afterOnce = containments.stateOf(operator.account());
    Boolean toldAfterOnce = exchange.suspended.get(account);

    exchange.operation(account, "DOWNLOAD", file, size, "192.0.2.10", WORKING, "ok");
    ingest.ingest();

    assertThat(afterOnce).isEqualTo(ContainmentState.ACTIVE);
    assertThat(toldAfterOnce).isNull();
    assertThat(containments.stateOf(operator.account())).isEqualTo(ContainmentState.SUSPENDED);
    assertThat(exchange.suspended).containsEntry(account, true);
    Alert alert = openAlertOf(operator.account());
    assertThat(alert.reasons())
        .singleElement()
        .satisfies(
            reason -> {
              assertThat(reason.detector()).isEqualTo("exchange-pull");
              assertThat(reason.reason())
                  .contains(sent.batch().fileName(), "more than it was sent");
            });

    watch.release(alert.id(), analyst());
    ingest.ingest();

    assertThat(exchange.suspended).containsEntry(account, false);
  }

  @Test
  void ingest_ofADownloadOfAFileNeverSentToTheAccount_suspendsTheOperator() throws Exception {
    String account = freshAccount("digit-stray");
    send(account);
    settleOperator();
    exchange.operation(
        account, "DOWNLOAD", "outbound/batch-other.pgp", 1000L, "192.0.2.10", WORKING, "ok");

    ingest.ingest();

    assertThat(containments.stateOf(operator.account())).isEqualTo(ContainmentState.SUSPENDED);
    assertThat(exchange.suspended).containsEntry(account, true);
    assertThat(openAlertOf(operator.account()).reasons())
        .anySatisfy(reason -> assertThat(reason.reason()).contains("never sent to this account"));
  }

  @Test
  void ingest_ofASignInAtNightFromANewNetwork_suspends_whileANightAloneAsksAStepUp()
      throws Exception {
    String account = freshAccount("digit-night");
    send(account);
    settleOperator();
    exchange.operation(account, "SIGN_IN", null, null, "192.0.2.10", WORKING, "ok");
    ingest.ingest();
    ContainmentState usual = containments.stateOf(operator.account());
    // The same network (another machine of its /24) at night: odd, not new.
    exchange.operation(account, "SIGN_IN", null, null, "192.0.2.11", NIGHT, "ok");
    ingest.ingest();
    ContainmentState nightAlone = containments.stateOf(operator.account());
    List<String> nightAloneReasons =
        openAlertOf(operator.account()).reasons().stream().map(Signal::reason).toList();
    Boolean toldAtNight = exchange.suspended.get(account);

    exchange.operation(account, "SIGN_IN", null, null, "198.51.100.7", NIGHT, "ok");
    ingest.ingest();

    assertThat(usual).isEqualTo(ContainmentState.ACTIVE);
    assertThat(nightAlone).isEqualTo(ContainmentState.STEP_UP);
    assertThat(nightAloneReasons).contains("signed in outside working hours");
    assertThat(toldAtNight).isNull();
    assertThat(containments.stateOf(operator.account())).isEqualTo(ContainmentState.SUSPENDED);
    assertThat(exchange.suspended).containsEntry(account, true);
  }

  /** Working hours, ten minutes later: still within the refusals' window of 10 min. */
  private static final String WORKING_PLUS_9 = "2026-03-02T10:09:00Z";

  /** Working hours, twenty minutes later: past the window. */
  private static final String WORKING_PLUS_20 = "2026-03-02T10:20:00Z";

  private static String freshAddress() {
    return "198.51.%d.%d"
        .formatted(
            java.util.concurrent.ThreadLocalRandom.current().nextInt(256),
            java.util.concurrent.ThreadLocalRandom.current().nextInt(1, 255));
  }

  @Test
  void ingest_ofForgedTokensFromOneAddress_raisesAnAlertAndHasTheExchangeRefuseIt()
      throws Exception {
    String guesser = freshAddress();
    ingest.ingest();
    long indexBefore =
        jdbc.queryForObject("select coalesce(max(idx), -1) + 1 from audit_entry", Long.class);
    // What the exchange logs of 1,492 forged tokens in two of its windows: two counted rows.
    exchange.refused("?", "bad-token", "files", guesser, WORKING, 1200);
    exchange.refused("?", "bad-token", "other", guesser, WORKING_PLUS_9, 292);

    ingest.ingest();

    List<AddressAlert> alerts =
        refusals.addressAlerts(Instant.parse(WORKING)).stream()
            .filter(alert -> alert.address().equals(guesser))
            .toList();
    assertThat(alerts)
        .singleElement()
        .satisfies(
            alert -> {
              assertThat(alert.refusals()).isEqualTo(1200);
              assertThat(alert.until()).isEqualTo(Instant.parse(WORKING).plus(Duration.ofHours(1)));
            });
    assertThat(exchange.blocked).containsEntry(guesser, "2026-03-02T11:00:00Z");
    assertThat(entriesFrom(indexBefore, "EXCHANGE.REFUSED.BAD-TOKEN.TIMES-1200")).isEqualTo(1);
    assertThat(entriesFrom(indexBefore, "EXCHANGE.REFUSED.BAD-TOKEN.TIMES-292")).isEqualTo(1);
  }

  /** A Wednesday morning, away from the other tests' guesses: the counts over all addresses. */
  private static final String SPREAD = "2026-03-04T10:00:00Z";

  /** A Thursday morning, away from the other tests' guesses. */
  private static final String FLOOD = "2026-03-05T10:00:00Z";

  @Test
  void ingest_ofForgedTokensFromManyAddressesOfOneNetwork_blocksTheNetworkNotEachAddress()
      throws Exception {
    int third = java.util.concurrent.ThreadLocalRandom.current().nextInt(256);
    String network = "203.0.%d.0/24".formatted(third);
    ingest.ingest();
    // Six machines of one /24, each under an address's 50 guesses, 240 in all.
    for (int host = 1; host <= 6; host++) {
      exchange.refused("?", "bad-token", "files", "203.0.%d.%d".formatted(third, host), SPREAD, 40);
    }

    ingest.ingest();

    List<AddressAlert> raised =
        refusals.addressAlerts(Instant.parse(SPREAD)).stream()
            .filter(alert -> alert.address().startsWith("203.0.%d.".formatted(third)))
            .toList();
    assertThat(raised)
        .singleElement()
        .satisfies(
            alert -> {
              assertThat(alert.address()).isEqualTo(network);
              assertThat(alert.target()).isEqualTo(AddressAlert.Target.NETWORK);
              assertThat(alert.refusals()).isEqualTo(200);
            });
    assertThat(exchange.blocked).containsEntry(network, "2026-03-04T11:00:00Z");
    assertThat(exchange.blocked).doesNotContainKey("203.0.%d.1".formatted(third));
  }

  @Test
  void ingest_ofOneAddressGuessingFast_blocksItAloneNotItsNetwork() throws Exception {
    int third = java.util.concurrent.ThreadLocalRandom.current().nextInt(256);
    ingest.ingest();
    exchange.refused("?", "bad-token", "files", "203.1.%d.9".formatted(third), SPREAD, 5000);

    ingest.ingest();

    assertThat(exchange.blocked)
        .containsKey("203.1.%d.9".formatted(third))
        .doesNotContainKey("203.1.%d.0/24".formatted(third))
        .doesNotContainKey(ExchangeClient.UNKNOWN_NETWORKS);
  }

  @Test
  void ingest_ofForgedTokensSpreadOverManyNetworks_raisesOneNationalAlertAndTheGuard()
      throws Exception {
    ingest.ingest();
    long indexBefore = nextIndex();
    // Thirty networks, each far under its thresholds, and what the exchange folded into 'other'
    // once its counting was full: 1,500 guesses in all within ten minutes.
    for (int network = 0; network < 30; network++) {
      exchange.refused("?", "bad-token", "files", "198.18.%d.%d".formatted(network, 7), FLOOD, 40);
    }
    exchange.refused("?", "bad-token", "-", "other", FLOOD, 300);

    ingest.ingest();

    List<AddressAlert> national =
        refusals.addressAlerts(Instant.parse(FLOOD)).stream()
            .filter(alert -> alert.target() == AddressAlert.Target.UNKNOWN_NETWORKS)
            .toList();
    assertThat(national)
        .singleElement()
        .satisfies(alert -> assertThat(alert.refusals()).isGreaterThanOrEqualTo(1000));
    AddressAlert alert = national.getFirst();
    assertThat(exchange.blocked)
        .containsEntry(ExchangeClient.UNKNOWN_NETWORKS, "2026-03-05T11:00:00Z");
    assertThat(exchange.blocked.keySet()).noneMatch(key -> key.startsWith("198.18."));
    assertThat(
            entriesFrom(
                indexBefore,
                "ADDRESS.BLOCKED." + alert.id().toString().toUpperCase(java.util.Locale.ROOT)))
        .isEqualTo(1);
    AccountId analyst = analyst();
    assertThat(addressAlerts.open(AddressAlerts.MAX_LIMIT, analyst)).contains(alert);

    addressAlerts.release(alert.id(), analyst);

    assertThat(exchange.blocked).doesNotContainKey(ExchangeClient.UNKNOWN_NETWORKS);
    assertThat(exchange.lifted).contains(ExchangeClient.UNKNOWN_NETWORKS);
  }

  @Test
  void ingest_ofAnAccountProbingOffRoutePaths_stepsUpThenSuspendsItsOperator() throws Exception {
    String account = freshAccount("digit-probe");
    send(account);
    settleOperator();
    String source = freshAddress();
    exchange.operation(account, "SIGN_IN", null, null, source, WORKING, "ok");
    exchange.refused(account, "off-route", "other", source, WORKING, 12);
    exchange.refused(account, "not-found", "files", source, WORKING, 10);
    ingest.ingest();
    ContainmentState afterTwentyTwo = containments.stateOf(operator.account());
    Boolean toldAfterTwentyTwo = exchange.suspended.get(account);

    exchange.refused(account, "off-route", "other", source, WORKING_PLUS_9, 40);
    ingest.ingest();

    assertThat(afterTwentyTwo).isEqualTo(ContainmentState.STEP_UP);
    assertThat(toldAfterTwentyTwo).isNull();
    assertThat(containments.stateOf(operator.account())).isEqualTo(ContainmentState.SUSPENDED);
    assertThat(exchange.suspended).containsEntry(account, true);
    assertThat(openAlertOf(operator.account()).reasons())
        .anySatisfy(
            reason -> {
              assertThat(reason.detector()).isEqualTo("exchange-refusals");
              assertThat(reason.reason()).startsWith("62 requests refused");
            });
    // Its address is not blocked: it had a valid token, its account answers for it.
    assertThat(exchange.blocked).doesNotContainKey(source);
  }

  @Test
  void ingest_ofAnHonestClientsFewRefusals_containsNothingAndBlocksNothing() throws Exception {
    String account = freshAccount("digit-honest");
    send(account);
    settleOperator();
    String source = freshAddress();
    // An expired token, a batch already picked up, a resumed upload's wrong offset, a bad range.
    exchange.refused("?", "bad-token", "files", source, WORKING, 2);
    exchange.operation(account, "SIGN_IN", null, null, source, WORKING, "ok");
    exchange.refused(account, "not-found", "files", source, WORKING, 3);
    exchange.refused(account, "bad-offset", "uploads", source, WORKING, 1);
    exchange.refused(account, "bad-range", "files", source, WORKING, 1);
    // As many again, later: the window counts them apart.
    exchange.refused(account, "not-found", "files", source, WORKING_PLUS_20, 15);

    ingest.ingest();

    assertThat(containments.stateOf(operator.account())).isEqualTo(ContainmentState.ACTIVE);
    assertThat(exchange.suspended).doesNotContainKey(account);
    assertThat(exchange.blocked).doesNotContainKey(source);
    assertThat(refusals.addressAlerts(Instant.parse(WORKING)))
        .noneMatch(alert -> alert.address().equals(source));
  }

  @Test
  void incident_declaredByABatch_scopesExactlyItsPersonsWithTheFieldsThatLeftInIt()
      throws Exception {
    List<PersonId> first = referred.subList(0, 10);
    List<PersonId> second = referred.subList(10, 20);
    PGPPublicKey key =
        OpenPgp.encryptionKey(new ByteArrayInputStream(OpenPgp.armoredPublicKey(subcontractor)));
    List<PersonId> firstAndRefused = new ArrayList<>(first);
    firstAndRefused.addAll(notReferred);
    ExchangeBatches.Sent sent = batches.send(operator, "digit", firstAndRefused, key);
    batches.send(operator, "digit", second, key); // same operator, same instant on the test clock

    Incident incident =
        incidents.declare(analystActor(), "EXCH-" + sent.batch(), incidents.ofBatch(sent.batch()));

    assertThat(incident.scopes())
        .singleElement()
        .satisfies(scope -> assertThat(scope.scope().batch()).isEqualTo(sent.batch()));
    List<Incident.Person> persons =
        incidents.persons(analystActor(), incident.header().id(), 100, 0);
    assertThat(persons)
        .extracting(Incident.Person::person)
        .containsExactlyInAnyOrderElementsOf(first.stream().map(PersonId::value).toList());
    assertThat(persons)
        .allSatisfy(
            person ->
                assertThat(person.fields())
                    .contains("birth_name", "first_names", "birth_date", "nir")
                    .isSubsetOf(
                        ExchangeBatches.COLUMNS.stream().map(PersonField::column).toList()));
  }

  @Test
  void ingest_ofADownloadMadeLongBefore_isStampedAtTheIngestAndFoundByItsWindowAndItsBatch()
      throws Exception {
    String account = freshAccount("digit-late");
    ExchangeBatches.Sent sent = send(account);
    settleOperator();
    ingest.ingest();
    long indexBefore = nextIndex();
    Instant downloaded = clock.instant();
    String file = "outbound/" + sent.batch().fileName();
    long size = exchange.outbound.get(sent.batch().fileName()).length;
    exchange.operation(account, "DOWNLOAD", file, size, "192.0.2.10", downloaded.toString(), "ok");
    // The register ingests it a quarter of an hour late: the exchange was not reachable.
    clock.advance(Duration.ofMinutes(15));
    Instant ingested = clock.instant();

    ingest.ingest();

    List<AuditEvent> inWindow = new ArrayList<>();
    scan.scan(
        new AuditScan.Selection(
            Set.of("exchange:" + account),
            Set.of(),
            ingested.minus(Duration.ofMinutes(1)),
            ingested.plus(Duration.ofMinutes(1))),
        (index, event) -> inWindow.add(event));
    assertThat(inWindow)
        .singleElement()
        .satisfies(
            event -> {
              assertThat(event.purpose()).isEqualTo("EXCHANGE.DOWNLOAD.OK");
              assertThat(event.at()).isEqualTo(ingested);
              ExchangeStamp stamp = ExchangeStamp.of(event.source()).orElseThrow();
              assertThat(stamp.at()).isEqualTo(downloaded);
              assertThat(stamp.batch()).isEqualTo(sent.batch());
            });
    Incident incident =
        incidents.declare(analystActor(), "LATE-" + sent.batch(), incidents.ofBatch(sent.batch()));
    List<Incident.Person> persons =
        incidents.persons(analystActor(), incident.header().id(), 100, 0);
    assertThat(persons).hasSize(20);
    assertThat(persons)
        .allSatisfy(
            person -> {
              assertThat(person.lastAt()).isEqualTo(downloaded);
              assertThat(person.reads()).isEqualTo(1);
            });
    assertInTimeOrderFrom(indexBefore);
  }

  @Test
  void auditRaisings_ofAnAlertAuditedLate_isStampedAtTheAppendWithTheRaisingsTimeInside()
      throws Exception {
    ingest.ingest();
    long indexBefore = nextIndex();
    Instant raised = clock.instant();
    // What the watch leaves when the audit log was unavailable at the raising: an alert (told to
    // the exchange) whose raising is still to be audited, a quarter of an hour later.
    UUID id = UUID.randomUUID();
    jdbc.update(
        "insert into exchange_address_alert (id, address, raised_at, refusals, until, told)"
            + " values (?, ?, ?, 60, ?, true)",
        id,
        freshAddress(),
        java.sql.Timestamp.from(raised),
        java.sql.Timestamp.from(raised.plus(Duration.ofHours(1))));
    clock.advance(Duration.ofMinutes(15));

    addressAlerts.auditRaisings();

    String purpose = "ADDRESS.BLOCKED." + id.toString().toUpperCase(java.util.Locale.ROOT);
    List<AuditEvent> raisings = new ArrayList<>();
    scan.scan(
        new AuditScan.Selection(
            Set.of("detection"), Set.of(), raised, clock.instant().plus(Duration.ofMinutes(1))),
        (index, event) -> {
          if (purpose.equals(event.purpose())) {
            raisings.add(event);
          }
        });
    assertThat(raisings)
        .singleElement()
        .satisfies(
            raising -> {
              assertThat(raising.at()).isEqualTo(clock.instant());
              assertThat(raising.source()).isEqualTo(AddressAlerts.RAISED_AT + raised);
            });
    assertInTimeOrderFrom(indexBefore);
  }

  @Test
  void incident_byABatchThatWasNeverSent_isRefused() {
    assertThatThrownBy(() -> incidents.ofBatch(BatchId.random()))
        .isInstanceOf(VigieException.class)
        .hasMessageContaining("no batch");
  }

  private Actor analystActor() {
    AccountId analyst = analyst();
    UUID organization =
        jdbc.queryForObject(
            "select organization_id from staff_account where id = ?", UUID.class, analyst.value());
    return new Actor(
        analyst,
        Role.SECURITY_ANALYST,
        new OrganizationId(organization),
        OrganizationKind.FRANCE_TRAVAIL_AGENCY,
        false);
  }

  /**
   * The batch's reads reach the detectors on their own threads, and twenty persons without an
   * appointment may ask a step-up of a new operator: once they are applied, an analyst releases it,
   * so that what follows starts from an active account.
   */
  private void settleOperator() throws InterruptedException {
    assertThat(watch.drain(Duration.ofSeconds(60))).isTrue();
    AccountId analyst = analyst();
    watch.openAlerts(500).stream()
        .filter(alert -> alert.account().equals(operator.account()))
        .findFirst() // the newest: its release closes the others
        .ifPresent(alert -> watch.release(alert.id(), analyst));
    assertThat(containments.stateOf(operator.account())).isEqualTo(ContainmentState.ACTIVE);
  }

  private Alert openAlertOf(AccountId account) {
    return watch.openAlerts(500).stream()
        .filter(alert -> alert.account().equals(account))
        .findFirst()
        .orElseThrow();
  }

  /** A national security analyst, fresh for the test. */
  private AccountId analyst() {
    UUID organization = UUID.randomUUID();
    jdbc.update(
        "insert into organization (id, code, kind, name) values (?, ?, 'FRANCE_TRAVAIL_AGENCY', ?)",
        organization,
        "FT-" + organization,
        "Sécurité " + organization);
    UUID account = UUID.randomUUID();
    jdbc.update(
        "insert into staff_account (id, organization_id, login, role)"
            + " values (?, ?, ?, 'SECURITY_ANALYST')",
        account,
        organization,
        "analyst-" + account);
    return new AccountId(account);
  }

  private long nextIndex() {
    return jdbc.queryForObject("select coalesce(max(idx), -1) + 1 from audit_entry", Long.class);
  }

  /** Each entry from {@code index} on is no earlier than the one before it. */
  private void assertInTimeOrderFrom(long index) {
    List<Instant> times =
        jdbc.query(
            "select at from audit_entry where idx >= ? order by idx",
            (row, n) -> row.getTimestamp(1).toInstant(),
            index);
    assertThat(times).isNotEmpty().isSorted();
  }

  private long entriesFrom(long index, String purpose) {
    return jdbc.queryForObject(
        "select count(*) from audit_entry where idx >= ? and position(?::bytea in entry) > 0",
        Long.class,
        index,
        purpose.getBytes(StandardCharsets.UTF_8));
  }
}
