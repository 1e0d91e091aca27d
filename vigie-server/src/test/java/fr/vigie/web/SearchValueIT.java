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
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Search values whose canonical form is empty: a last name is indexed on its letters A to Z only,
 * so a name with none indexed as the empty name and found every person born that day whose name had
 * none either (written in another script). Such a value is refused before anything is counted.
 */
class SearchValueIT extends IdentityIntegrationTest {
  private static final List<String> NO_LATIN_LETTER =
      List.of("12345", "Иванова", "王", "Ωμέγα", "\uD83D\uDE00", "- ' .", "*", "%");

  @Autowired Registry registry;

  private TestAccount advisor;
  private final List<PersonRecord> records = new ArrayList<>();

  @BeforeEach
  void agencyWithPersonsNamedInOtherScripts() {
    String agency = "FT-" + UUID.randomUUID();
    advisor = newAccount(Role.ADVISOR, agency, OrganizationKind.FRANCE_TRAVAIL_AGENCY);
    long base = Math.floorMod(UUID.randomUUID().getMostSignificantBits(), 9_000_000_000L);
    PersonRecord first = TestPersons.person(base, agency);
    records.clear();
    records.add(first);
    for (String name : List.of("Петрова", "李")) {
      PersonRecord row = TestPersons.person(base + 12 * 20 * 28 * (records.size() + 1), agency);
      records.add(named(row, name, first));
    }
    registry.importRecords(
        records.iterator(), records.size(), ImportOptions.defaults(), ImportProgress.NONE);
    for (PersonRecord row : records) {
      String id = registry.findByIdentifier(row.identifier()).orElseThrow().toString();
      jdbc.update(
          "insert into caseload (advisor_id, person_id) values (?, ?::uuid)", advisor.id(), id);
    }
  }

  @Test
  void searchByName_withNoLatinLetter_isRefusedAndFindsNobody() {
    StaffClient client = signedIn(advisor);
    String birthDate = records.get(1).birthDate().toString();

    for (String value : NO_LATIN_LETTER) {
      StaffClient.Answer answer = search(client, value, birthDate);

      assertThat(answer.status()).as(value).isEqualTo(400);
      assertThat(answer.json().get("code").asString()).isEqualTo("SEARCH_CRITERION_INVALID");
      assertThat(answer.body()).doesNotContain("Петрова").doesNotContain("李").doesNotContain(value);
    }
  }

  @Test
  void searchByName_withLatinLetters_stillFindsItsPerson() {
    StaffClient client = signedIn(advisor);
    PersonRecord latin = records.get(0);

    StaffClient.Answer answer =
        search(
            client,
            " " + latin.lastName().toLowerCase(Locale.ROOT) + "-42 ",
            latin.birthDate().toString());

    assertThat(answer.status()).isEqualTo(200);
    assertThat(answer.json().size()).isEqualTo(1);
  }

  private static StaffClient.Answer search(StaffClient client, String value, String birthDate) {
    return client.post(
        "/api/persons/search",
        Map.of("criterion", "NAME_AND_BIRTH_DATE", "value", value, "birthDate", birthDate));
  }

  /** {@code row} with {@code name} as its birth name and {@code like}'s birth date. */
  private static PersonRecord named(PersonRecord row, String name, PersonRecord like) {
    return new PersonRecord(
        row.identifier(),
        row.nir(),
        row.sex(),
        name,
        null,
        row.firstNames(),
        like.birthDate(),
        row.birthPlace(),
        row.email(),
        row.phone(),
        row.address(),
        row.category(),
        row.registeredOn(),
        row.leftOn(),
        row.organization());
  }
}
