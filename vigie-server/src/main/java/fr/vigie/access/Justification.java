package fr.vigie.access;

import fr.vigie.FieldText;
import fr.vigie.ProblemCode;
import fr.vigie.VigieException;

/**
 * Why an advisor opens a person outside its caseload. The text is shown to the person and reviewed
 * by the manager; it never goes to a log, an exception or the audit log, which name the stored
 * justification by its {@link JustificationId}.
 */
public record Justification(ReasonCode reason, String text) {
  /** The longest text accepted, in characters (code points, as PostgreSQL counts them). */
  public static final int MAX_TEXT = 500;

  public Justification {
    // Refused before anything is counted or stored: a request, not a server error.
    if (reason == null) {
      throw new VigieException(ProblemCode.FIELD_MISSING, "justification.reason: is required");
    }
    if (text == null) {
      throw new VigieException(ProblemCode.FIELD_MISSING, "justification.text: is required");
    }
    if (text.chars()
        .anyMatch(c -> Character.isISOControl(c) && c != '\n' && c != '\r' && c != '\t')) {
      // PostgreSQL refuses a NUL in text; other control characters have no place in a sentence.
      throw new VigieException(
          ProblemCode.FIELD_INVALID, "justification.text: has a control character");
    }
    if (text.isBlank()) {
      throw new VigieException(ProblemCode.FIELD_MISSING, "justification: the text is blank");
    }
    int length = text.codePointCount(0, text.length());
    if (length > MAX_TEXT) {
      throw new VigieException(
          ProblemCode.FIELD_INVALID,
          "justification: the text has " + length + " characters, at most " + MAX_TEXT);
    }
    FieldText.text("justification.text", text, MAX_TEXT);
  }

  @Override
  public String toString() {
    return "Justification[reason=" + reason + ", text=(" + text.length() + " chars)]";
  }
}
