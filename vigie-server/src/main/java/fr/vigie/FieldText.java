package fr.vigie;

/**
 * Checks a text received from outside before anything uses it: its length in characters (code
 * points), and no character that could hide or reorder what a person reads (bidirectional overrides
 * such as U+202E, other format and control characters, lone surrogates, noncharacters). Names and
 * search values take a single line; free texts may hold line breaks and tabs. A refusal is a {@code
 * FIELD_INVALID} naming the field and the rule, never the value.
 */
public final class FieldText {
  /** The longest name (last, first, birth): longer than any real one. */
  public static final int MAX_NAME = 100;

  /** The longest search value or single-line field (an email is at most 254). */
  public static final int MAX_VALUE = 254;

  private FieldText() {}

  /** A single-line value of at most {@code max} characters; returns it. */
  public static String line(String field, String value, int max) {
    return check(field, value, max, false);
  }

  /** A free text of at most {@code max} characters, line breaks and tabs allowed; returns it. */
  public static String text(String field, String value, int max) {
    return check(field, value, max, true);
  }

  private static String check(String field, String value, int max, boolean multiline) {
    if (value == null) {
      return null;
    }
    // Counted without decoding first: a body of 64 KiB at most, but fail on length before work.
    if (value.length() > 2 * max || value.codePointCount(0, value.length()) > max) {
      throw invalid(field, "longer than " + max + " characters");
    }
    for (int i = 0; i < value.length(); ) {
      char c = value.charAt(i);
      if (Character.isHighSurrogate(c)
          && i + 1 < value.length()
          && Character.isLowSurrogate(value.charAt(i + 1))) {
        i += 2;
        continue;
      }
      if (Character.isSurrogate(c)) {
        throw invalid(field, "holds a lone surrogate at character " + i);
      }
      if (!allowed(c, multiline)) {
        throw invalid(field, "holds the control or format character U+%04X".formatted((int) c));
      }
      i++;
    }
    return value;
  }

  private static boolean allowed(char c, boolean multiline) {
    if (multiline && (c == '\n' || c == '\r' || c == '\t')) {
      return true;
    }
    int type = Character.getType(c);
    return type != Character.CONTROL
        && type != Character.FORMAT
        && type != Character.LINE_SEPARATOR
        && type != Character.PARAGRAPH_SEPARATOR
        && type != Character.PRIVATE_USE
        && c != '\uFFFE'
        && c != '\uFFFF';
  }

  private static VigieException invalid(String field, String rule) {
    return new VigieException(ProblemCode.FIELD_INVALID, field + ": " + rule);
  }
}
