package fr.vigie.console;

import fr.vigie.ProblemCode;
import fr.vigie.VigieException;
import fr.vigie.registry.PersonId;

/** The pseudonymous ids typed or linked in the console's pages, refused as the API refuses them. */
final class ConsoleIds {
  private ConsoleIds() {}

  /** A person's id; a text that is none is a person not found, never echoed back. */
  static PersonId person(String text) {
    try {
      return PersonId.parse(text.strip());
    } catch (IllegalArgumentException e) {
      throw new VigieException(ProblemCode.PERSON_NOT_FOUND, "no person with this id");
    }
  }
}
