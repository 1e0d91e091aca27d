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
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * {@code POST /api/relationships} over HTTP: only a manager grants; once it holds, the advisor
 * covering an absent colleague reads the colleague's person without breaking the glass; the grant
 * is audited.
 */
class TimeBoxedRelationshipApiIT extends IdentityIntegrationTest {
  @Autowired Registry registry;

  private TestAccount advisor;
  private TestAccount colleague;
  private TestAccount manager;
  private String colleaguesPerson;

  @BeforeEach
  void agency() {
    String agency = "FT-" + UUID.randomUUID();
    advisor = newAccount(Role.ADVISOR, agency, OrganizationKind.FRANCE_TRAVAIL_AGENCY);
    colleague = newAccount(Role.ADVISOR, agency, OrganizationKind.FRANCE_TRAVAIL_AGENCY);
    manager = newAccount(Role.MANAGER, agency, OrganizationKind.FRANCE_TRAVAIL_AGENCY);
    long base = Math.floorMod(UUID.randomUUID().getMostSignificantBits(), 9_000_000_000L);
    List<PersonRecord> rows = List.of(TestPersons.person(base, agency));
    registry.importRecords(rows.iterator(), 1, ImportOptions.defaults(), ImportProgress.NONE);
    colleaguesPerson = registry.findByIdentifier(rows.get(0).identifier()).orElseThrow().toString();
    jdbc.update(
        "insert into caseload (advisor_id, person_id) values (?, ?::uuid)",
        colleague.id(),
        colleaguesPerson);
  }

  private Map<String, Object> cover() {
    return Map.of(
        "kind", "ABSENCE_COVER",
        "advisor", advisor.id().toString(),
        "colleague", colleague.id().toString(),
        "startsAt", clockNow().minus(Duration.ofHours(1)).toString(),
        "endsAt", clockNow().plus(Duration.ofHours(8)).toString());
  }

  @Test
  void grant_byAdvisor_forbiddenAndTheReadStillNeedsAJustification() {
    StaffClient reader = signedIn(advisor);

    StaffClient.Answer grant = reader.post("/api/relationships", cover());
    StaffClient.Answer read = reader.get("/api/persons/" + colleaguesPerson + "?purpose=FOLLOW_UP");

    assertThat(grant.status()).isEqualTo(403);
    assertThat(read.status()).isEqualTo(403);
    assertThat(read.json().get("code").asString()).isEqualTo("JUSTIFICATION_REQUIRED");
  }

  @Test
  void grant_byManager_coveringAdvisorReadsWithoutJustification_andTheGrantIsAudited() {
    StaffClient reader = signedIn(advisor);
    StaffClient boss = signedIn(manager);

    StaffClient.Answer grant = boss.post("/api/relationships", cover());
    StaffClient.Answer read = reader.get("/api/persons/" + colleaguesPerson + "?purpose=FOLLOW_UP");

    assertThat(grant.status()).as(grant.body()).isEqualTo(201);
    assertThat(grant.json().get("id").asString()).hasSize(36);
    assertThat(read.status()).as(read.body()).isEqualTo(200);
    Integer audited =
        jdbc.queryForObject(
            "select count(*) from audit_entry where position(convert_to(?, 'UTF8') in entry) > 0"
                + " and position(convert_to(?, 'UTF8') in entry) > 0",
            Integer.class,
            manager.id().toString(),
            "RELATIONSHIP_GRANT.ABSENCE_COVER");
    assertThat(audited).isEqualTo(1);
  }
}
