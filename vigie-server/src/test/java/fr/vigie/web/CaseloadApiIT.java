package fr.vigie.web;

import static org.assertj.core.api.Assertions.assertThat;

import fr.vigie.identity.IdentityIntegrationTest;
import fr.vigie.identity.OrganizationKind;
import fr.vigie.identity.Role;
import fr.vigie.identity.StaffClient;
import fr.vigie.registry.ImportOptions;
import fr.vigie.registry.ImportProgress;
import fr.vigie.registry.PersonRecord;
import fr.vigie.registry.Registry;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * Caseload lists and the manager's review queue over HTTP: ids only, to the advisor itself or a
 * manager of its organization, each refused to everyone else, and audited.
 */
class CaseloadApiIT extends IdentityIntegrationTest {
  @Autowired Registry registry;

  private String agency;
  private String capEmploi;
  private TestAccount advisor;
  private TestAccount colleague;
  private TestAccount manager;
  private TestAccount partner;
  private PersonRecord followedRecord;
  private String followed;
  private String secondFollowed;
  private String referred;
  private String stranger;

  @BeforeEach
  void agency() {
    agency = "FT-" + UUID.randomUUID();
    capEmploi = "CE-" + UUID.randomUUID();
    advisor = newAccount(Role.ADVISOR, agency, OrganizationKind.FRANCE_TRAVAIL_AGENCY);
    colleague = newAccount(Role.ADVISOR, agency, OrganizationKind.FRANCE_TRAVAIL_AGENCY);
    manager = newAccount(Role.MANAGER, agency, OrganizationKind.FRANCE_TRAVAIL_AGENCY);
    partner = newAccount(Role.ADVISOR, capEmploi, OrganizationKind.CAP_EMPLOI);
    long base = Math.floorMod(UUID.randomUUID().getMostSignificantBits(), 9_000_000_000L);
    List<PersonRecord> records = new ArrayList<>();
    for (int n = 1; n <= 4; n++) {
      records.add(TestPersons.person(base + n, agency));
    }
    registry.importRecords(records.iterator(), 4, ImportOptions.defaults(), ImportProgress.NONE);
    followedRecord = records.get(0);
    followed = idOf(records.get(0));
    secondFollowed = idOf(records.get(1));
    referred = idOf(records.get(2));
    stranger = idOf(records.get(3));
    jdbc.update(
        "insert into caseload (advisor_id, person_id, assigned_at)"
            + " values (?, ?::uuid, now() - interval '1 day')",
        advisor.id(),
        followed);
    jdbc.update(
        "insert into caseload (advisor_id, person_id) values (?, ?::uuid)",
        advisor.id(),
        secondFollowed);
    jdbc.update(
        "insert into referral (person_id, organization_id, referred_by)"
            + " select ?::uuid, o.id, ? from organization o where o.code = ?",
        referred,
        advisor.id(),
        capEmploi);
  }

  @Test
  void ownCaseload_agencyAdvisor_listsItsPersonsByIdNewestFirstAndNothingElse() {
    StaffClient.Answer answer = signedIn(advisor).get("/api/caseloads/me");

    assertThat(answer.status()).isEqualTo(200);
    assertThat(answer.json().get("basis").asString()).isEqualTo("CASELOAD");
    assertThat(persons(answer.json())).containsExactly(secondFollowed, followed);
    assertThat(answer.json().get("persons").get(0).has("assignedAt")).isTrue();
    assertThat(answer.json().get("more").asBoolean()).isFalse();
    assertThat(answer.body())
        .doesNotContain(followedRecord.birthName())
        .doesNotContain(followedRecord.identifier().value().substring(3))
        .doesNotContain(stranger);
    assertThat(auditEntries(advisor.id(), "CASELOAD_LIST.OWN")).isEqualTo(1);
  }

  @Test
  void ownCaseload_pageOfOne_saysThereIsMoreAndTheNextPageHasTheRest() {
    StaffClient client = signedIn(advisor);

    JsonNode first = client.get("/api/caseloads/me?limit=1").json();
    JsonNode second = client.get("/api/caseloads/me?limit=1&offset=1").json();

    assertThat(persons(first)).containsExactly(secondFollowed);
    assertThat(first.get("more").asBoolean()).isTrue();
    assertThat(persons(second)).containsExactly(followed);
    assertThat(second.get("more").asBoolean()).isFalse();
  }

  @Test
  void ownCaseload_limitOutOfRange_isRefusedWithAProblem() {
    StaffClient client = signedIn(advisor);

    StaffClient.Answer tooMany = client.get("/api/caseloads/me?limit=501");
    StaffClient.Answer none = client.get("/api/caseloads/me?limit=0");

    assertThat(tooMany.status()).isEqualTo(400);
    assertThat(tooMany.json().get("code").asString()).isEqualTo("FIELD_INVALID");
    assertThat(none.status()).isEqualTo(400);
  }

  @Test
  void ownCaseload_partnerAdvisor_listsThePersonsReferredToItsOrganization() {
    StaffClient.Answer answer = signedIn(partner).get("/api/caseloads/me");

    assertThat(answer.status()).isEqualTo(200);
    assertThat(answer.json().get("basis").asString()).isEqualTo("REFERRAL");
    assertThat(persons(answer.json())).containsExactly(referred);
    assertThat(answer.json().get("persons").get(0).has("referredAt")).isTrue();
  }

  @Test
  void ownCaseload_managerOrDpo_isRefused() {
    TestAccount dpo = newAccount(Role.DPO, agency, OrganizationKind.FRANCE_TRAVAIL_AGENCY);

    StaffClient.Answer byManager = signedIn(manager).get("/api/caseloads/me");
    StaffClient.Answer byDpo = signedIn(dpo).get("/api/caseloads/me");

    assertThat(byManager.status()).isEqualTo(403);
    assertThat(byManager.json().get("code").asString()).isEqualTo("ACCESS_DENIED");
    assertThat(byDpo.status()).isEqualTo(403);
    assertThat(byManager.body() + byDpo.body()).doesNotContain(followed);
    assertThat(auditEntries(manager.id(), "CASELOAD_LIST.OWN")).isEqualTo(1);
  }

  @Test
  void ownCaseload_anonymous_isUnauthorized() {
    assertThat(client().get("/api/caseloads/me").status()).isEqualTo(401);
  }

  @Test
  void teamCaseload_managerOfTheOrganization_listsTheAdvisorsCaseload() {
    StaffClient.Answer answer = signedIn(manager).get("/api/caseloads/" + advisor.id());

    assertThat(answer.status()).isEqualTo(200);
    assertThat(persons(answer.json())).containsExactly(secondFollowed, followed);
    assertThat(auditEntries(manager.id(), "CASELOAD_LIST.TEAM")).isEqualTo(1);
  }

  @Test
  void teamCaseload_managerOfAnotherOrganizationOrAColleague_isRefused() {
    TestAccount otherManager =
        newAccount(Role.MANAGER, "FT-" + UUID.randomUUID(), OrganizationKind.FRANCE_TRAVAIL_AGENCY);

    StaffClient.Answer byOtherManager =
        signedIn(otherManager).get("/api/caseloads/" + advisor.id());
    StaffClient.Answer byColleague = signedIn(colleague).get("/api/caseloads/" + advisor.id());
    StaffClient.Answer ofManager = signedIn(manager).get("/api/caseloads/" + manager.id());

    assertThat(byOtherManager.status()).isEqualTo(403);
    assertThat(byColleague.status()).isEqualTo(403);
    assertThat(ofManager.status()).isEqualTo(403);
    assertThat(byOtherManager.body() + byColleague.body()).doesNotContain(followed);
  }

  @Test
  void reviewQueue_manager_seesItsTeamsPendingJustificationsNewestFirstUntilReviewed() {
    StaffClient reader = signedIn(advisor);
    assertThat(justifiedRead(reader, stranger, "Venue au guichet ce matin").status())
        .isEqualTo(200);
    moveClock(java.time.Duration.ofMinutes(1));
    assertThat(justifiedRead(reader, referred, "Appel de la personne").status()).isEqualTo(200);
    StaffClient managerClient = signedIn(manager);

    StaffClient.Answer queue = managerClient.get("/api/justifications?status=pending");

    assertThat(queue.status()).isEqualTo(200);
    JsonNode items = queue.json();
    List<String> texts = new ArrayList<>();
    items.forEach(item -> texts.add(item.get("text").asString()));
    assertThat(texts).contains("Venue au guichet ce matin", "Appel de la personne");
    JsonNode first = items.get(0);
    assertThat(first.get("account").asString()).isEqualTo(advisor.id().toString());
    assertThat(first.get("reason").asString()).isEqualTo("PERSON_AT_THE_DESK");
    assertThat(first.has("createdAt")).isTrue();
    assertThat(first.has("person")).isTrue();
    String id = first.get("id").asString();
    assertThat(
            managerClient
                .post("/api/justifications/" + id + "/review", Map.of("outcome", "UPHELD"))
                .status())
        .isEqualTo(204);
    assertThat(managerClient.get("/api/justifications?status=pending").body()).doesNotContain(id);
    assertThat(auditEntries(manager.id(), "JUSTIFICATION_QUEUE")).isEqualTo(2);
  }

  @Test
  void reviewQueue_advisorOrManagerOfAnotherOrganization_getsNone() {
    StaffClient reader = signedIn(advisor);
    assertThat(justifiedRead(reader, stranger, "Remplacement d'un collegue").status())
        .isEqualTo(200);
    TestAccount otherManager =
        newAccount(Role.MANAGER, "FT-" + UUID.randomUUID(), OrganizationKind.FRANCE_TRAVAIL_AGENCY);

    StaffClient.Answer byAdvisor = reader.get("/api/justifications?status=pending");
    StaffClient.Answer byOtherManager =
        signedIn(otherManager).get("/api/justifications?status=pending");

    assertThat(byAdvisor.status()).isEqualTo(403);
    assertThat(byAdvisor.body()).doesNotContain("Remplacement");
    assertThat(byOtherManager.status()).isEqualTo(200);
    assertThat(byOtherManager.json().size()).isZero();
  }

  @Test
  void reviewQueue_statusOtherThanPending_isRefused() {
    StaffClient.Answer answer = signedIn(manager).get("/api/justifications?status=reviewed");

    assertThat(answer.status()).isEqualTo(400);
    assertThat(answer.json().get("code").asString()).isEqualTo("FIELD_INVALID");
  }

  private static StaffClient.Answer justifiedRead(StaffClient client, String person, String text) {
    return client.post(
        "/api/persons/" + person + "/read",
        Map.of(
            "purpose",
            "FOLLOW_UP",
            "justification",
            Map.of("reason", "PERSON_AT_THE_DESK", "text", text)));
  }

  private static List<String> persons(JsonNode page) {
    List<String> ids = new ArrayList<>();
    page.get("persons").forEach(p -> ids.add(p.get("person").asString()));
    return ids;
  }

  private int auditEntries(UUID actor, String code) {
    return jdbc.queryForObject(
        "select count(*) from audit_entry where position(convert_to(?, 'UTF8') in entry) > 0"
            + " and position(convert_to(?, 'UTF8') in entry) > 0",
        Integer.class,
        actor.toString(),
        code);
  }

  private String idOf(PersonRecord person) {
    return registry.findByIdentifier(person.identifier()).orElseThrow().toString();
  }
}
