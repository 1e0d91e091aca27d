package fr.vigie.registry;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;
import javax.sql.DataSource;
import org.apache.commons.csv.CSVPrinter;

/** Small, valid, predictable persons for registry tests; person {@code i} is always the same. */
final class TestPersons {
  static final String ORGANIZATION = "FT-00001";

  private TestPersons() {}

  static PersonRecord person(int i) {
    Sex sex = i % 2 == 0 ? Sex.FEMALE : Sex.MALE;
    LocalDate birth = LocalDate.of(1960 + i % 40, 1 + i % 12, 1 + i % 28);
    String place = String.format("%02d%03d", 1 + i % 95, 1 + i % 500);
    if (place.startsWith("20")) {
      place = "21" + place.substring(2);
    }
    String first13 =
        (sex == Sex.MALE ? "1" : "2")
            + String.format("%02d%02d", birth.getYear() % 100, birth.getMonthValue())
            + place
            + String.format("%03d", 1 + i % 999);
    return new PersonRecord(
        new FranceTravailId(String.format("%011d", 10_000_000_000L + i)),
        Nir.withKey(first13),
        sex,
        "Nom" + letters(i),
        null,
        "Prénom" + letters(i * 7),
        birth,
        place,
        "personne." + i + "@exemple.fr",
        String.format("06 %02d %02d %02d %02d", i % 100, i / 100 % 100, i / 10_000 % 100, 12),
        i + " rue de la République, 69002 Lyon",
        RegistrationCategory.A,
        LocalDate.of(2020, 1, 1).plusDays(i % 1000),
        null,
        ORGANIZATION);
  }

  static List<PersonRecord> persons(int count) {
    return IntStream.range(0, count).mapToObj(TestPersons::person).toList();
  }

  static Path writeCsv(Path file, List<PersonRecord> persons) throws IOException {
    try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
        CSVPrinter printer = PersonCsv.printer(out)) {
      for (PersonRecord p : persons) {
        PersonCsv.write(printer, p);
      }
    }
    return file;
  }

  static void createOrganization(DataSource dataSource, String code) throws Exception {
    try (var c = dataSource.getConnection();
        var insert =
            c.prepareStatement(
                "insert into organization (id, code, kind, name) values (?, ?, ?, ?)")) {
      insert.setObject(1, UUID.randomUUID());
      insert.setString(2, code);
      insert.setString(3, "FRANCE_TRAVAIL_AGENCY");
      insert.setString(4, "Agence " + code);
      insert.executeUpdate();
    }
  }

  /** A name made of letters only, different for every i. */
  private static String letters(int i) {
    StringBuilder name = new StringBuilder();
    int n = i;
    do {
      name.append((char) ('a' + n % 26));
      n /= 26;
    } while (n > 0);
    return name.toString();
  }
}
