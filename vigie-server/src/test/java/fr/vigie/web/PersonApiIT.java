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
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The persons API end to end, over HTTP, through sign-in with both factors: need-to-know holds on
 * every endpoint, refusals leave no data, and a read that cannot be audited returns nothing.
 */
class PersonApiIT extends IdentityIntegrationTest {
  @Autowired Registry registry;

  private String agency;
  private String capEmploi;
  private TestAccount advisor;
  private TestAccount partner;
  private String followed;
  private String referred;
  private String stranger;
  private PersonRecord followedRecord;

  @BeforeEach
  void agency() {
    // The ceilings asserted here are the working day's: the shared clock may stand at night.
    moveToWorkingHours();
    agency = "FT-" + UUID.randomUUID();
    capEmploi = "CE-" + UUID.randomUUID();
    advisor = newAccount(Role.ADVISOR, agency, OrganizationKind.FRANCE_TRAVAIL_AGENCY);
    partner = newAccount(Role.ADVISOR, capEmploi, OrganizationKind.CAP_EMPLOI);
    long base = Math.floorMod(UUID.randomUUID().getMostSignificantBits(), 9_000_000_000L);
    followedRecord = TestPersons.person(base + 1, agency);
    PersonRecord other = TestPersons.person(base + 2, agency);
    PersonRecord strangerRecord = TestPersons.person(base + 3, agency);
    Iterator<PersonRecord> rows = List.of(followedRecord, other, strangerRecord).iterator();
    registry.importRecords(rows, 3, ImportOptions.defaults(), ImportProgress.NONE);
    followed = idOf(followedRecord);
    referred = idOf(other);
    stranger = idOf(strangerRecord);
    jdbc.update(
        "insert into caseload (advisor_id, person_id) values (?, ?::uuid)", advisor.id(), followed);
    jdbc.update(
        "insert into referral (person_id, organization_id, referred_by)"
            + " select ?::uuid, o.id, ? from organization o where o.code = ?",
        referred,
        advisor.id(),
        capEmploi);
  }

  @Test
  void partnerAdvisor_personNotReferred_getsNothingThroughAnyEndpoint() {
    StaffClient client = signedIn(partner);

    assertThat(client.get("/api/persons/" + followed).status()).isEqualTo(403);
    assertThat(client.get("/api/persons/" + stranger).status()).isEqualTo(403);
    assertThat(
            client
                .post(
                    "/api/persons/" + followed + "/read",
                    Map.of(
                        "purpose",
                        "FOLLOW_UP",
                        "justification",
                        Map.of("reason", "PERSON_AT_THE_DESK", "text", "venue au guichet")))
                .status())
        .isEqualTo(403);
    StaffClient.Answer search =
        client.post(
            "/api/persons/search",
            Map.of("criterion", "IDENTIFIER_EXACT", "value", followedRecord.identifier().value()));
    assertThat(search.status()).isEqualTo(200);
    assertThat(search.json().size()).isZero();
    StaffClient.Answer update =
        client.patch(
            "/api/persons/" + followed,
            Map.of("purpose", "FOLLOW_UP", "changes", Map.of("phone", "07 00 00 00 00")));
    assertThat(update.status()).isEqualTo(403);
    assertThat(update.body() + search.body())
        .doesNotContain(followedRecord.birthName())
        .doesNotContain(followedRecord.identifier().value().substring(3));
  }

  @Test
  void partnerAdvisor_referredPerson_readsMissionFieldsWithoutNir() {
    StaffClient.Answer read = signedIn(partner).get("/api/persons/" + referred);

    assertThat(read.status()).isEqualTo(200);
    assertThat(read.json().get("basis").asString()).isEqualTo("REFERRAL");
    assertThat(read.json().get("fields").has("birth_name")).isTrue();
    assertThat(read.json().get("fields").has("nir")).isFalse();
  }

  @Test
  void agencyAdvisor_caseloadPerson_readsWithNirMaskedAndSearchFindsIt() {
    StaffClient client = signedIn(advisor);

    StaffClient.Answer read = client.get("/api/persons/" + followed);
    StaffClient.Answer search =
        client.post(
            "/api/persons/search",
            Map.of("criterion", "IDENTIFIER_EXACT", "value", followedRecord.identifier().value()));

    assertThat(read.status()).isEqualTo(200);
    assertThat(read.json().get("fields").get("birth_name").asString())
        .isEqualTo(followedRecord.birthName());
    assertThat(read.json().get("fields").get("nir").asString())
        .isEqualTo(followedRecord.nir().masked());
    assertThat(search.json().size()).isEqualTo(1);
    assertThat(search.json().get(0).get("id").asString()).isEqualTo(followed);
  }

  @Test
  void agencyAdvisor_personOutsideCaseload_needsJustificationThatTheJournalShows() {
    StaffClient client = signedIn(advisor);

    StaffClient.Answer refused = client.get("/api/persons/" + stranger);
    StaffClient.Answer justified =
        client.post(
            "/api/persons/" + stranger + "/read",
            Map.of(
                "purpose",
                "FOLLOW_UP",
                "justification",
                Map.of("reason", "PERSON_AT_THE_DESK", "text", "Venue au guichet ce matin")));

    assertThat(refused.status()).isEqualTo(403);
    assertThat(refused.json().get("code").asString()).isEqualTo("JUSTIFICATION_REQUIRED");
    assertThat(justified.status()).isEqualTo(200);
    assertThat(justified.json().get("basis").asString()).isEqualTo("JUSTIFICATION");
    TestAccount dpo = newAccount(Role.DPO, agency, OrganizationKind.FRANCE_TRAVAIL_AGENCY);
    StaffClient.Answer journal = signedIn(dpo).get("/api/persons/" + stranger + "/journal");
    assertThat(journal.status()).isEqualTo(200);
    assertThat(journal.body()).contains("Venue au guichet ce matin").contains("ADVISOR");
  }

  /** A DPO account a partner should never have held (left from before the rule) reads nothing. */
  @Test
  void journal_byADpoAccountOfAPartner_isRefused() {
    TestAccount dpo = newAccount(Role.MANAGER, "CE-" + java.util.UUID.randomUUID());
    jdbc.update("update staff_account set role = 'DPO' where id = ?", dpo.id());

    StaffClient.Answer journal = signedIn(dpo).get("/api/persons/" + stranger + "/journal");

    assertThat(journal.status()).isEqualTo(403);
    assertThat(journal.json().get("code").asString()).isEqualTo("ACCESS_DENIED");
  }

  @Test
  void justificationText_afterThePersonIsErased_isGoneFromTheDatabaseAndTheJournal() {
    String text = "Madame Testnom venue au guichet avec sa fille";
    StaffClient.Answer justified =
        signedIn(advisor)
            .post(
                "/api/persons/" + stranger + "/read",
                Map.of(
                    "purpose",
                    "FOLLOW_UP",
                    "justification",
                    Map.of("reason", "PERSON_AT_THE_DESK", "text", text)));
    assertThat(justified.status()).isEqualTo(200);
    StaffClient dpo =
        signedIn(newAccount(Role.DPO, agency, OrganizationKind.FRANCE_TRAVAIL_AGENCY));
    assertThat(dpo.get("/api/persons/" + stranger + "/journal").body()).contains(text);

    assertThat(registry.erase(fr.vigie.registry.PersonId.parse(stranger))).isTrue();

    StaffClient.Answer journal = dpo.get("/api/persons/" + stranger + "/journal");
    assertThat(journal.status()).isEqualTo(200);
    assertThat(journal.body()).doesNotContain("venue au guichet").contains("PERSON_AT_THE_DESK");
    assertThat(
            jdbc.queryForObject(
                "select count(*) from justification where person_id = ?::uuid"
                    + " and (text is not null or position(convert_to('guichet', 'UTF8')"
                    + " in coalesce(text_sealed, ''::bytea)) > 0)",
                Integer.class,
                stranger))
        .isZero();
    assertThat(
            jdbc.queryForObject(
                "select count(*) from justification where person_id = ?::uuid",
                Integer.class,
                stranger))
        .isEqualTo(1);
  }

  @Test
  void agencyAdvisor_updateOfCaseloadPerson_isStoredAndAudited() {
    StaffClient client = signedIn(advisor);

    StaffClient.Answer update =
        client.patch(
            "/api/persons/" + followed,
            Map.of("purpose", "FOLLOW_UP", "changes", Map.of("phone", "07 11 22 33 44")));

    assertThat(update.status()).isEqualTo(204);
    assertThat(client.get("/api/persons/" + followed).json().get("fields").get("phone").asString())
        .isEqualTo("07 11 22 33 44");
  }

  @Test
  void read_samePersonInALoop_meetsTheCeilingOnAllAccesses() {
    StaffClient client = signedIn(advisor);
    int served = 0;
    StaffClient.Answer last;
    do {
      last = client.get("/api/persons/" + followed);
      if (last.status() == 200) {
        served++;
      }
    } while (last.status() == 200 && served <= 100);

    assertThat(served).isEqualTo(30);
    assertThat(last.status()).isEqualTo(429);
    assertThat(last.json().get("code").asString()).isEqualTo("CEILING_REACHED");
    assertThat(last.json().get("detail").asString())
        .isEqualTo("more than 30 accesses within 1 minute");
    assertThat(last.response().headers().firstValue("Retry-After")).hasValue("60");
    assertThat(last.body()).doesNotContain(followedRecord.birthName());
    assertThat(
            jdbc.queryForObject(
                "select containment from staff_account where id = ?", String.class, advisor.id()))
        .isEqualTo("ACTIVE");
  }

  @Test
  void read_auditLogCannotBeWritten_returnsNoData() {
    StaffClient client = signedIn(advisor);
    owner.execute("alter table audit_entry rename to audit_entry_away");
    StaffClient.Answer read;
    try {
      read = client.get("/api/persons/" + followed);
    } finally {
      owner.execute("alter table audit_entry_away rename to audit_entry");
    }

    assertThat(read.status()).isEqualTo(503);
    assertThat(read.body())
        .doesNotContain(followedRecord.birthName())
        .contains("AUDIT_UNAVAILABLE");
  }

  private String idOf(PersonRecord person) {
    return registry.findByIdentifier(person.identifier()).orElseThrow().toString();
  }
}
