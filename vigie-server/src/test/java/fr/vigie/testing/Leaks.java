package fr.vigie.testing;

import java.util.Collection;
import java.util.List;

/**
 * Whether an error message repeats input that looks like personal data: a value of six characters
 * or more with a digit or an {@code @} (a NIR, an identifier, a date, a phone number, an email),
 * unless the message's own fixed wording contains it (a fuzzer soon learns the words a parser
 * compares against).
 */
public final class Leaks {
  private Leaks() {}

  /** The first input value the message repeats, or null. */
  public static String repeatedInput(
      String message, Collection<String> inputs, List<String> vocabulary) {
    if (message == null) {
      return null;
    }
    for (String input : inputs) {
      if (input == null) {
        continue;
      }
      String value = input.strip();
      if (value.length() >= 6
          && looksPersonal(value)
          && message.contains(value)
          && vocabulary.stream().noneMatch(word -> word.contains(value))) {
        return value;
      }
    }
    return null;
  }

  private static boolean looksPersonal(String value) {
    return value.indexOf('@') >= 0 || value.chars().anyMatch(Character::isDigit);
  }
}
