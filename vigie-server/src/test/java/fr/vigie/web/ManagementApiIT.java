package fr.vigie.web;

import static org.assertj.core.api.Assertions.assertThat;

import fr.vigie.detection.AccessWatch;
import fr.vigie.identity.AccountId;
import fr.vigie.identity.ContainmentState;
import fr.vigie.identity.Containments;
import fr.vigie.identity.OrganizationKind;
import fr.vigie.identity.Role;
import fr.vigie.identity.StaffClient;
import fr.vigie.registry.ImportOptions;
import fr.vigie.registry.ImportProgress;
import fr.vigie.registry.PersonRecord;
import fr.vigie.registry.Registry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Caseloads, referrals and reviews over HTTP behind the same guard and ceilings as reads: a
 * throttled account is held here too, referrals and assignments count in a ceiling (a throttled
 * account once referred its caseload to a partner at full speed), a malformed request is a 400
 * naming the field before anything is counted, and every refusal is audited.
 */
class ManagementApiIT extends LowCeilingsIntegrationTest {
  @Autowired Registry registry;
  @Autowired Containments containments;
  @Autowired AccessWatch watch;

  private String capEmploi;
  private TestAccount advisor;
  private TestAccount colleague;
  private TestAccount manager;
  private final List<String> caseload = new ArrayList<>();
  private final List<String> strangers = new ArrayList<>();

  @BeforeEach
  void agency() {
    String agency = "FT-" + UUID.randomUUID();
    capEmploi = "CE-" + UUID.randomUUID();
    advisor = newAccount(Role.ADVISOR, agency, OrganizationKind.FRANCE_TRAVAIL_AGENCY);
    colleague = newAccount(Role.ADVISOR, agency, OrganizationKind.FRANCE_TRAVAIL_AGENCY);
    manager = newAccount(Role.MANAGER, agency, OrganizationKind.FRANCE_TRAVAIL_AGENCY);
    newAccount(Role.ADVISOR, capEmploi, OrganizationKind.CAP_EMPLOI);
    long base = Math.floorMod(UUID.randomUUID().getMostSignificantBits(), 9_000_000_000L);
    List<PersonRecord> rows = new ArrayList<>();
    for (int n = 0; n < 6; n++) {
      rows.add(TestPersons.person(base + n, agency));
    }
    registry.importRecords(
        rows.iterator(), rows.size(), ImportOptions.defaults(), ImportProgress.NONE);
    for (int n = 0; n < rows.size(); n++) {
      String id = registry.findByIdentifier(rows.get(n).identifier()).orElseThrow().toString();
      if (n >= 4) {
        strangers.add(id);
        continue;
      }
      caseload.add(id);
      jdbc.update(
          "insert into caseload (advisor_id, person_id) values (?, ?::uuid)", advisor.id(), id);
    }
  }

  @Test
  void refer_throttledAccount_isHeldAsOnPersonReads() {
    StaffClient client = signedIn(advisor);
    containments.raise(new AccountId(advisor.id()), ContainmentState.THROTTLED);

    StaffClient.Answer first = refer(client, caseload.get(0), organizationId(capEmploi));
    StaffClient.Answer second = refer(client, caseload.get(1), organizationId(capEmploi));

    assertThat(first.status()).isEqualTo(204);
    assertThat(second.status()).isEqualTo(429);
    assertThat(second.json().get("code").asString()).isEqualTo("ACCOUNT_THROTTLED");
    assertThat(second.response().headers().firstValue("Retry-After")).hasValue("20");
    assertThat(referrals(caseload.get(1))).isZero();
    assertThat(audited(advisor, "GUARD.THROTTLED", "DENY", caseload.get(1))).isEqualTo(1);
  }

  @Test
  void caseloadList_throttledAccount_isHeldAsOnPersonReads() {
    StaffClient client = signedIn(advisor);
    containments.raise(new AccountId(advisor.id()), ContainmentState.THROTTLED);

    StaffClient.Answer first = client.get("/api/caseloads/me");
    StaffClient.Answer second = client.get("/api/caseloads/me");

    assertThat(first.status()).isEqualTo(200);
    assertThat(second.status()).isEqualTo(429);
    assertThat(second.json().get("code").asString()).isEqualTo("ACCOUNT_THROTTLED");
    assertThat(second.body()).doesNotContain(caseload.get(0));
    assertThat(audited(advisor, "GUARD.THROTTLED", "DENY", null)).isEqualTo(1);
  }

  @Test
  void reviewQueueAndAssignment_throttledManager_areHeldAsOnPersonReads() {
    StaffClient client = signedIn(manager);
    containments.raise(new AccountId(manager.id()), ContainmentState.THROTTLED);

    StaffClient.Answer queue = client.get("/api/justifications?status=pending");
    StaffClient.Answer assign =
        client.put("/api/caseloads/" + colleague.id() + "/persons/" + caseload.get(0));
    StaffClient.Answer team = client.get("/api/caseloads/" + advisor.id());

    assertThat(queue.status()).isEqualTo(200);
    assertThat(assign.status()).isEqualTo(429);
    assertThat(assign.json().get("code").asString()).isEqualTo("ACCOUNT_THROTTLED");
    assertThat(team.status()).isEqualTo(429);
    assertThat(inCaseloadOf(colleague, caseload.get(0))).isFalse();
  }

  @Test
  void refer_overTheChangesCeiling_isRefusedAuditedAndHeardByTheDetectors() {
    StaffClient client = signedIn(advisor);
    for (int n = 0; n < 2; n++) {
      assertThat(refer(client, caseload.get(n), organizationId(capEmploi)).status()).isEqualTo(204);
    }

    StaffClient.Answer over = refer(client, caseload.get(2), organizationId(capEmploi));

    assertThat(over.status()).isEqualTo(429);
    assertThat(over.json().get("code").asString()).isEqualTo("CEILING_REACHED");
    assertThat(over.json().get("detail").asString())
        .isEqualTo("more than 2 changes to caseloads and referrals within 1 hour");
    assertThat(Long.parseLong(over.response().headers().firstValue("Retry-After").orElseThrow()))
        .isBetween(3_000L, 3_600L);
    assertThat(referrals(caseload.get(2))).isZero();
    assertThat(audited(advisor, "CEILING.CHANGES", "DENY", caseload.get(2))).isEqualTo(1);
    assertThat(refusalsHeard(advisor)).isEqualTo(1);
  }

  @Test
  void assign_overTheChangesCeiling_isRefusedAndAudited() {
    StaffClient client = signedIn(manager);
    for (int n = 0; n < 2; n++) {
      assertThat(
              client
                  .put("/api/caseloads/" + colleague.id() + "/persons/" + caseload.get(n))
                  .status())
          .isEqualTo(204);
    }

    StaffClient.Answer over =
        client.put("/api/caseloads/" + colleague.id() + "/persons/" + caseload.get(2));

    assertThat(over.status()).isEqualTo(429);
    assertThat(over.json().get("code").asString()).isEqualTo("CEILING_REACHED");
    assertThat(inCaseloadOf(colleague, caseload.get(2))).isFalse();
    assertThat(audited(manager, "CEILING.CHANGES", "DENY", caseload.get(2))).isEqualTo(1);
  }

  @Test
  void refer_refusedByTheRules_isAuditedAndDoesNotUseUpTheCeiling() {
    StaffClient client = signedIn(advisor);
    for (int n = 0; n < 3; n++) {
      StaffClient.Answer refused = refer(client, strangers.get(0), organizationId(capEmploi));
      assertThat(refused.status()).isEqualTo(403);
      assertThat(refused.json().get("code").asString()).isEqualTo("ACCESS_DENIED");
    }

    assertThat(refer(client, caseload.get(0), organizationId(capEmploi)).status()).isEqualTo(204);
    assertThat(refer(client, caseload.get(1), organizationId(capEmploi)).status()).isEqualTo(204);
    assertThat(audited(advisor, "REFERRAL", "DENY", strangers.get(0))).isEqualTo(3);
  }

  @Test
  void refer_unknownOrganization_isRefusedAndAudited() {
    StaffClient.Answer refused =
        refer(signedIn(advisor), caseload.get(0), UUID.randomUUID().toString());

    assertThat(refused.status()).isEqualTo(400);
    assertThat(refused.json().get("code").asString()).isEqualTo("ORGANIZATION_UNKNOWN");
    assertThat(referrals(caseload.get(0))).isZero();
    assertThat(audited(advisor, "REFERRAL", "DENY", caseload.get(0))).isEqualTo(1);
    assertThat(audited(advisor, "REFERRAL", "ALLOW", caseload.get(0))).isZero();
  }

  @Test
  void refer_withoutOrganization_isA400NamingTheFieldAndAudited() {
    StaffClient.Answer refused =
        signedIn(advisor).post("/api/persons/" + caseload.get(0) + "/referrals", Map.of());

    assertThat(refused.status()).isEqualTo(400);
    assertThat(refused.json().get("code").asString()).isEqualTo("FIELD_MISSING");
    assertThat(refused.json().get("detail").asString()).isEqualTo("organization: is required");
    assertThat(audited(advisor, "REFERRAL", "DENY", caseload.get(0))).isEqualTo(1);
  }

  @Test
  void review_withoutOutcome_isA400NamingTheField() {
    StaffClient reader = signedIn(advisor);
    assertThat(justifiedRead(reader, strangers.get(0), "Venue au guichet").status()).isEqualTo(200);
    String id =
        jdbc.queryForObject(
            "select id::text from justification where account_id = ?", String.class, advisor.id());

    StaffClient.Answer refused =
        signedIn(manager).post("/api/justifications/" + id + "/review", Map.of());

    assertThat(refused.status()).isEqualTo(400);
    assertThat(refused.json().get("code").asString()).isEqualTo("FIELD_MISSING");
    assertThat(refused.json().get("detail").asString())
        .isEqualTo("outcome: is required, UPHELD or REJECTED");
    assertThat(
            jdbc.queryForObject(
                "select reviewed_at is null from justification where id = ?::uuid",
                Boolean.class,
                id))
        .isTrue();
  }

  @Test
  void justifiedRead_withoutReasonOrTextOrWithANul_isA400BeforeAnythingIsCounted() {
    StaffClient reader = signedIn(advisor);
    Map<String, Object> noReason = new HashMap<>();
    noReason.put("text", "Venue au guichet");
    Map<String, Object> noText = new HashMap<>();
    noText.put("reason", "PERSON_AT_THE_DESK");

    StaffClient.Answer withoutReason = justified(reader, strangers.get(0), noReason);
    StaffClient.Answer withoutText = justified(reader, strangers.get(0), noText);
    StaffClient.Answer withNul = justifiedRead(reader, strangers.get(0), "Venue\u0000au guichet");
    // The outside-caseload ceiling is 1 a day here: it was not used up by the three above.
    StaffClient.Answer valid = justifiedRead(reader, strangers.get(1), "Venue au guichet");

    assertThat(withoutReason.status()).isEqualTo(400);
    assertThat(withoutReason.json().get("code").asString()).isEqualTo("FIELD_MISSING");
    assertThat(withoutReason.json().get("detail").asString())
        .isEqualTo("justification.reason: is required");
    assertThat(withoutText.status()).isEqualTo(400);
    assertThat(withoutText.json().get("detail").asString())
        .isEqualTo("justification.text: is required");
    assertThat(withNul.status()).isEqualTo(400);
    assertThat(withNul.json().get("code").asString()).isEqualTo("FIELD_INVALID");
    assertThat(withNul.json().get("detail").asString())
        .isEqualTo("justification.text: has a control character");
    assertThat(valid.status()).isEqualTo(200);
    assertThat(
            jdbc.queryForObject(
                "select count(*) from justification where account_id = ?",
                Integer.class,
                advisor.id()))
        .isEqualTo(1);
  }

  private static StaffClient.Answer refer(StaffClient client, String person, String organization) {
    return client.post(
        "/api/persons/" + person + "/referrals", Map.of("organization", organization));
  }

  private static StaffClient.Answer justifiedRead(StaffClient client, String person, String text) {
    return justified(client, person, Map.of("reason", "PERSON_AT_THE_DESK", "text", text));
  }

  private static StaffClient.Answer justified(
      StaffClient client, String person, Map<String, Object> justification) {
    return client.post(
        "/api/persons/" + person + "/read",
        Map.of("purpose", "FOLLOW_UP", "justification", justification));
  }

  private String organizationId(String code) {
    return jdbc.queryForObject(
        "select id::text from organization where code = ?", String.class, code);
  }

  private int referrals(String person) {
    return jdbc.queryForObject(
        "select count(*) from referral where person_id = ?::uuid", Integer.class, person);
  }

  private boolean inCaseloadOf(TestAccount account, String person) {
    return Boolean.TRUE.equals(
        jdbc.queryForObject(
            "select exists (select 1 from caseload where advisor_id = ? and person_id = ?::uuid)",
            Boolean.class,
            account.id(),
            person));
  }

  /** Audit entries of {@code account} with this purpose code and decision, about {@code person}. */
  private int audited(TestAccount account, String code, String decision, String person) {
    List<String> wanted = new ArrayList<>(List.of(account.id().toString(), code, decision));
    if (person != null) {
      wanted.add(person);
    }
    String sql =
        "select count(*) from audit_entry where "
            + String.join(
                " and ",
                wanted.stream().map(w -> "position(convert_to(?, 'UTF8') in entry) > 0").toList());
    return jdbc.queryForObject(sql, Integer.class, wanted.toArray());
  }

  private long refusalsHeard(TestAccount account) {
    try {
      assertThat(watch.drain(Duration.ofSeconds(5))).isTrue();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
    return watch.refusalsObserved(new AccountId(account.id()));
  }
}
