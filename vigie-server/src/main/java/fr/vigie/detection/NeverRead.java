package fr.vigie.detection;

import java.util.Locale;
import java.util.Optional;

/**
 * Persons read that the account never read before and that no manager's time-boxed relationship
 * explains (an appointment of the organization does not, {@link AccountHistory#todayNeverRead}),
 * today and over its last few active days, far above its own and its peers' usual days: the owner
 * goes back to the same caseload week after week, a thief on the owner's PC goes through persons of
 * the organization the account never opened, at whatever pace and hour. A Poisson tail over the
 * days, so a stranger or two at the desk say nothing and a few a day add up. Below the throttle:
 * with {@code accumulated-never-read}, which the same run raises, it suspends.
 */
final class NeverRead implements Detector {
  /** The least usual rate a day believed. */
  static final double LEAST_RATE = 0.5;

  /** Active days before today that the sum holds. */
  static final int DAYS_BEFORE = 4;

  static final int MOST = 65;

  @Override
  public String name() {
    return "never-read";
  }

  @Override
  public Optional<Signal> assess(
      AccountHistory history, PeerStats peers, AccountProfile profile, Access access) {
    if (!access.disclosed()
        || access.link() == Link.TIME_BOXED
        || history.neverReadToday() == 0
        || !history.settled(access.at())
        || Detectors.bursting(history, access)) {
      return Optional.empty();
    }
    int persons = history.neverReadRecently(DAYS_BEFORE);
    int days = history.neverReadDays(DAYS_BEFORE);
    double usual = history.usualNeverRead(peers, LEAST_RATE);
    double surprise = -Binomial.log10PoissonUpperTail(usual * days, persons);
    return Signal.ofSurprise(
        name(),
        surprise,
        20,
        MOST,
        () ->
            persons
                + " persons read in its last "
                + days
                + " active days that it never read before, with no relationship explaining them;"
                + " its usual"
                + " day has "
                + String.format(Locale.ROOT, "%.1f", usual));
  }
}
