package fr.vigie.detection;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * An account woken from a dormancy on a device or a network it never used, never back at its own
 * since, that reads more persons in a day than its usual day allows (half as many again, at least
 * {@link #LEAST_PERSONS}): a thief on the owner's copied PC cookie, at home, works through the
 * caseload while the owner is still away; an advisor back from leave at a new home catches up at
 * its pace. Its usual day is its own baseline; an account older than the detectors' memory, with no
 * days of its own kept, is allowed {@link #LEAST_PERSONS}. With {@code dormant}, which the same
 * days raise, it suspends.
 */
final class WokenAway implements Detector {
  static final String NAME = "woken-away";

  /** How long after the wake it watches. */
  static final Duration WATCHED = Duration.ofDays(14);

  static final int LEAST_PERSONS = 10;

  static final double FACTOR = 1.5;

  static final int POINTS = 60;

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public Optional<Signal> assess(
      AccountHistory history, PeerStats peers, AccountProfile profile, Access access) {
    Instant woke = history.wokeAt();
    if (!access.disclosed()
        || woke == null
        || !history.wokeElsewhere()
        || Duration.between(woke, access.at()).compareTo(WATCHED) >= 0) {
      return Optional.empty();
    }
    // With no days of its own to judge by, a handful: how many persons its peers' days have says
    // nothing of this account's, and an advisor back from leave at a new home is rare.
    double usual = history.baselineDays() >= 5 ? history.meanDailyPersons() : 0;
    int allowed = (int) Math.ceil(Math.max(LEAST_PERSONS, FACTOR * usual));
    int persons = history.personsToday();
    if (persons <= allowed) {
      return Optional.empty();
    }
    return Optional.of(
        new Signal(
            NAME,
            POINTS,
            persons
                + " persons read today since it woke elsewhere; its usual day allows "
                + allowed));
  }
}
