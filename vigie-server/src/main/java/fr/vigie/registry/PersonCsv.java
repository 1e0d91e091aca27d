package fr.vigie.registry;

import fr.vigie.FieldText;
import fr.vigie.ProblemCode;
import fr.vigie.VigieException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;

/**
 * The import file format of persons: RFC 4180 CSV in UTF-8 with a header row naming the columns of
 * {@link #COLUMNS}, in that order. See {@code docs/import-format.md}.
 */
public final class PersonCsv {
  /** The columns, in file order. */
  public static final List<String> COLUMNS =
      List.of(
          "identifier",
          "nir",
          "sex",
          "birth_name",
          "usual_name",
          "first_names",
          "birth_date",
          "birth_place",
          "email",
          "phone",
          "address",
          "category",
          "registered_on",
          "left_on",
          "organization");

  /**
   * Values are not trimmed by the parser, whose trim drops every character up to U+0020 (a NUL
   * included) at either end: {@link #parse(CSVRecord)} trims spaces and tabs only, so a NUL or
   * another control character anywhere is refused, never silently dropped.
   */
  static final CSVFormat FORMAT = CSVFormat.RFC4180.builder().setRecordSeparator('\n').get();

  private static final Pattern SURROUNDING_BLANKS = Pattern.compile("^[ \t]+|[ \t]+$");

  private static final Pattern BIRTH_PLACE = Pattern.compile("(?:[0-9]{2}|2A|2B)[0-9]{3}");

  /**
   * An address as mail is sent to: a dot-atom local part and a domain of labels (letters of any
   * script allowed, RFC 6531). The third outside pass stored {@code someone@gmail.com;env;}, which
   * the looser pattern before took for an address. A top-level domain is letters, or an
   * internationalized one written in punycode ({@code xn--p1ai}).
   */
  private static final Pattern EMAIL =
      Pattern.compile(
          "[\\p{L}\\p{N}!#$%&'*+/=?^_`{|}~-]+(?:\\.[\\p{L}\\p{N}!#$%&'*+/=?^_`{|}~-]+)*"
              + "@(?:[\\p{L}\\p{N}](?:[\\p{L}\\p{N}-]*[\\p{L}\\p{N}])?\\.)+"
              + "(?:\\p{L}{2,}|xn--[a-z0-9-]*[a-z0-9])");

  private static final Pattern PHONE = Pattern.compile("\\+?[0-9 .]{6,20}");
  private static final int MAX_TEXT = 200;

  private PersonCsv() {}

  /** Starts a file: the header row, then one {@link #write} per person. */
  public static CSVPrinter printer(Writer out) {
    try {
      return new CSVPrinter(out, FORMAT.builder().setHeader(COLUMNS.toArray(String[]::new)).get());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static void write(CSVPrinter printer, PersonRecord p) {
    try {
      printer.printRecord(
          p.identifier().value(),
          p.nir() == null ? "" : p.nir().value(),
          p.sex() == null ? "" : p.sex().code(),
          p.birthName(),
          orEmpty(p.usualName()),
          p.firstNames(),
          p.birthDate().toString(),
          orEmpty(p.birthPlace()),
          orEmpty(p.email()),
          orEmpty(p.phone()),
          orEmpty(p.address()),
          p.category().name(),
          p.registeredOn().toString(),
          p.leftOn() == null ? "" : p.leftOn().toString(),
          p.organization());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Checks that a header row names the columns of this format, in order. */
  static void checkHeader(List<String> header) {
    if (!header.equals(COLUMNS)) {
      throw new VigieException(
          ProblemCode.IMPORT_FILE_INVALID,
          "line 1: the header must be exactly: " + String.join(",", COLUMNS));
    }
  }

  /**
   * Reads and validates one row. Throws {@link VigieException} naming the field and the reason,
   * never the value.
   */
  static PersonRecord parse(CSVRecord row) {
    return parse(
        row.stream().map(value -> SURROUNDING_BLANKS.matcher(value).replaceAll("")).toList());
  }

  /** Validates one row given as its values in {@link #COLUMNS} order (trimmed, empty if absent). */
  static PersonRecord parse(List<String> row) {
    if (row.size() != COLUMNS.size()) {
      throw invalid(
          ProblemCode.FIELD_INVALID,
          "row has " + row.size() + " columns, expected " + COLUMNS.size());
    }
    FranceTravailId identifier = new FranceTravailId(required(row, 0));
    // Every column is checked as text first: a NUL or U+202E is named as such, whatever the format.
    String nirText = optional(row, 1);
    Nir nir = nirText == null ? null : new Nir(nirText);
    String sexCode = optional(row, 2);
    Sex sex = sexCode == null ? null : sex(sexCode);
    LocalDate birthDate = date(row, 6, true);
    if (nir != null) {
      Optional<String> inconsistency = nir.inconsistencyWith(sex, birthDate);
      if (inconsistency.isPresent()) {
        throw invalid(ProblemCode.NIR_INCONSISTENT, inconsistency.get());
      }
    }
    String birthPlace = optional(row, 7);
    if (birthPlace != null && !BIRTH_PLACE.matcher(birthPlace).matches()) {
      throw invalid(ProblemCode.FIELD_INVALID, "birth_place: expected a 5-character INSEE code");
    }
    String email = optional(row, 8);
    if (email != null && !EMAIL.matcher(email).matches()) {
      throw invalid(ProblemCode.FIELD_INVALID, "email: not an email address");
    }
    String phone = optional(row, 9);
    if (phone != null && !PHONE.matcher(phone).matches()) {
      throw invalid(ProblemCode.FIELD_INVALID, "phone: expected 6 to 20 digits, spaces or dots");
    }
    LocalDate registeredOn = date(row, 12, true);
    LocalDate leftOn = date(row, 13, false);
    if (leftOn != null && leftOn.isBefore(registeredOn)) {
      throw invalid(ProblemCode.FIELD_INVALID, "left_on: is before registered_on");
    }
    return new PersonRecord(
        identifier,
        nir,
        sex,
        name(required(row, 3), 3),
        name(optional(row, 4), 4),
        required(row, 5),
        birthDate,
        birthPlace,
        email,
        phone,
        optional(row, 10),
        category(required(row, 11)),
        registeredOn,
        leftOn,
        required(row, 14));
  }

  private static String required(List<String> row, int column) {
    String value = row.get(column);
    if (value.isEmpty()) {
      throw invalid(ProblemCode.FIELD_MISSING, COLUMNS.get(column) + ": is required");
    }
    return checkedText(value, column);
  }

  private static String optional(List<String> row, int column) {
    String value = row.get(column);
    return value.isEmpty() ? null : checkedText(value, column);
  }

  private static String checkedText(String value, int column) {
    if (value.length() > MAX_TEXT) {
      throw invalid(
          ProblemCode.FIELD_INVALID,
          COLUMNS.get(column) + ": longer than " + MAX_TEXT + " characters");
    }
    for (int i = 0; i < value.length(); i++) {
      if (Character.isISOControl(value.charAt(i))) {
        throw invalid(ProblemCode.FIELD_INVALID, COLUMNS.get(column) + ": has a control character");
      }
    }
    // Bidirectional overrides and other invisible format characters, lone surrogates.
    return FieldText.line(COLUMNS.get(column), value, MAX_TEXT);
  }

  /**
   * A last name (birth or usual) is found by the search only through its letters from A to Z, as
   * the civil status spells it: a name with none (digits, punctuation, another script, emoji) would
   * be a person no one could find by name, and the search refuses such a name. Refused here alike.
   */
  private static String name(String value, int column) {
    if (value != null && Canonical.name(value).isEmpty()) {
      throw invalid(
          ProblemCode.FIELD_INVALID,
          COLUMNS.get(column) + ": needs at least one letter from A to Z, accents aside");
    }
    return value;
  }

  private static LocalDate date(List<String> row, int column, boolean required) {
    String text = required ? required(row, column) : optional(row, column);
    if (text == null) {
      return null;
    }
    try {
      return LocalDate.parse(text);
    } catch (DateTimeParseException e) {
      throw invalid(ProblemCode.FIELD_INVALID, COLUMNS.get(column) + ": expected YYYY-MM-DD");
    }
  }

  private static Sex sex(String code) {
    try {
      return Sex.fromCode(code);
    } catch (IllegalArgumentException e) {
      throw invalid(ProblemCode.FIELD_INVALID, "sex: expected M or F");
    }
  }

  private static RegistrationCategory category(String text) {
    try {
      return RegistrationCategory.valueOf(text);
    } catch (IllegalArgumentException e) {
      throw invalid(ProblemCode.FIELD_INVALID, "category: expected one of A, B, C, D, E");
    }
  }

  private static VigieException invalid(ProblemCode code, String detail) {
    return new VigieException(code, detail);
  }

  private static String orEmpty(String text) {
    return text == null ? "" : text;
  }
}
