package fr.vigie.detection;

import java.time.Instant;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * More persons read in this night or weekend than the account's allowance, and in another night
 * begun within the last week: a thief on the owner's own PC comes back night after night, while an
 * advisor's late evening is once. With {@code off-hours}, which such a night raises, it suspends;
 * the days over the allowance are not learned as usual ({@link AccountHistory#offHoursAllowance}),
 * so the second night is judged by the owner's own nights, not the thief's first.
 */
final class OffHoursAgain implements Detector {
  static final String NAME = "off-hours-again";

  /** How far back a night over the allowance counts. */
  static final int DAYS = 7;

  static final int POINTS = 40;

  private final Predicate<Instant> offHours;

  OffHoursAgain(Predicate<Instant> offHours) {
    this.offHours = offHours;
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public Optional<Signal> assess(
      AccountHistory history, PeerStats peers, AccountProfile profile, Access access) {
    if (!Detectors.OffHours.settledOffHoursRead(offHours, history, access)
        || !history.offHoursOverWithin(DAYS)
        || history.offHoursToday() <= history.offHoursAllowance()) {
      return Optional.empty();
    }
    return Optional.of(
        new Signal(
            NAME,
            POINTS,
            history.offHoursToday()
                + " persons read this night or weekend, above its usual ones, as in the one of "
                + history.offHoursOverOn()));
  }
}
