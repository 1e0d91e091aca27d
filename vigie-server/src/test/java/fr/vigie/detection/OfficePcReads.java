package fr.vigie.detection;

import fr.vigie.registry.PersonId;
import java.time.Instant;
import java.util.UUID;

/**
 * The reads of one account from its owner's office PC on the office network, each of a person not
 * read before: what the detectors for a thief on the owner's own PC are shown.
 */
final class OfficePcReads {
  private final AccountProfile profile;
  private int nextPerson;

  OfficePcReads(AccountProfile profile) {
    this.profile = profile;
  }

  /** The read at {@code at} of the next person, for the reason {@code link} gives. */
  Access next(Instant at, Link link) {
    return Access.of(
        profile.account(),
        at,
        AccessKind.READ,
        new PersonId(new UUID(9, nextPerson++)),
        link,
        "pc",
        "office");
  }

  /** The next reads start again from the first person (a second run of the same story). */
  void restart() {
    nextPerson = 0;
  }
}
