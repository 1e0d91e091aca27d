package fr.vigie.detection;

import java.util.Locale;
import java.util.Optional;

/**
 * A count by day ({@link DailyCount}) today and over its last {@link #DAYS_BEFORE} days, against a
 * Poisson of its usual day times the days: one day's few say nothing, a few a day add up within two
 * or three. 10 points an order of magnitude of surprise less 20, at most {@link #MOST}: below the
 * throttle alone; with the same count's sum across days ({@code accumulated-...}) it suspends.
 */
abstract class RecentDays implements Detector {
  /** Days before today that the sum holds. */
  static final int DAYS_BEFORE = 4;

  static final int MOST = 65;

  /** What is counted, of {@code history}. */
  abstract DailyCount count(AccountHistory history);

  /** Whether {@code access} is one that is counted, and judged now. */
  abstract boolean judges(AccountHistory history, Access access);

  /** Its usual count a day. */
  abstract double usual(AccountHistory history, PeerStats peers);

  /** The reason, from the sum, the days it holds and the usual day written out. */
  abstract String reason(int sum, int days, String usual);

  @Override
  public final Optional<Signal> assess(
      AccountHistory history, PeerStats peers, AccountProfile profile, Access access) {
    DailyCount count = count(history);
    if (count.today == 0 || !judges(history, access)) {
      return Optional.empty();
    }
    int sum = count.recently(DAYS_BEFORE);
    int days = count.recentDays(DAYS_BEFORE);
    double usual = usual(history, peers);
    double surprise = -Binomial.log10PoissonUpperTail(usual * days, sum);
    return Signal.ofSurprise(
        name(),
        surprise,
        20,
        MOST,
        () -> reason(sum, days, String.format(Locale.ROOT, "%.1f", usual)));
  }
}
