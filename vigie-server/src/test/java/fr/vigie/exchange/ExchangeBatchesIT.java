package fr.vigie.exchange;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import fr.vigie.access.Actor;
import fr.vigie.audit.AuditAction;
import fr.vigie.audit.AuditDecision;
import fr.vigie.audit.AuditEvent;
import fr.vigie.audit.AuditJournal;
import fr.vigie.identity.AccountId;
import fr.vigie.identity.OrganizationId;
import fr.vigie.identity.OrganizationKind;
import fr.vigie.identity.Role;
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
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
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
    List<PersonId> all = new ArrayList<>(referred);
    all.addAll(notReferred);
    return batches.send(
        operator,
        "digit",
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
    long before = jdbc.queryForObject("select count(*) from audit_entry", Long.class);
    exchange.operation("digit", "SIGN_IN", "wrong-key");
    exchange.operation("digit", "DOWNLOAD", "ok");

    int first = ingest.ingest();
    int second = ingest.ingest();

    assertThat(first).isEqualTo(2);
    assertThat(second).isZero();
    Thread.sleep(200);
    long marked =
        jdbc.queryForObject(
            "select count(*) from audit_entry where position(?::bytea in entry) > 0",
            Long.class,
            "EXCHANGE.DOWNLOAD.OK".getBytes(StandardCharsets.UTF_8));
    assertThat(marked).isEqualTo(1);
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

  private long entriesFrom(long index, String purpose) {
    return jdbc.queryForObject(
        "select count(*) from audit_entry where idx >= ? and position(?::bytea in entry) > 0",
        Long.class,
        index,
        purpose.getBytes(StandardCharsets.UTF_8));
  }
}
