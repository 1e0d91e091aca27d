package fr.vigie.web;

import static org.assertj.core.api.Assertions.assertThat;

import fr.vigie.detection.AccessWatch;
import fr.vigie.identity.AccountId;
import fr.vigie.identity.OrganizationKind;
import fr.vigie.identity.Role;
import fr.vigie.identity.StaffClient;
import fr.vigie.registry.ImportOptions;
import fr.vigie.registry.ImportProgress;
import fr.vigie.registry.PersonRecord;
import fr.vigie.registry.Registry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Every refusing ceiling over HTTP, with maxima small enough to meet in a test: each answers 429
 * {@code CEILING_REACHED} with the limit in words and a {@code Retry-After}, leaves a refusal in
 * the audit log ({@code CEILING.} and the limit's name), and reaches the detectors. Once, every one
 * of them answered 500 and went unrecorded, while every in-memory run was green.
 */
class CeilingsApiIT extends LowCeilingsIntegrationTest {
  @Autowired Registry registry;
  @Autowired AccessWatch watch;

  private String agency;
  private TestAccount advisor;
  private final List<String> caseload = new ArrayList<>();
  private final List<PersonRecord> records = new ArrayList<>();
  private final List<String> strangers = new ArrayList<>();

  @BeforeEach
  void agency() {
    agency = "FT-" + UUID.randomUUID();
    advisor = newAccount(Role.ADVISOR, agency, OrganizationKind.FRANCE_TRAVAIL_AGENCY);
    long base = Math.floorMod(UUID.randomUUID().getMostSignificantBits(), 9_000_000_000L);
    String sharedEmail = "famille." + base + "@exemple.fr";
    List<PersonRecord> rows = new ArrayList<>();
    for (int n = 0; n < 10; n++) {
      PersonRecord row = TestPersons.person(base + n, agency);
      // The last five share one family address: one search finds them all.
      rows.add(n < 5 ? row : row.withEmail(sharedEmail));
    }
    registry.importRecords(
        rows.iterator(), rows.size(), ImportOptions.defaults(), ImportProgress.NONE);
    for (int n = 0; n < rows.size(); n++) {
      String id = registry.findByIdentifier(rows.get(n).identifier()).orElseThrow().toString();
      if (n < 2) {
        strangers.add(id);
        continue;
      }
      records.add(rows.get(n));
      caseload.add(id);
      jdbc.update(
          "insert into caseload (advisor_id, person_id) values (?, ?::uuid)", advisor.id(), id);
    }
  }

  @Test
  void read_overTheHourlyCeiling_isRefusedAuditedAndHeardByTheDetectors() {
    StaffClient client = signedIn(advisor);
    for (int n = 0; n < 3; n++) {
      assertThat(client.get("/api/persons/" + caseload.get(n)).status()).isEqualTo(200);
    }

    StaffClient.Answer over = client.get("/api/persons/" + caseload.get(3));

    assertRefused(over, "more than 3 distinct persons within 1 hour", 3_600);
    assertAudited("CEILING.HOURLY", caseload.get(3));
    assertHeardByTheDetectors();
  }

  @Test
  void read_overTheDailyCeiling_isRefusedAuditedAndHeardByTheDetectors() {
    StaffClient client = signedIn(advisor);
    for (int n = 0; n < 3; n++) {
      assertThat(client.get("/api/persons/" + caseload.get(n)).status()).isEqualTo(200);
    }
    moveClock(Duration.ofMinutes(61));
    for (int n = 3; n < 5; n++) {
      assertThat(client.get("/api/persons/" + caseload.get(n)).status()).isEqualTo(200);
    }

    StaffClient.Answer over = client.get("/api/persons/" + caseload.get(5));

    assertRefused(over, "more than 5 distinct persons within 1 day", 22 * 3_600);
    assertAudited("CEILING.DAILY", caseload.get(5));
    assertHeardByTheDetectors();
  }

  @Test
  void justifiedRead_overTheOutsideCeiling_isRefusedAuditedAndHeardByTheDetectors() {
    StaffClient client = signedIn(advisor);
    assertThat(justifiedRead(client, strangers.get(0)).status()).isEqualTo(200);

    StaffClient.Answer over = justifiedRead(client, strangers.get(1));

    assertRefused(
        over, "more than 1 distinct persons outside the caseload within 1 day", 23 * 3_600);
    assertAudited("CEILING.OUTSIDE-DAILY", strangers.get(1));
    assertHeardByTheDetectors();
    assertThat(
            jdbc.queryForObject(
                "select count(*) from justification where person_id = ?::uuid",
                Integer.class,
                strangers.get(1)))
        .as("no justification stored for a refused read")
        .isZero();
  }

  @Test
  void search_overTheSearchCeiling_isRefusedAuditedAndHeardByTheDetectors() {
    StaffClient client = signedIn(advisor);
    for (int n = 0; n < 3; n++) {
      assertThat(search(client, records.get(n).identifier().value()).status()).isEqualTo(200);
      moveClock(Duration.ofSeconds(61));
    }

    StaffClient.Answer over = search(client, records.get(3).identifier().value());

    assertRefused(over, "more than 3 searches within 1 hour", 3_000);
    assertAudited("CEILING.SEARCHES", null);
    assertHeardByTheDetectors();
  }

  @Test
  void search_overTheEmptySearchCeiling_isRefusedAuditedAndHeardByTheDetectors() {
    StaffClient client = signedIn(advisor);
    for (int n = 0; n < 2; n++) {
      StaffClient.Answer empty =
          client.post(
              "/api/persons/search",
              Map.of(
                  "criterion",
                  "EMAIL_EXACT",
                  "value",
                  "personne." + UUID.randomUUID() + "@exemple.fr",
                  "purpose",
                  "FOLLOW_UP"));
      assertThat(empty.status()).isEqualTo(200);
      assertThat(empty.json().size()).isZero();
    }

    StaffClient.Answer over = search(client, records.get(0).identifier().value());

    assertRefused(over, "more than 2 searches that found nobody within 1 hour", 3_500);
    assertAudited("CEILING.EMPTY-SEARCHES", null);
    assertHeardByTheDetectors();
  }

  @Test
  void search_findingMoreThanTheBurstAllows_isRefusedBeforeAnyIsRead() {
    StaffClient client = signedIn(advisor);

    StaffClient.Answer over =
        client.post(
            "/api/persons/search",
            Map.of(
                "criterion",
                "EMAIL_EXACT",
                "value",
                records.get(3).email(),
                "purpose",
                "FOLLOW_UP"));

    assertThat(over.status()).isEqualTo(429);
    assertThat(over.json().get("code").asString()).isEqualTo("CEILING_REACHED");
    assertThat(over.json().get("detail").asString())
        .isEqualTo(
            "this search found more persons than the account may open within a minute: narrow it");
    assertThat(over.body()).doesNotContain("Testnom");
    assertAudited("CEILING.BURST", null);
    assertHeardByTheDetectors();
    assertThat(
            jdbc.queryForObject(
                "select containment from staff_account where id = ?", String.class, advisor.id()))
        .isEqualTo("ACTIVE");
  }

  @Test
  void read_samePersonOverTheMinuteCeiling_isRefusedAuditedAndHeardByTheDetectors() {
    StaffClient client = signedIn(advisor);
    for (int n = 0; n < 6; n++) {
      assertThat(client.get("/api/persons/" + caseload.get(0)).status())
          .as("read %d", n)
          .isEqualTo(200);
    }

    StaffClient.Answer over = client.get("/api/persons/" + caseload.get(0));

    assertRefused(over, "more than 6 accesses within 1 minute", 50);
    assertAudited("CEILING.ACCESSES-MINUTE", caseload.get(0));
    assertHeardByTheDetectors();
  }

  @Test
  void read_samePersonOverTheHourCeiling_isRefusedAuditedAndHeardByTheDetectors() {
    StaffClient client = signedIn(advisor);
    for (int n = 0; n < 8; n++) {
      assertThat(client.get("/api/persons/" + caseload.get(0)).status())
          .as("read %d", n)
          .isEqualTo(200);
      moveClock(Duration.ofSeconds(30));
    }

    StaffClient.Answer over = client.get("/api/persons/" + caseload.get(0));

    assertRefused(over, "more than 8 accesses within 1 hour", 3_000);
    assertAudited("CEILING.ACCESSES-HOURLY", caseload.get(0));
    assertHeardByTheDetectors();
  }

  private void assertRefused(StaffClient.Answer over, String limit, long atLeastSeconds) {
    assertThat(over.status()).isEqualTo(429);
    assertThat(over.json().get("code").asString()).isEqualTo("CEILING_REACHED");
    assertThat(over.json().get("detail").asString()).isEqualTo(limit);
    assertThat(over.body()).doesNotContain("Testnom").doesNotContain("camille");
    long retryAfter =
        Long.parseLong(over.response().headers().firstValue("Retry-After").orElseThrow());
    assertThat(retryAfter).isBetween(atLeastSeconds, 24 * 3_600L);
  }

  /** One refusal of this account with this purpose code, about {@code person} (or nobody). */
  private void assertAudited(String purpose, String person) {
    List<String> wanted = new ArrayList<>(List.of(advisor.id().toString(), purpose, "DENY"));
    if (person != null) {
      wanted.add(person);
    }
    String sql =
        "select count(*) from audit_entry where "
            + String.join(
                " and ",
                wanted.stream().map(w -> "position(convert_to(?, 'UTF8') in entry) > 0").toList());
    assertThat(jdbc.queryForObject(sql, Integer.class, wanted.toArray()))
        .as("audit entries %s of the account", purpose)
        .isEqualTo(1);
  }

  private void assertHeardByTheDetectors() {
    try {
      assertThat(watch.drain(Duration.ofSeconds(5))).isTrue();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
    assertThat(watch.refusalsObserved(new AccountId(advisor.id()))).isEqualTo(1);
  }

  private static StaffClient.Answer search(StaffClient client, String identifier) {
    return client.post(
        "/api/persons/search",
        Map.of("criterion", "IDENTIFIER_EXACT", "value", identifier, "purpose", "FOLLOW_UP"));
  }

  private static StaffClient.Answer justifiedRead(StaffClient client, String person) {
    return client.post(
        "/api/persons/" + person + "/read",
        Map.of(
            "purpose",
            "FOLLOW_UP",
            "justification",
            Map.of("reason", "PERSON_AT_THE_DESK", "text", "Venue au guichet ce matin")));
  }
}
