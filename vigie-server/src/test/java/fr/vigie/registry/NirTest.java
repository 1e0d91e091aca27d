package fr.vigie.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import fr.vigie.ProblemCode;
import fr.vigie.VigieException;
import fr.vigie.testing.SharedData;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.time.LocalDate;
import java.util.List;
import java.util.stream.Stream;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class NirTest {
  /** Born abroad (99126), female, October 1995, order number 111, key 93. */
  private static final String NIR = "295109912611193";

  // --- The shared vectors: one case per row, named by its "why" column.

  static Stream<Arguments> vectors() throws IOException {
    CSVFormat format = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get();
    try (Reader in = Files.newBufferedReader(SharedData.path("nir/vectors.csv"))) {
      List<CSVRecord> rows = format.parse(in).getRecords();
      assertThat(rows).as("rows of nir/vectors.csv").isNotEmpty();
      return rows.stream()
          .map(row -> Arguments.of(row.get("why"), row.get("nir"), row.get("expected")));
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("vectors")
  void parse_sharedVector_givesExpectedVerdict(String why, String text, String expected) {
    assertThat(expected).isIn("valid", "invalid");
    if (expected.equals("valid")) {
      Nir nir = Nir.parse(text);
      assertThat(Nir.isValid(text)).isTrue();
      assertThat(Nir.problemWith(text)).isEmpty();
      assertThat(nir.value()).isEqualTo(text.replace(" ", ""));
      assertThat(Nir.withKey(nir.value().substring(0, 13))).isEqualTo(nir);
    } else {
      assertThat(Nir.isValid(text)).isFalse();
      assertThat(Nir.problemWith(text)).isPresent();
      VigieException e = catchThrowableOfType(VigieException.class, () -> Nir.parse(text));
      assertThat(e).as("parsing an invalid NIR throws").isNotNull();
      assertThat(e.code()).isEqualTo(ProblemCode.NIR_INVALID);
      assertThat(e.getMessage()).startsWith("nir: ");
      if (text.length() >= 13) {
        assertThat(e.getMessage()).doesNotContain(text).doesNotContain(text.substring(0, 13));
      }
    }
  }

  // --- Parsing details not covered by the vectors.

  @Test
  void parse_lowerCaseCorsica_isKeptInUpperCase() {
    assertThat(Nir.parse("253072b07300470").value()).isEqualTo("253072B07300470");
  }

  @Test
  void parse_null_isRejected() {
    assertThatThrownBy(() -> Nir.parse(null)).isInstanceOf(NullPointerException.class);
    assertThat(Nir.isValid(null)).isFalse();
  }

  @Test
  void parse_department00_isRejected() {
    String first13 = "1950500056123";
    String text = first13 + "%02d".formatted(Nir.keyOf(first13));

    assertThat(Nir.problemWith(text))
        .contains("positions 6 to 10 are not a department and commune or country code");
  }

  @ParameterizedTest(name = "month {0}")
  @ValueSource(strings = {"00", "13", "19", "43", "49"})
  void parse_monthThatDoesNotExist_isRejectedEvenWithRightKey(String month) {
    String first13 = "195" + month + "75056123";
    String text = first13 + "%02d".formatted(Nir.keyOf(first13));

    assertThat(Nir.problemWith(text))
        .contains("positions 4-5 are not a month (01-12, 20-42 or 50-99)");
  }

  @ParameterizedTest(name = "month {0}")
  @ValueSource(strings = {"01", "12", "20", "42", "50", "99"})
  void parse_monthAtEdgeOfAllowedRange_isAccepted(String month) {
    assertThat(Nir.withKey("195" + month + "75056123").value()).startsWith("195" + month);
  }

  // --- keyOf and withKey.

  @Test
  void keyOf_first13Digits_is97MinusRemainder() {
    assertThat(Nir.keyOf("2951099126111")).isEqualTo(93);
  }

  @Test
  void keyOf_corsica2A_readsDepartmentAs19() {
    assertThat(Nir.keyOf("253072A073004")).isEqualTo(43).isEqualTo(Nir.keyOf("2530719073004"));
  }

  @Test
  void keyOf_corsica2B_readsDepartmentAs18() {
    assertThat(Nir.keyOf("253072B073004")).isEqualTo(70).isEqualTo(Nir.keyOf("2530718073004"));
  }

  @Test
  void keyOf_multipleOf97_is97() {
    assertThat(Nir.keyOf("1950575056012")).isEqualTo(97);
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "195057505601", "19505750560123"})
  void keyOf_notThirteenCharacters_isRejected(String text) {
    assertThatThrownBy(() -> Nir.keyOf(text))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("expected 13 characters, got " + text.length());
  }

  @Test
  void withKey_first13_appendsTheKey() {
    assertThat(Nir.withKey("2951099126111").value()).isEqualTo(NIR);
  }

  @Test
  void withKey_keyBelowTen_isPaddedToTwoDigits() {
    assertThat(Nir.withKey("1950575056003").value()).isEqualTo("195057505600309");
  }

  @Test
  void withKey_corsica_appendsKeyOfCorsicanRule() {
    assertThat(Nir.withKey("253072A073004").value()).isEqualTo("253072A07300443");
    assertThat(Nir.withKey("253072B073004").value()).isEqualTo("253072B07300470");
  }

  @Test
  void withKey_first13WithImpossibleMonth_isRejected() {
    assertThatThrownBy(() -> Nir.withKey("1951375056123"))
        .isInstanceOfSatisfying(
            VigieException.class, e -> assertThat(e.code()).isEqualTo(ProblemCode.NIR_INVALID));
  }

  @ParameterizedTest
  @ValueSource(strings = {"253072C073004", "1950575O56003", "-950575056003"})
  void withKey_nonDigitCharacters_isRejectedWithoutValue(String first13) {
    assertThatThrownBy(() -> Nir.withKey(first13))
        .isInstanceOf(IllegalArgumentException.class)
        .message()
        .doesNotContain(first13)
        .doesNotContain(first13.substring(5, 13));
  }

  // --- inconsistencyWith: the sex digit.

  @ParameterizedTest(name = "first digit {0}")
  @ValueSource(strings = {"1", "3", "7"})
  void inconsistencyWith_oddFirstDigitAndMale_isEmpty(String first) {
    assertThat(nirStartingWith(first).inconsistencyWith(Sex.MALE, null)).isEmpty();
  }

  @ParameterizedTest(name = "first digit {0}")
  @ValueSource(strings = {"1", "3", "7"})
  void inconsistencyWith_oddFirstDigitAndFemale_namesSex(String first) {
    assertThat(nirStartingWith(first).inconsistencyWith(Sex.FEMALE, null))
        .contains("nir: position 1 does not agree with the sex");
  }

  @ParameterizedTest(name = "first digit {0}")
  @ValueSource(strings = {"2", "4", "8"})
  void inconsistencyWith_evenFirstDigitAndFemale_isEmpty(String first) {
    assertThat(nirStartingWith(first).inconsistencyWith(Sex.FEMALE, null)).isEmpty();
  }

  @ParameterizedTest(name = "first digit {0}")
  @ValueSource(strings = {"2", "4", "8"})
  void inconsistencyWith_evenFirstDigitAndMale_namesSex(String first) {
    assertThat(nirStartingWith(first).inconsistencyWith(Sex.MALE, null))
        .contains("nir: position 1 does not agree with the sex");
  }

  // --- inconsistencyWith: year and month.

  @Test
  void inconsistencyWith_sameYearAndMonth_isEmpty() {
    assertThat(Nir.parse(NIR).inconsistencyWith(Sex.FEMALE, LocalDate.of(1995, 10, 14))).isEmpty();
  }

  @Test
  void inconsistencyWith_sameTwoDigitYearInAnotherCentury_isEmpty() {
    assertThat(Nir.parse(NIR).inconsistencyWith(null, LocalDate.of(1895, 10, 14))).isEmpty();
  }

  @Test
  void inconsistencyWith_otherYear_namesYear() {
    assertThat(Nir.parse(NIR).inconsistencyWith(null, LocalDate.of(1996, 10, 14)))
        .contains("nir: positions 2-3 do not agree with the year of birth");
  }

  @Test
  void inconsistencyWith_otherMonth_namesMonth() {
    assertThat(Nir.parse(NIR).inconsistencyWith(null, LocalDate.of(1995, 11, 14)))
        .contains("nir: positions 4-5 do not agree with the month of birth");
  }

  @ParameterizedTest(name = "month {0}")
  @ValueSource(strings = {"20", "35", "42", "50", "99"})
  void inconsistencyWith_fictitiousMonth_skipsMonthCheck(String month) {
    Nir nir = Nir.withKey("195" + month + "75056123");

    assertThat(nir.inconsistencyWith(Sex.MALE, LocalDate.of(1995, 1, 1))).isEmpty();
    assertThat(nir.inconsistencyWith(Sex.MALE, LocalDate.of(1995, 12, 31))).isEmpty();
  }

  @ParameterizedTest(name = "month {0}")
  @ValueSource(strings = {"20", "35", "42", "50", "99"})
  void inconsistencyWith_fictitiousMonthAndOtherYear_namesYear(String month) {
    Nir nir = Nir.withKey("195" + month + "75056123");

    assertThat(nir.inconsistencyWith(Sex.MALE, LocalDate.of(1994, 6, 1)))
        .contains("nir: positions 2-3 do not agree with the year of birth");
  }

  @Test
  void inconsistencyWith_nothingKnown_isEmpty() {
    assertThat(Nir.parse(NIR).inconsistencyWith(null, null)).isEmpty();
  }

  @Test
  void inconsistencyWith_anyDisagreement_showsNoDigitsOfTheNir() {
    Nir nir = Nir.parse(NIR);

    assertThat(
            Stream.of(
                nir.inconsistencyWith(Sex.MALE, null),
                nir.inconsistencyWith(null, LocalDate.of(1996, 10, 1)),
                nir.inconsistencyWith(null, LocalDate.of(1995, 11, 1))))
        .allSatisfy(
            problem ->
                assertThat(problem)
                    .hasValueSatisfying(
                        text ->
                            assertThat(text)
                                .doesNotContain(NIR)
                                .doesNotContain("95")
                                .doesNotContain("99126")
                                .doesNotContain("111")));
  }

  // --- Nothing beyond the masked form leaves the value.

  @Test
  void masked_showsOnlySexAndYear() {
    assertThat(Nir.parse(NIR).masked()).isEqualTo("2 95 ** ** *** *** **");
  }

  @Test
  void toString_showsMaskedFormOnly() {
    String shown = Nir.parse(NIR).toString();

    assertThat(shown)
        .isEqualTo("Nir[2 95 ** ** *** *** **]")
        .doesNotContain(NIR)
        .doesNotContain("99126")
        .doesNotContain("111");
  }

  @Test
  void toString_corsicanNir_hidesDepartment() {
    assertThat(Nir.parse("253072A07300443").toString())
        .doesNotContain("2A")
        .doesNotContain("073004");
  }

  @Test
  void parse_wrongKey_isRejectedWithoutValue() {
    String text = "295109912611199";

    assertThatThrownBy(() -> Nir.parse(text))
        .isInstanceOfSatisfying(
            VigieException.class, e -> assertThat(e.code()).isEqualTo(ProblemCode.NIR_INVALID))
        .hasMessage("nir: the key (positions 14-15) does not match the first 13 characters")
        .message()
        .doesNotContain(text)
        .doesNotContain("2951099126111")
        .doesNotContain("111");
  }

  @Test
  void parse_tooShort_isRejectedWithoutValue() {
    String text = "29510991261119";

    assertThatThrownBy(() -> Nir.parse(text))
        .hasMessage("nir: has 14 characters, expected 15")
        .message()
        .doesNotContain(text)
        .doesNotContain("111");
  }

  /** A valid NIR born in May 1995 in Paris whose first digit is {@code first}. */
  private static Nir nirStartingWith(String first) {
    return Nir.withKey(first + "950575056123");
  }
}
