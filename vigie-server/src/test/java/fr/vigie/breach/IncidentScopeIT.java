package fr.vigie.breach;

import static org.assertj.core.api.Assertions.assertThat;

import fr.vigie.identity.IdentityIntegrationTest;
import fr.vigie.identity.OrganizationKind;
import fr.vigie.identity.Role;
import fr.vigie.identity.StaffClient;
import fr.vigie.registry.Registry;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * A contained attack replayed through the server, then the incident: the persons scoped are exactly
 * those whose data the attacker's answers disclosed, each with exactly the fields the answers held,
 * and nobody an honest colleague read at the same time.
 */
class IncidentScopeIT extends IdentityIntegrationTest {
  @Autowired Registry registry;

  private String agency;
  private TestAccount thief;
  private TestAccount colleague;
  private List<String> thiefCaseload;
  private List<String> colleagueCaseload;

  @BeforeEach
  void agency() {
    agency = "FT-" + UUID.randomUUID();
    thief = newAccount(Role.ADVISOR, agency, OrganizationKind.FRANCE_TRAVAIL_AGENCY);
    colleague = newAccount(Role.ADVISOR, agency, OrganizationKind.FRANCE_TRAVAIL_AGENCY);
    thiefCaseload = BreachPersons.imported(registry, agency, 14, null);
    colleagueCaseload = BreachPersons.imported(registry, agency, 3, null);
    assign(thief, thiefCaseload);
    assign(colleague, colleagueCaseload);
  }

  @Test
  void declare_afterAContainedAttack_scopesExactlyWhatTheAnswersDisclosed() {
    Instant before = clockNow();
    moveClock(Duration.ofSeconds(1));
    Map<String, Set<String>> disclosed = attack();
    honestWork();
    moveClock(Duration.ofSeconds(1));
    Instant after = clockNow();
    StaffClient analyst = signedIn(newAccount(Role.SECURITY_ANALYST, agency));

    StaffClient.Answer declared =
        analyst.post(
            "/api/incidents",
            Map.of(
                "reference",
                "INC-" + UUID.randomUUID(),
                "scope",
                accounts(List.of(thief), before, after)));

    assertThat(declared.status()).as(declared.body()).isEqualTo(200);
    JsonNode incident = declared.json();
    assertThat(disclosed).isNotEmpty();
    assertThat(scoped(analyst, incident)).isEqualTo(disclosed);
    assertThat(incident.get("totals").get("persons").asLong()).isEqualTo(disclosed.size());
    JsonNode verified = incident.get("scopes").get(0).get("verified");
    assertThat(verified.get("end").asLong()).isGreaterThan(verified.get("first").asLong());
    assertThat(auditCount("INCIDENT.DECLARE." + id(incident).toUpperCase())).isEqualTo(1);
  }

  @Test
  void widen_withASecondAccount_addsItsPersonsAndKeepsTheFirstScope() {
    Instant before = clockNow();
    moveClock(Duration.ofSeconds(1));
    Map<String, Set<String>> disclosed = attack();
    Map<String, Set<String>> honest = honestWork();
    moveClock(Duration.ofSeconds(1));
    Instant after = clockNow();
    StaffClient dpo = signedIn(newAccount(Role.DPO, agency));
    JsonNode incident =
        dpo.post(
                "/api/incidents",
                Map.of(
                    "reference",
                    "INC-" + UUID.randomUUID(),
                    "scope",
                    accounts(List.of(thief), before, after)))
            .json();

    StaffClient.Answer widened =
        dpo.post(
            "/api/incidents/" + id(incident) + "/scopes",
            accounts(List.of(colleague), before, after));

    assertThat(widened.status()).as(widened.body()).isEqualTo(200);
    Map<String, Set<String>> expected = new HashMap<>(disclosed);
    expected.putAll(honest);
    assertThat(scoped(dpo, widened.json())).isEqualTo(expected);
    JsonNode scopes = widened.json().get("scopes");
    assertThat(scopes).hasSize(2);
    assertThat(scopes.get(0).get("persons").asInt()).isEqualTo(disclosed.size());
    assertThat(scopes.get(1).get("persons").asInt()).isEqualTo(honest.size());
    assertThat(scopes.get(0).get("scope").get("accounts").get(0).get("value").asString())
        .isEqualTo(thief.id().toString());
  }

  @Test
  void declare_byOrganization_coversEveryAccountOfIt() {
    Instant before = clockNow();
    moveClock(Duration.ofSeconds(1));
    Map<String, Set<String>> expected = new HashMap<>(attack());
    expected.putAll(honestWork());
    moveClock(Duration.ofSeconds(1));
    Instant after = clockNow();
    StaffClient analyst = signedIn(newAccount(Role.SECURITY_ANALYST, agency));
    UUID organization =
        jdbc.queryForObject("select id from organization where code = ?", UUID.class, agency);

    StaffClient.Answer declared =
        analyst.post(
            "/api/incidents",
            Map.of(
                "reference",
                "INC-" + UUID.randomUUID(),
                "scope",
                Map.of(
                    "organization", organization.toString(),
                    "from", before.toString(),
                    "to", after.toString())));

    assertThat(declared.status()).as(declared.body()).isEqualTo(200);
    assertThat(scoped(analyst, declared.json())).isEqualTo(expected);
  }

  @Test
  void declare_byAnAdvisor_isRefusedAndAudited() {
    assertDeclarationRefusedAndAudited(colleague);
  }

  @Test
  void declare_byAPartnersAnalyst_isRefusedAndAudited() {
    assertDeclarationRefusedAndAudited(
        newAccount(Role.SECURITY_ANALYST, "CE-" + UUID.randomUUID(), OrganizationKind.CAP_EMPLOI));
  }

  private void assertDeclarationRefusedAndAudited(TestAccount declarer) {
    StaffClient client = signedIn(declarer);
    String reference = "INC-" + UUID.randomUUID();

    StaffClient.Answer refused =
        client.post(
            "/api/incidents",
            Map.of(
                "reference",
                reference,
                "scope",
                accounts(List.of(thief), clockNow().minusSeconds(60), clockNow())));

    assertThat(refused.status()).isEqualTo(403);
    assertThat(refused.json().get("code").asString()).isEqualTo("ACCESS_DENIED");
    assertThat(
            jdbc.queryForObject(
                "select count(*) from incident where reference = ?", Integer.class, reference))
        .isZero();
    assertThat(
            jdbc.queryForObject(
                "select count(*) from audit_entry where position(convert_to(?, 'UTF8') in entry) > 0"
                    + " and position(convert_to('DENY', 'UTF8') in entry) > 0",
                Integer.class,
                declarer.id().toString()))
        .isPositive();
  }

  @Test
  void declare_overARewrittenEntry_refusesToScope() {
    Instant before = clockNow();
    moveClock(Duration.ofSeconds(1));
    attack();
    moveClock(Duration.ofSeconds(1));
    Instant after = clockNow();
    long idx =
        jdbc.queryForObject(
            "select max(idx) from audit_entry where position(convert_to(?, 'UTF8') in entry) > 0",
            Long.class,
            thief.id().toString());
    byte[] original =
        jdbc.queryForObject("select entry from audit_entry where idx = ?", byte[].class, idx);
    StaffClient analyst = signedIn(newAccount(Role.SECURITY_ANALYST, agency));
    String reference = "INC-" + UUID.randomUUID();
    StaffClient.Answer refused;
    // The rewrite is the owner's: the application's role may only append to the log.
    owner.execute("alter table audit_entry disable trigger audit_entry_append_only");
    try {
      // One bit of the thief's last entry flipped in place, as a rewrite would.
      owner.update(
          "update audit_entry set entry = set_byte(entry, length(entry) - 1,"
              + " get_byte(entry, length(entry) - 1) # 1) where idx = ?",
          idx);
      refused =
          analyst.post(
              "/api/incidents",
              Map.of("reference", reference, "scope", accounts(List.of(thief), before, after)));
    } finally {
      owner.update("update audit_entry set entry = ? where idx = ?", original, idx);
      owner.execute("alter table audit_entry enable trigger audit_entry_append_only");
    }

    assertThat(refused.status()).isEqualTo(500);
    assertThat(refused.json().get("code").asString()).isEqualTo("AUDIT_LOG_INVALID");
    assertThat(refused.json().get("detail").asString()).contains("entry " + idx);
    assertThat(
            jdbc.queryForObject(
                "select count(*) from incident where reference = ?", Integer.class, reference))
        .isZero();
  }

  /**
   * The usurped account reads its caseload at full speed, some for a purpose that shows more, and
   * tries a person it does not follow, until the guard stops it. Returns what the 200 answers held.
   */
  private Map<String, Set<String>> attack() {
    StaffClient reader = signedIn(thief);
    Map<String, Set<String>> disclosed = new HashMap<>();
    StaffClient.Answer outside = reader.get("/api/persons/" + colleagueCaseload.get(0));
    assertThat(outside.status()).isEqualTo(403);
    int refused = 0;
    for (int n = 0; n < thiefCaseload.size(); n++) {
      String purpose = n % 3 == 0 ? "REGISTRATION_CHECK" : "FOLLOW_UP";
      StaffClient.Answer answer =
          reader.get("/api/persons/" + thiefCaseload.get(n) + "?purpose=" + purpose);
      if (answer.status() == 200) {
        Set<String> fields = new TreeSet<>();
        answer.json().get("fields").propertyNames().forEach(fields::add);
        disclosed.merge(answer.json().get("id").asString(), fields, BreachPersonsMerge::union);
      } else {
        refused++;
      }
    }
    assertThat(refused).as("the guard stopped the thief").isPositive();
    return disclosed;
  }

  private Map<String, Set<String>> honestWork() {
    StaffClient reader = signedIn(colleague);
    Map<String, Set<String>> read = new HashMap<>();
    for (String person : colleagueCaseload) {
      StaffClient.Answer answer = reader.get("/api/persons/" + person);
      assertThat(answer.status()).isEqualTo(200);
      Set<String> fields = new TreeSet<>();
      answer.json().get("fields").propertyNames().forEach(fields::add);
      read.put(person, fields);
    }
    return read;
  }

  private Map<String, Set<String>> scoped(StaffClient client, JsonNode incident) {
    StaffClient.Answer persons = client.get("/api/incidents/" + id(incident) + "/persons");
    assertThat(persons.status()).isEqualTo(200);
    Map<String, Set<String>> scoped = new HashMap<>();
    for (JsonNode person : persons.json()) {
      Set<String> fields = new TreeSet<>();
      person.get("fields").forEach(f -> fields.add(f.asString()));
      scoped.put(person.get("person").asString(), fields);
    }
    return scoped;
  }

  private static Map<String, Object> accounts(
      List<TestAccount> accounts, Instant from, Instant to) {
    List<String> ids = new ArrayList<>();
    accounts.forEach(a -> ids.add(a.id().toString()));
    return Map.of("accounts", ids, "from", from.toString(), "to", to.toString());
  }

  private static String id(JsonNode incident) {
    return incident.get("header").get("id").get("value").asString();
  }

  private int auditCount(String purpose) {
    return jdbc.queryForObject(
        "select count(*) from audit_entry where position(convert_to(?, 'UTF8') in entry) > 0",
        Integer.class,
        purpose);
  }

  private void assign(TestAccount advisor, List<String> persons) {
    for (String person : persons) {
      jdbc.update(
          "insert into caseload (advisor_id, person_id) values (?, ?::uuid)", advisor.id(), person);
    }
  }

  private static final class BreachPersonsMerge {
    static Set<String> union(Set<String> a, Set<String> b) {
      Set<String> all = new TreeSet<>(a);
      all.addAll(b);
      return all;
    }
  }
}
