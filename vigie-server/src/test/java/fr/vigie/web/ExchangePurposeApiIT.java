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
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The purpose {@code EXCHANGE} is for batches the register sends through the exchange: a
 * subcontractor's operator signed in to the console reads nothing with it, not even a person
 * referred to its organization, and nothing with any other purpose either.
 */
class ExchangePurposeApiIT extends IdentityIntegrationTest {
  @Autowired Registry registry;

  private TestAccount operator;
  private TestAccount advisor;
  private PersonRecord record;
  private String referred;

  @BeforeEach
  void subcontractor() {
    String agency = "FT-" + UUID.randomUUID();
    String subcontractor = "SUB-" + UUID.randomUUID();
    advisor = newAccount(Role.ADVISOR, agency, OrganizationKind.FRANCE_TRAVAIL_AGENCY);
    operator =
        newAccount(Role.SUBCONTRACTOR_OPERATOR, subcontractor, OrganizationKind.SUBCONTRACTOR);
    long base = Math.floorMod(UUID.randomUUID().getMostSignificantBits(), 9_000_000_000L);
    record = TestPersons.person(base + 1, agency);
    registry.importRecords(
        List.of(record).iterator(), 1, ImportOptions.defaults(), ImportProgress.NONE);
    referred = idOf(record);
    jdbc.update(
        "insert into referral (person_id, organization_id, referred_by)"
            + " select ?::uuid, o.id, ? from organization o where o.code = ?",
        referred,
        advisor.id(),
        subcontractor);
  }

  @Test
  void read_withTheExchangePurposeOverTheConsole_isRefusedWithNoData() {
    StaffClient client = signedIn(operator);

    StaffClient.Answer read = client.get("/api/persons/" + referred + "?purpose=EXCHANGE");
    StaffClient.Answer search =
        client.post(
            "/api/persons/search",
            Map.of(
                "criterion",
                "IDENTIFIER_EXACT",
                "value",
                record.identifier().value(),
                "purpose",
                "EXCHANGE"));

    assertThat(read.status()).isEqualTo(403);
    assertThat(search.status()).isEqualTo(403);
    assertThat(read.body() + search.body()).doesNotContain(record.birthName());
  }

  @Test
  void read_byAnOperatorForFollowUp_isRefused() {
    StaffClient.Answer read = signedIn(operator).get("/api/persons/" + referred);

    assertThat(read.status()).isEqualTo(403);
    assertThat(read.body()).doesNotContain(record.birthName());
  }

  private String idOf(PersonRecord person) {
    return registry.findByIdentifier(person.identifier()).orElseThrow().toString();
  }
}
