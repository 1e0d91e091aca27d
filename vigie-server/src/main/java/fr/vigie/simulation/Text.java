package fr.vigie.simulation;

import java.text.Normalizer;
import java.util.Locale;

/** Locale-independent text helpers: the generator's output must not depend on the machine. */
final class Text {
  private Text() {}

  /** {@code value} in decimal with leading zeros up to {@code width} digits (more if needed). */
  static String zeroPadded(long value, int width) {
    String digits = Long.toString(value);
    if (digits.length() >= width) {
      return digits;
    }
    return "0".repeat(width - digits.length()) + digits;
  }

  /** Appends {@code value} with leading zeros up to {@code width} digits. */
  static StringBuilder appendZeroPadded(StringBuilder out, int value, int width) {
    for (int limit = 10, digits = 1; digits < width; limit *= 10, digits++) {
      if (value < limit) {
        out.append('0');
      }
    }
    return out.append(value);
  }

  /**
   * Lower-case ASCII letters, digits and hyphens: accents dropped, other characters (spaces,
   * apostrophes) removed. For the local part of email addresses.
   */
  static String asciiSlug(String text) {
    String decomposed = Normalizer.normalize(text, Normalizer.Form.NFD);
    StringBuilder out = new StringBuilder(decomposed.length());
    for (char c : decomposed.toLowerCase(Locale.ROOT).toCharArray()) {
      if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-') {
        out.append(c);
      } else if (c == 'æ') {
        out.append("ae");
      } else if (c == 'œ') {
        out.append("oe");
      }
    }
    return out.toString();
  }
}
