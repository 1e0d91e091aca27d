package fr.vigie.registry;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import fr.vigie.VigieException;
import fr.vigie.testing.Leaks;
import java.io.ByteArrayInputStream;
import java.io.StringWriter;
import java.util.List;
import org.apache.commons.csv.CSVPrinter;

/**
 * The person import file, as the import reads it (streaming CSV, header check, one row at a time):
 * any byte string either yields rows or is refused with a {@link VigieException} that names the
 * line or field but repeats no value; a row that parses prints and parses back to itself.
 */
public class PersonCsvFuzzTest {
  private static final List<String> VOCABULARY =
      List.of(
          String.join(",", PersonCsv.COLUMNS),
          "expected 6 to 20 digits, spaces or dots",
          "expected 11 digits, or 7 digits and one digit or capital letter",
          "YYYY-MM-DD");

  @FuzzTest(maxDuration = "10s")
  void importFile_anyBytes_refusesWithoutRepeatingValues(byte[] file) throws Exception {
    check(file);
  }

  /** The property, for this test and for {@link fr.vigie.AllParsersFuzzTest}. */
  public static void check(byte[] file) throws Exception {
    try (CsvBatches batches = new CsvBatches(new ByteArrayInputStream(file), 16)) {
      while (batches.hasNext()) {
        for (PersonImport.Candidate row : batches.next().rows()) {
          check(row.columns());
        }
      }
    } catch (VigieException e) {
      assertNoValueIn(e, List.of(new String(file, java.nio.charset.StandardCharsets.UTF_8)));
    }
  }

  private static void check(List<String> columns) {
    PersonRecord person;
    try {
      person = PersonCsv.parse(columns);
    } catch (VigieException e) {
      assertNoValueIn(e, columns);
      return;
    }
    StringWriter out = new StringWriter();
    try (CSVPrinter printer = PersonCsv.printer(out)) {
      PersonCsv.write(printer, person);
    } catch (java.io.IOException e) {
      throw new AssertionError(e);
    }
    try (CsvBatches again =
        new CsvBatches(
            new ByteArrayInputStream(
                out.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8)),
            1)) {
      List<PersonImport.Candidate> rows = again.next().rows();
      assertThat(rows).hasSize(1);
      assertThat(PersonCsv.parse(rows.get(0).columns())).isEqualTo(person);
    } catch (java.io.IOException e) {
      throw new AssertionError(e);
    }
  }

  private static void assertNoValueIn(VigieException e, List<String> values) {
    List<String> pieces =
        values.stream().flatMap(v -> java.util.Arrays.stream(v.split("[,\\n\\r\"]"))).toList();
    assertThat(Leaks.repeatedInput(e.getMessage(), pieces, VOCABULARY))
        .as("a value repeated in: %s", e.getMessage())
        .isNull();
  }
}
