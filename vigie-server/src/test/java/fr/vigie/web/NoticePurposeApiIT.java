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
import java.sql.Timestamp;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The purpose {@code BREACH_NOTICE} is for the sender of article 34 notices: the DPO signed in to
 * the console reads nothing with it, not even the contact of a person whose notice is claimed now.
 */
class NoticePurposeApiIT extends IdentityIntegrationTest {
  @Autowired Registry registry;

  private TestAccount dpo;
  private PersonRecord record;
  private String person;

  @BeforeEach
  void aClaimedNotice() {
    String agency = "FT-" + UUID.randomUUID();
    newAccount(Role.ADVISOR, agency, OrganizationKind.FRANCE_TRAVAIL_AGENCY);
    dpo = newAccount(Role.DPO);
    long base = Math.floorMod(UUID.randomUUID().getMostSignificantBits(), 9_000_000_000L);
    record = TestPersons.person(base + 1, agency);
    registry.importRecords(
        List.of(record).iterator(), 1, ImportOptions.defaults(), ImportProgress.NONE);
    person = registry.findByIdentifier(record.identifier()).orElseThrow().toString();
    UUID incident = UUID.randomUUID();
    Timestamp now = Timestamp.from(clockNow());
    jdbc.update(
        "insert into incident (id, reference, declared_at, declared_by) values (?, ?, ?, ?)",
        incident,
        "INC-" + Math.abs(incident.getLeastSignificantBits() % 1_000_000),
        now,
        dpo.id());
    jdbc.update(
        "insert into breach_notice (incident_id, person_id, fields, first_at, last_at, message_id,"
            + " state, created_at, claimed_at, attempts)"
            + " values (?, ?::uuid, array['email'], ?, ?, ?, 'CLAIMED', ?, ?, 1)",
        incident,
        person,
        now,
        now,
        "<" + UUID.randomUUID() + "@notice.vigie>",
        now,
        now);
  }

  @Test
  void read_withTheNoticePurposeOverTheConsole_isRefusedWithNoData() {
    StaffClient client = signedIn(dpo);

    StaffClient.Answer read = client.get("/api/persons/" + person + "?purpose=BREACH_NOTICE");
    StaffClient.Answer search =
        client.post(
            "/api/persons/search",
            Map.of(
                "criterion",
                "IDENTIFIER_EXACT",
                "value",
                record.identifier().value(),
                "purpose",
                "BREACH_NOTICE"));

    assertThat(read.status()).isEqualTo(403);
    assertThat(search.status()).isEqualTo(403);
    assertThat(read.body() + search.body())
        .doesNotContain(record.birthName())
        .doesNotContain(record.email());
  }

  @Test
  void read_byTheDpoForFollowUp_isRefused() {
    StaffClient.Answer read = signedIn(dpo).get("/api/persons/" + person);

    assertThat(read.status()).isEqualTo(403);
    assertThat(read.body()).doesNotContain(record.birthName());
  }
}
