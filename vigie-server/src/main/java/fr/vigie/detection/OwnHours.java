package fr.vigie.detection;

import java.util.Optional;

/**
 * Persons read today at hours of the week the account never read at before, by an account with a
 * long memory of its hours: a thief on the owner's own PC reads while the owner does not work
 * (evenings, nights, weekends it never worked), and its own reads of today do not make the hour
 * usual. An advisor's odd evening opens a file or three. Below the step-up alone at first, and
 * below the throttle however many: it corroborates {@code pace}, {@code volume} or {@code
 * off-hours}, and with them suspends sooner, the sooner the more persons it read at such hours.
 */
final class OwnHours implements Detector {
  static final String NAME = "own-hours";

  /** Closed days of baseline before its hours say anything. */
  static final int BASELINE_DAYS = 20;

  /** Fewest persons read at such hours today that say anything. */
  static final int PERSONS = 6;

  /** Its points at {@link #PERSONS}: below the step-up alone. */
  static final int POINTS = 35;

  /**
   * Its points once {@link #PERSONS} and {@link #MORE} more are read at such hours today: an odd
   * evening's few files stay at {@link #POINTS}; an evening through the caseload weighs more, still
   * under the throttle alone.
   */
  static final int MOST = 60;

  /** Persons beyond {@link #PERSONS} over which the points climb to {@link #MOST}. */
  static final int MORE = 12;

  /** The points for {@code persons} read today at hours the account never worked. */
  static int points(int persons) {
    int beyond = Math.min(MORE, Math.max(0, persons - PERSONS));
    return POINTS + (MOST - POINTS) * beyond / MORE;
  }

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
            points(history.strangeHoursToday()),
            history.strangeHoursToday()
                + " persons read today at hours of the week it never worked before"));
  }
}
