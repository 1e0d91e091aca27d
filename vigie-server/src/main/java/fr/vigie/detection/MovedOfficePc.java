package fr.vigie.detection;

import java.util.Optional;

/**
 * A device that only ever worked on networks other accounts share (an office PC on the office
 * network) now read from a network of its own (first seen on it within two weeks, no other account
 * on it): the PC's cookie used from the thief's box, while the owner is away or not. A laptop that
 * already went home or onto a phone's connection roams and is not judged; a new home box of such a
 * laptop says nothing. Alone it asks for a step-up (an advisor taking its office laptop home for
 * the first time answers it); with any other detector it suspends.
 */
final class MovedOfficePc implements Detector {
  /**
   * Persons read from the moved device before it says anything: a file or a few at home are fine.
   */
  static final int FEW_PERSONS = 5;

  static final int POINTS = 55;

  @Override
  public String name() {
    return "moved-office-pc";
  }

  @Override
  public Optional<Signal> assess(
      AccountHistory history, PeerStats peers, AccountProfile profile, Access access) {
    int persons = history.personsFromMovedOfficeDevice();
    if (!access.disclosed() || persons <= FEW_PERSONS) {
      return Optional.empty();
    }
    return Optional.of(
        new Signal(
            name(),
            POINTS,
            "a device that only ever worked on shared (office) networks, now on a network no other"
                + " account uses; "
                + persons
                + " persons read from it there"));
  }
}
