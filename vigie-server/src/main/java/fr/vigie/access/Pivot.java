package fr.vigie.access;

import static java.util.Objects.requireNonNull;

import fr.vigie.registry.PersonField;
import java.text.Normalizer;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The part of an identity provider's pivot identity (FranceConnect: given names, family name, birth
 * date, sex, birth place) that the blind index of birth name and birth date does not already match:
 * the first given name, the sex (civil register code M or F) and the birth place (INSEE code; empty
 * for a person born abroad). Personal data: {@link #toString()} names no value.
 */
public record Pivot(String firstGivenName, String sex, String birthPlace) {
  /** The register's fields a sign-in's pivot identity is compared with. */
  static final Set<PersonField> COMPARED =
      EnumSet.of(PersonField.FIRST_NAMES, PersonField.SEX, PersonField.BIRTH_PLACE);

  public Pivot {
    requireNonNull(firstGivenName, "firstGivenName is null");
    requireNonNull(sex, "sex is null");
    requireNonNull(birthPlace, "birthPlace is null");
  }

  /**
   * Whether the register's fields agree: the same first given name (accents, case and punctuation
   * aside), the same sex, the same birth place, or, for a person born abroad (no birth place from
   * the provider), a register birth place coded as abroad (99...).
   */
  boolean matches(Map<PersonField, String> register) {
    String firstNames = register.getOrDefault(PersonField.FIRST_NAMES, "");
    String registerFirst = firstNames.isBlank() ? "" : firstNames.trim().split("[\\s,]+")[0];
    String place = register.getOrDefault(PersonField.BIRTH_PLACE, "").trim();
    boolean placeAgrees =
        birthPlace.isBlank() ? place.startsWith("99") : place.equalsIgnoreCase(birthPlace.trim());
    return !firstGivenName.isBlank()
        && letters(firstGivenName).equals(letters(registerFirst))
        && sex.equals(register.getOrDefault(PersonField.SEX, ""))
        && placeAgrees;
  }

  /** Upper-case letters only, accents removed: "Hélène" and "HELENE" agree. */
  private static String letters(String name) {
    String stripped =
        Normalizer.normalize(name.replace("œ", "oe").replace("æ", "ae"), Normalizer.Form.NFD);
    StringBuilder out = new StringBuilder(stripped.length());
    for (char c : stripped.toUpperCase(Locale.ROOT).toCharArray()) {
      if (c >= 'A' && c <= 'Z') {
        out.append(c);
      }
    }
    return out.toString();
  }

  @Override
  public String toString() {
    return "Pivot[…]";
  }
}
