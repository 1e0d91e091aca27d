package fr.vigie.registry;

import static java.util.Objects.requireNonNull;

import fr.vigie.ProblemCode;
import fr.vigie.VigieException;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A France Travail identifier: 11 digits (the national format since May 2025), or the legacy 7
 * digits followed by one digit or capital letter.
 */
public record FranceTravailId(String value) {
  private static final Pattern NATIONAL = Pattern.compile("[0-9]{11}");
  private static final Pattern LEGACY = Pattern.compile("[0-9]{7}[0-9A-Z]");

  public FranceTravailId {
    requireNonNull(value, "value is null");
    if (!isValid(value)) {
      throw new VigieException(
          ProblemCode.IDENTIFIER_INVALID,
          "identifier: expected 11 digits, or 7 digits and one digit or capital letter");
    }
  }

  public static boolean isValid(String text) {
    return text != null && (NATIONAL.matcher(text).matches() || LEGACY.matcher(text).matches());
  }

  /** The form used for exact lookup: the value itself, identifiers being case-sensitive. */
  public String canonical() {
    return value.toUpperCase(Locale.ROOT);
  }

  public String masked() {
    return "*".repeat(value.length() - 3) + value.substring(value.length() - 3);
  }

  @Override
  public String toString() {
    return "FranceTravailId[" + masked() + "]";
  }
}
