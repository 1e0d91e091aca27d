package fr.vigie.breach;

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

/** Persons for the breach tests: valid, distinct, imported through the real path. */
final class BreachPersons {
  private BreachPersons() {}

  /** Imports {@code count} persons of {@code organization}; returns their ids, in order. */
  static List<String> imported(Registry registry, String organization, int count, String email) {
    long base = Math.floorMod(UUID.randomUUID().getMostSignificantBits(), 9_000_000_000L);
    List<PersonRecord> rows = new ArrayList<>();
    for (int n = 0; n < count; n++) {
      rows.add(person(base + n, organization, email == null ? null : n + "." + email));
    }
    registry.importRecords(
        rows.iterator(), rows.size(), ImportOptions.defaults(), ImportProgress.NONE);
    List<String> ids = new ArrayList<>();
    for (PersonRecord row : rows) {
      ids.add(registry.findByIdentifier(row.identifier()).orElseThrow().toString());
    }
    return ids;
  }

  static PersonRecord person(long n, String organization, String email) {
    LocalDate birth = LocalDate.of(1980 + (int) (n % 20), 1 + (int) (n % 12), 1 + (int) (n % 28));
    String first13 =
        "1"
            + String.format("%02d%02d", birth.getYear() % 100, birth.getMonthValue())
            + "75113"
            + String.format("%03d", 1 + n % 999);
    return new PersonRecord(
        new FranceTravailId(String.format("%011d", 10_000_000_000L + n)),
        Nir.withKey(first13),
        Sex.MALE,
        "Breachnom" + Long.toString(n, 36).replaceAll("[0-9]", "x"),
        null,
        "Dominique",
        birth,
        "75113",
        email,
        "06 98 76 54 32",
        "3 rue des Lilas, 75013 Paris",
        RegistrationCategory.A,
        LocalDate.of(2024, 3, 1),
        null,
        organization);
  }
}
