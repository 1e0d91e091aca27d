package fr.vigie.registry;

import static java.util.Objects.requireNonNull;

import fr.vigie.ProblemCode;
import fr.vigie.VigieException;
import java.time.LocalDate;
import java.util.Optional;

/**
 * A French social security number (NIR): 13 characters and a 2-digit key, as set by décret 82-103.
 * Spaces are formatting only and are dropped; the value is kept in upper case.
 */
public record Nir(String value) {

  public Nir {
    requireNonNull(value, "value is null");
    value = normalize(value);
    Optional<String> problem = problemWith(value);
    if (problem.isPresent()) {
      throw new VigieException(ProblemCode.NIR_INVALID, "nir: " + problem.get());
    }
  }

  /** Parses a NIR written with or without spaces. */
  public static Nir parse(String text) {
    return new Nir(text);
  }

  /** True when {@code text} is a valid NIR; never throws. */
  public static boolean isValid(String text) {
    return text != null && problemWith(normalize(text)).isEmpty();
  }

  /**
   * The reason {@code text} is not a valid NIR, naming the position and the rule but never the
   * value, or empty when it is valid.
   */
  public static Optional<String> problemWith(String text) {
    String nir = normalize(text);
    if (nir.isEmpty()) {
      return Optional.of("is empty");
    }
    if (nir.length() != 15) {
      return Optional.of("has " + nir.length() + " characters, expected 15");
    }
    if ("123478".indexOf(nir.charAt(0)) < 0) {
      return Optional.of("position 1 is not a sex or provisional code (1, 2, 3, 4, 7, 8)");
    }
    if (!allDigits(nir, 1, 5)) {
      return Optional.of("positions 2 to 5 (year and month of birth) are not all digits");
    }
    int month = Integer.parseInt(nir.substring(3, 5));
    if (month == 0 || (month >= 13 && month <= 19) || (month >= 43 && month <= 49)) {
      return Optional.of("positions 4-5 are not a month (01-12, 20-42 or 50-99)");
    }
    if (!isPlaceOfBirth(nir.substring(5, 10))) {
      return Optional.of("positions 6 to 10 are not a department and commune or country code");
    }
    if (!allDigits(nir, 10, 15)) {
      return Optional.of("positions 11 to 15 (order number and key) are not all digits");
    }
    if (Integer.parseInt(nir.substring(13, 15)) != keyOf(nir.substring(0, 13))) {
      return Optional.of("the key (positions 14-15) does not match the first 13 characters");
    }
    return Optional.empty();
  }

  /**
   * The 2-digit key of the first 13 characters: 97 - (N mod 97), with Corsica's 2A read as 19 and
   * 2B as 18.
   */
  public static int keyOf(String first13) {
    requireNonNull(first13, "first13 is null");
    if (first13.length() != 13) {
      throw new IllegalArgumentException("expected 13 characters, got " + first13.length());
    }
    String digits = first13.replace("2A", "19").replace("2B", "18");
    if (!allDigits(digits, 0, 13)) {
      // Not Long.parseLong's own error: its message would carry the digits.
      throw new IllegalArgumentException("expected digits, with 2A or 2B for Corsica");
    }
    return (int) (97 - Long.parseLong(digits) % 97);
  }

  /** Appends the key to 13 characters: the inverse of dropping positions 14 and 15. */
  public static Nir withKey(String first13) {
    return new Nir(first13 + String.format(java.util.Locale.ROOT, "%02d", keyOf(first13)));
  }

  /**
   * Why this NIR disagrees with a known sex or birth date, or empty. Provisional numbers follow the
   * same parity as permanent ones (odd: male, even: female). Months 20-42 and 50-99 mean the civil
   * record was incomplete, so only the year is compared.
   */
  public Optional<String> inconsistencyWith(Sex sex, LocalDate birthDate) {
    if (sex != null) {
      Sex coded = (value.charAt(0) - '0') % 2 == 1 ? Sex.MALE : Sex.FEMALE;
      if (coded != sex) {
        return Optional.of("nir: position 1 does not agree with the sex");
      }
    }
    if (birthDate != null) {
      int year = Integer.parseInt(value.substring(1, 3));
      if (year != birthDate.getYear() % 100) {
        return Optional.of("nir: positions 2-3 do not agree with the year of birth");
      }
      int month = Integer.parseInt(value.substring(3, 5));
      if (month <= 12 && month != birthDate.getMonthValue()) {
        return Optional.of("nir: positions 4-5 do not agree with the month of birth");
      }
    }
    return Optional.empty();
  }

  /** The NIR with all but the sex digit and the year hidden, for screens that need no more. */
  public String masked() {
    return value.charAt(0) + " " + value.substring(1, 3) + " ** ** *** *** **";
  }

  @Override
  public String toString() {
    return "Nir[" + masked() + "]";
  }

  private static String normalize(String text) {
    return text == null ? "" : text.replace(" ", "").toUpperCase(java.util.Locale.ROOT);
  }

  private static boolean isPlaceOfBirth(String place) {
    String department = place.substring(0, 2);
    if (department.equals("2A") || department.equals("2B")) {
      return allDigits(place, 2, 5);
    }
    return allDigits(place, 0, 5) && !department.equals("00");
  }

  private static boolean allDigits(String text, int from, int to) {
    for (int i = from; i < to; i++) {
      char c = text.charAt(i);
      if (c < '0' || c > '9') {
        return false;
      }
    }
    return true;
  }
}
