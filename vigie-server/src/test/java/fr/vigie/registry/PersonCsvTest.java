package fr.vigie.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import fr.vigie.ProblemCode;
import fr.vigie.VigieException;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class PersonCsvTest {
  private static final String NIR = "295109912611193";

  // --- A valid row.

  @Test
  void parse_validRow_readsEveryField() {
    PersonRecord person = PersonCsv.parse(validRow().record());

    assertThat(person.identifier()).isEqualTo(new FranceTravailId("12345678901"));
    assertThat(person.nir()).isEqualTo(Nir.parse(NIR));
    assertThat(person.sex()).isEqualTo(Sex.FEMALE);
    assertThat(person.birthName()).isEqualTo("Martin");
    assertThat(person.usualName()).isEqualTo("Dupont");
    assertThat(person.firstNames()).isEqualTo("Claire Anne");
    assertThat(person.birthDate()).isEqualTo(LocalDate.of(1995, 10, 14));
    assertThat(person.birthPlace()).isEqualTo("99126");
    assertThat(person.email()).isEqualTo("claire.dupont@example.fr");
    assertThat(person.phone()).isEqualTo("+33 6 12 34 56 78");
    assertThat(person.address()).isEqualTo("3 rue des Lilas, 75011 Paris");
    assertThat(person.category()).isEqualTo(RegistrationCategory.A);
    assertThat(person.registeredOn()).isEqualTo(LocalDate.of(2024, 3, 1));
    assertThat(person.leftOn()).isEqualTo(LocalDate.of(2024, 9, 30));
    assertThat(person.organization()).isEqualTo("FT-75011");
  }

  @Test
  void parse_valuesWithSurroundingSpaces_areTrimmed() {
    PersonRecord person = PersonCsv.parse(validRow().with("birth_name", "  Martin ").record());

    assertThat(person.birthName()).isEqualTo("Martin");
  }

  @Test
  void parse_nirWrittenWithSpaces_isAccepted() {
    PersonRecord person = PersonCsv.parse(validRow().with("nir", "2 95 10 99 126 111 93").record());

    assertThat(person.nir().value()).isEqualTo(NIR);
  }

  /** Found in review: the stricter address refused a punycode top-level domain. */
  @Test
  void parse_emailUnderAnInternationalizedTopLevelDomain_isAccepted() {
    assertThat(
            PersonCsv.parse(validRow().with("email", "claire@example.xn--p1ai").record()).email())
        .isEqualTo("claire@example.xn--p1ai");
    assertThat(PersonCsv.parse(validRow().with("email", "claire@exemple.рф").record()).email())
        .isEqualTo("claire@exemple.рф");
  }

  @Test
  void parse_corsicanBirthPlace_isAccepted() {
    assertThat(PersonCsv.parse(validRow().with("birth_place", "2A004").record()).birthPlace())
        .isEqualTo("2A004");
  }

  @Test
  void parse_leftOnSameDayAsRegisteredOn_isAccepted() {
    assertThat(PersonCsv.parse(validRow().with("left_on", "2024-03-01").record()).leftOn())
        .isEqualTo(LocalDate.of(2024, 3, 1));
  }

  @Test
  void parse_textOfMaximumLength_isAccepted() {
    String address = "a".repeat(200);

    assertThat(PersonCsv.parse(validRow().with("address", address).record()).address())
        .isEqualTo(address);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"nir", "sex", "usual_name", "birth_place", "email", "phone", "address", "left_on"})
  void parse_optionalFieldEmpty_isReadAsNull(String column) {
    PersonRecord person = PersonCsv.parse(validRow().with(column, "").record());

    assertThat(valueOf(person, column)).isNull();
  }

  // --- Rejected rows: the right code, a message naming the field, and never the value.

  @ParameterizedTest(name = "{0} = \"{1}\": {2}")
  @CsvSource(
      delimiter = '|',
      value = {
        "identifier    | A2345678                   | IDENTIFIER_INVALID | identifier",
        "nir           | 295109912611199            | NIR_INVALID        | nir",
        "nir           | 29510991261119             | NIR_INVALID        | nir",
        "sex           | M                          | NIR_INCONSISTENT   | nir",
        "birth_date    | 1996-10-14                 | NIR_INCONSISTENT   | nir",
        "birth_date    | 1995-11-14                 | NIR_INCONSISTENT   | nir",
        "sex           | Homme                      | FIELD_INVALID      | sex",
        "birth_date    | 1995-02-30                 | FIELD_INVALID      | birth_date",
        "birth_date    | 14/10/1995                 | FIELD_INVALID      | birth_date",
        "birth_place   | 9912                       | FIELD_INVALID      | birth_place",
        "birth_place   | 2C004                      | FIELD_INVALID      | birth_place",
        "email         | claire.dupont@example      | FIELD_INVALID      | email",
        "email         | claire dupont@example.fr   | FIELD_INVALID      | email",
        "email         | claire@dupont@example.fr   | FIELD_INVALID      | email",
        "email         | claire@example.fr;env;     | FIELD_INVALID      | email",
        "email         | claire@example.fr>         | FIELD_INVALID      | email",
        "email         | claire..dupont@example.fr  | FIELD_INVALID      | email",
        "email         | claire@-example.fr         | FIELD_INVALID      | email",
        "phone         | 06-12-34-56-78             | FIELD_INVALID      | phone",
        "phone         | 06 12                      | FIELD_INVALID      | phone",
        "category      | CAT-A                      | FIELD_INVALID      | category",
        "registered_on | 2024-13-01                 | FIELD_INVALID      | registered_on",
        "left_on       | 2024-02-29                 | FIELD_INVALID      | left_on",
        "left_on       | 30/09/2024                 | FIELD_INVALID      | left_on",
      })
  void parse_badValue_isRejectedWithoutValue(
      String column, String value, ProblemCode code, String namedField) {
    VigieException e = rejection(validRow().with(column, value));

    assertThat(e.code()).isEqualTo(code);
    assertThat(e.getMessage()).startsWith(namedField + ": ").doesNotContain(value);
  }

  @Test
  void parse_nirInconsistentWithBirthDate_doesNotShowTheNir() {
    VigieException e = rejection(validRow().with("birth_date", "1996-10-14"));

    assertThat(e.getMessage()).doesNotContain(NIR).doesNotContain("111").doesNotContain("99126");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "identifier",
        "birth_name",
        "first_names",
        "birth_date",
        "category",
        "registered_on",
        "organization"
      })
  void parse_requiredFieldEmpty_isRejectedAsMissing(String column) {
    VigieException e = rejection(validRow().with(column, ""));

    assertThat(e.code()).isEqualTo(ProblemCode.FIELD_MISSING);
    assertThat(e.getMessage()).isEqualTo(column + ": is required");
  }

  @ParameterizedTest
  @ValueSource(strings = {"birth_name", "first_names", "address", "organization"})
  void parse_controlCharacterInsideText_isRejectedWithoutValue(String column) {
    String value = "Mar\u0007tin\nDurand";

    VigieException e = rejection(validRow().with(column, value));

    assertThat(e.code()).isEqualTo(ProblemCode.FIELD_INVALID);
    assertThat(e.getMessage())
        .isEqualTo(column + ": has a control character")
        .doesNotContain("Mar")
        .doesNotContain("Durand");
  }

  @ParameterizedTest
  @ValueSource(strings = {"birth_name", "usual_name", "first_names", "address"})
  void parse_bidiOverrideOrLoneSurrogateInsideText_isRejectedWithoutValue(String column) {
    for (String value : new String[] {"Mar\u202Etin", "Mar\uD800tin", "Mar\u200Btin"}) {
      VigieException e = rejection(validRow().with(column, value));

      assertThat(e.code()).isEqualTo(ProblemCode.FIELD_INVALID);
      assertThat(e.getMessage()).startsWith(column + ": holds").doesNotContain("Mar");
    }
  }

  @ParameterizedTest(name = "{0} = \"{1}\"")
  @CsvSource(
      delimiter = '|',
      value = {
        "birth_name | 12345",
        "birth_name | -- ' .",
        "birth_name | Иванов",
        "birth_name | \uD83D\uDE00",
        "birth_name | 李",
        "usual_name | 2024",
        "usual_name | Петрова",
      })
  void parse_lastNameWithNoLatinLetter_isRejectedAsTheSearchWouldRefuseIt(
      String column, String value) {
    VigieException e = rejection(validRow().with(column, value));

    assertThat(e.code()).isEqualTo(ProblemCode.FIELD_INVALID);
    assertThat(e.getMessage())
        .isEqualTo(column + ": needs at least one letter from A to Z, accents aside");
  }

  @ParameterizedTest
  @ValueSource(strings = {"Ølsen", "N'Diaye", "Œuvrard", "Lê", "O"})
  void parse_lastNameWithSomeLatinLetter_isAccepted(String value) {
    PersonRecord person = PersonCsv.parse(validRow().with("birth_name", value).record());

    assertThat(person.birthName()).isEqualTo(value);
  }

  /** Every column, whatever it holds, refuses a NUL, a bidirectional override, a lone surrogate. */
  @Test
  void parse_nulBidiOverrideOrLoneSurrogateInAnyColumn_isRejectedNamingTheColumn() {
    Map<String, String> valid = validRow().byColumn();
    for (String column : PersonCsv.COLUMNS) {
      String value = valid.get(column).isEmpty() ? "x" : valid.get(column);
      for (String hidden : new String[] {"\u0000", "\u202E", "\uDC00", "\uD800"}) {
        String spliced = value.substring(0, 1) + hidden + value.substring(1);

        String named = column + " with U+%04X".formatted((int) hidden.charAt(0));

        VigieException e =
            catchThrowableOfType(
                VigieException.class,
                () -> PersonCsv.parse(validRow().with(column, spliced).record()));

        assertThat(e).as(named).isNotNull();
        assertThat(e.code()).as(named).isEqualTo(ProblemCode.FIELD_INVALID);
        assertThat(e.getMessage()).as(named).startsWith(column + ": ");
      }
    }
  }

  @Test
  void parse_textLongerThanMaximum_isRejectedWithoutValue() {
    String address = "b".repeat(201);

    VigieException e = rejection(validRow().with("address", address));

    assertThat(e.code()).isEqualTo(ProblemCode.FIELD_INVALID);
    assertThat(e.getMessage()).isEqualTo("address: longer than 200 characters");
  }

  @Test
  void parse_tooFewColumns_isRejected() {
    List<String> values = new ArrayList<>(validRow().values());
    values.removeLast();

    VigieException e = rejection(record(values));

    assertThat(e.code()).isEqualTo(ProblemCode.FIELD_INVALID);
    assertThat(e.getMessage()).isEqualTo("row has 14 columns, expected 15");
  }

  @Test
  void parse_tooManyColumns_isRejected() {
    List<String> values = new ArrayList<>(validRow().values());
    values.add("extra");

    VigieException e = rejection(record(values));

    assertThat(e.code()).isEqualTo(ProblemCode.FIELD_INVALID);
    assertThat(e.getMessage()).isEqualTo("row has 16 columns, expected 15");
  }

  // --- Writing, and the header.

  @Test
  void write_thenParse_roundTrips() throws IOException {
    PersonRecord full =
        PersonCsv.parse(validRow().with("address", "3 \"Les Lilas\", Paris").record());
    PersonRecord sparse =
        PersonCsv.parse(
            validRow()
                .with("nir", "")
                .with("sex", "")
                .with("usual_name", "")
                .with("birth_place", "")
                .with("email", "")
                .with("phone", "")
                .with("address", "")
                .with("left_on", "")
                .record());
    StringWriter out = new StringWriter();
    try (CSVPrinter printer = PersonCsv.printer(out)) {
      PersonCsv.write(printer, full);
      PersonCsv.write(printer, sparse);
    }

    List<CSVRecord> records;
    try (CSVParser parser = CSVParser.parse(out.toString(), PersonCsv.FORMAT)) {
      records = parser.getRecords();
    }

    assertThat(records).hasSize(3);
    PersonCsv.checkHeader(records.get(0).toList());
    assertThat(PersonCsv.parse(records.get(1))).isEqualTo(full);
    assertThat(PersonCsv.parse(records.get(2))).isEqualTo(sparse);
  }

  @Test
  void checkHeader_columnsInOrder_isAccepted() {
    PersonCsv.checkHeader(List.copyOf(PersonCsv.COLUMNS));
  }

  @Test
  void checkHeader_columnsSwapped_isRejected() {
    List<String> header = new ArrayList<>(PersonCsv.COLUMNS);
    header.set(0, "nir");
    header.set(1, "identifier");

    assertHeaderRejected(header);
  }

  @Test
  void checkHeader_missingColumn_isRejected() {
    assertHeaderRejected(PersonCsv.COLUMNS.subList(0, PersonCsv.COLUMNS.size() - 1));
  }

  @Test
  void checkHeader_upperCaseColumns_isRejected() {
    assertHeaderRejected(PersonCsv.COLUMNS.stream().map(String::toUpperCase).toList());
  }

  private static void assertHeaderRejected(List<String> header) {
    assertThatThrownBy(() -> PersonCsv.checkHeader(header))
        .isInstanceOfSatisfying(
            VigieException.class,
            e -> assertThat(e.code()).isEqualTo(ProblemCode.IMPORT_FILE_INVALID))
        .hasMessage("line 1: the header must be exactly: " + String.join(",", PersonCsv.COLUMNS));
  }

  // --- Helpers.

  private static Row validRow() {
    Map<String, String> values = new LinkedHashMap<>();
    values.put("identifier", "12345678901");
    values.put("nir", NIR);
    values.put("sex", "F");
    values.put("birth_name", "Martin");
    values.put("usual_name", "Dupont");
    values.put("first_names", "Claire Anne");
    values.put("birth_date", "1995-10-14");
    values.put("birth_place", "99126");
    values.put("email", "claire.dupont@example.fr");
    values.put("phone", "+33 6 12 34 56 78");
    values.put("address", "3 rue des Lilas, 75011 Paris");
    values.put("category", "A");
    values.put("registered_on", "2024-03-01");
    values.put("left_on", "2024-09-30");
    values.put("organization", "FT-75011");
    assertThat(values.keySet()).containsExactlyElementsOf(PersonCsv.COLUMNS);
    return new Row(values);
  }

  /** One row of an import file, by column name. */
  private record Row(Map<String, String> byColumn) {
    Row with(String column, String value) {
      assertThat(byColumn).containsKey(column);
      Map<String, String> changed = new LinkedHashMap<>(byColumn);
      changed.put(column, value);
      return new Row(changed);
    }

    List<String> values() {
      return List.copyOf(byColumn.values());
    }

    CSVRecord record() {
      return PersonCsvTest.record(values());
    }
  }

  /** Parses one line, every value quoted, with the import format. */
  private static CSVRecord record(List<String> values) {
    String line =
        values.stream()
            .map(v -> "\"" + v.replace("\"", "\"\"") + "\"")
            .collect(Collectors.joining(","));
    try (CSVParser parser = CSVParser.parse(line + "\n", PersonCsv.FORMAT)) {
      List<CSVRecord> records = parser.getRecords();
      assertThat(records).hasSize(1);
      return records.getFirst();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static VigieException rejection(Row row) {
    return rejection(row.record());
  }

  private static VigieException rejection(CSVRecord record) {
    VigieException e = catchThrowableOfType(VigieException.class, () -> PersonCsv.parse(record));
    assertThat(e).as("the row is rejected").isNotNull();
    return e;
  }

  private static Object valueOf(PersonRecord person, String column) {
    return switch (column) {
      case "nir" -> person.nir();
      case "sex" -> person.sex();
      case "usual_name" -> person.usualName();
      case "birth_place" -> person.birthPlace();
      case "email" -> person.email();
      case "phone" -> person.phone();
      case "address" -> person.address();
      case "left_on" -> person.leftOn();
      default -> throw new IllegalArgumentException("not an optional column: " + column);
    };
  }
}
