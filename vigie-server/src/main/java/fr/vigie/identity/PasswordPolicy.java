package fr.vigie.identity;

import fr.vigie.ProblemCode;
import fr.vigie.VigieException;

/**
 * What a staff password must be: at least 12 characters (NIST SP 800-63B asks 8 with a second
 * factor; staff read a national register) and at most 128, so that hashing stays bounded.
 */
final class PasswordPolicy {
  static final int MIN_LENGTH = 12;
  static final int MAX_LENGTH = 128;

  private PasswordPolicy() {}

  static void check(String password) {
    if (password == null || password.length() < MIN_LENGTH) {
      throw new VigieException(
          ProblemCode.PASSWORD_TOO_WEAK, "password: at least " + MIN_LENGTH + " characters");
    }
    if (password.length() > MAX_LENGTH) {
      throw new VigieException(
          ProblemCode.PASSWORD_TOO_WEAK, "password: at most " + MAX_LENGTH + " characters");
    }
  }
}
