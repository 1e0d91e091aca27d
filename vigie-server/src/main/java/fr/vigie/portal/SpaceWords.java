package fr.vigie.portal;

import fr.vigie.access.JournalWords;
import org.springframework.stereotype.Component;

/**
 * The French words the space's templates show for the journal's codes ({@code @spaceWords}): a
 * person never reads a role or a purpose as a code.
 */
@Component
public class SpaceWords {
  /** Why an access was made. */
  public String purpose(String code) {
    return JournalWords.purpose(code);
  }

  /** The organization of who made it. */
  public String organization(String name) {
    return JournalWords.organization(name);
  }

  /** Who made it, by role. */
  public String role(String code) {
    return JournalWords.role(code);
  }
}
