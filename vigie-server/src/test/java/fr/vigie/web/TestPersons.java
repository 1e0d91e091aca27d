package fr.vigie.web;

import fr.vigie.registry.FranceTravailId;
import fr.vigie.registry.ImportOptions;
import fr.vigie.registry.ImportProgress;
import fr.vigie.registry.Nir;
import fr.vigie.registry.PersonRecord;
import fr.vigie.registry.RegistrationCategory;
import fr.vigie.registry.Registry;
import fr.vigie.registry.Sex;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;

/** Persons for the HTTP tests: valid, distinct by {@code n}, with a last name starting Testnom. */
public final class TestPersons {
  private TestPersons() {}

  /**
   * Imports {@code count} new persons into {@code organization} and puts them in {@code advisor}'s
   * caseload; returns their ids.
   */
  public static List<String> caseload(
      Registry registry, JdbcTemplate jdbc, UUID advisor, String organization, int count) {
    long base = Math.floorMod(UUID.randomUUID().getMostSignificantBits(), 9_000_000_000L);
    List<PersonRecord> rows = new ArrayList<>();
    for (int n = 0; n < count; n++) {
      rows.add(person(base + n, organization));
    }
    registry.importRecords(
        rows.iterator(), rows.size(), ImportOptions.defaults(), ImportProgress.NONE);
    List<String> ids = new ArrayList<>();
    for (PersonRecord row : rows) {
      String id = registry.findByIdentifier(row.identifier()).orElseThrow().toString();
      ids.add(id);
      jdbc.update("insert into caseload (advisor_id, person_id) values (?, ?::uuid)", advisor, id);
    }
    return ids;
  }

  public static PersonRecord person(long n, String organization) {
    LocalDate birth = LocalDate.of(1980 + (int) (n % 20), 1 + (int) (n % 12), 1 + (int) (n % 28));
    String first13 =
        "2"
            + String.format("%02d%02d", birth.getYear() % 100, birth.getMonthValue())
            + "69123"
            + String.format("%03d", 1 + n % 999);
    return new PersonRecord(
        new FranceTravailId(String.format("%011d", 10_000_000_000L + n)),
        Nir.withKey(first13),
        Sex.FEMALE,
        "Testnom" + Long.toString(n, 36).replaceAll("[0-9]", "x"),
        null,
        "Camille",
        birth,
        "69123",
        "camille." + n + "@exemple.fr",
        "06 12 34 56 78",
        "1 rue de la Paix, 69002 Lyon",
        RegistrationCategory.A,
        LocalDate.of(2024, 3, 1),
        null,
        organization);
  }
}
