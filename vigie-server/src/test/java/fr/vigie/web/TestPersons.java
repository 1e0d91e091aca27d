package fr.vigie.web;

import fr.vigie.registry.FranceTravailId;
import fr.vigie.registry.Nir;
import fr.vigie.registry.PersonRecord;
import fr.vigie.registry.RegistrationCategory;
import fr.vigie.registry.Sex;
import java.time.LocalDate;

/** Persons for the HTTP tests: valid, distinct by {@code n}, with a last name starting Testnom. */
public final class TestPersons {
  private TestPersons() {}

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
