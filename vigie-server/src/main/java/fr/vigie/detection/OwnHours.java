package fr.vigie.detection;

import java.util.Optional;

/**
 * Persons read today at hours of the week the account never read at before, by an account with a
 * long memory of its hours: a thief on the owner's own PC reads while the owner does not work
 * (evenings, nights, weekends it never worked), and its own reads of today do not make the hour
 * usual. An advisor's odd evening opens a file or three. Below the step-up alone: it corroborates
 * {@code pace}, {@code volume} or {@code off-hours}, and with them suspends sooner.
 */
final class OwnHours implements Detector {
  static final String NAME = "own-hours";

  /** Closed days of baseline before its hours say anything. */
  static final int BASELINE_DAYS = 20;

  /** Fewest persons read at such hours today that say anything. */
  static final int PERSONS = 6;

  static final int POINTS = 35;

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public Optional<Signal> assess(
      AccountHistory history, PeerStats peers, AccountProfile profile, Access access) {
    if (!access.disclosed()
        || history.baselineDays() < BASELINE_DAYS
        || history.workedBeforeToday(access.at())
        || history.strangeHoursToday() < PERSONS) {
      return Optional.empty();
    }
    return Optional.of(
        new Signal(
            NAME,
            POINTS,
            history.strangeHoursToday()
                + " persons read today at hours of the week it never worked before"));
  }
}
