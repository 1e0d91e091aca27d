package fr.vigie.registry;

import java.text.Normalizer;
import java.time.LocalDate;
import java.util.Locale;

/** The canonical forms that blind indexes are computed on, so that equal values index equally. */
final class Canonical {
  private Canonical() {}

  static String email(String email) {
    return email.trim().toLowerCase(Locale.ROOT);
  }

  /**
   * Upper-case letters only, accents removed, Œ and Æ spelled out: "Le Bihan-Éric" and "LEBIHAN
   * ERIC" are equal.
   */
  static String name(String name) {
    // Œ and Æ are letters of French names, not accented letters: NFD leaves them whole, and the
    // filter below would drop them ("Cœur" would index as "CUR").
    String spelled =
        name.replace("œ", "oe").replace("Œ", "OE").replace("æ", "ae").replace("Æ", "AE");
    String stripped = Normalizer.normalize(spelled, Normalizer.Form.NFD);
    StringBuilder letters = new StringBuilder(stripped.length());
    for (int i = 0; i < stripped.length(); i++) {
      char c = Character.toUpperCase(stripped.charAt(i));
      if (c >= 'A' && c <= 'Z') {
        letters.append(c);
      }
    }
    return letters.toString();
  }

  static String nameAndBirthDate(String lastName, LocalDate birthDate) {
    return name(lastName) + "|" + birthDate;
  }
}
