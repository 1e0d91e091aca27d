package fr.vigie.detection;

import java.util.Locale;
import java.util.Optional;

/**
 * Searches that found nobody (nobody the account may see), today and over its last few days of
 * searching, far above its own and its peers' usual days: the owner mistypes a name now and then, a
 * sweep tries identifiers, names or birth dates through the register and finds nobody most of the
 * time, at whatever pace. {@code enumeration} sees a sweep within the hour; this sees the slow one,
 * a few an hour for days, and, with {@code enumeration} or {@code accumulated-searched-nobody},
 * suspends the fast one that the throttle only slowed down. A Poisson tail over the days.
 */
final class SearchedNobody implements Detector {
  /** Days of searching before today that the sum holds. */
  static final int DAYS_BEFORE = 4;

  static final int MOST = 65;

  /** A search that found nobody the account may see. */
  static boolean foundNobody(Access access) {
    return access.kind() == AccessKind.SEARCH && access.found() == 0;
  }

  @Override
  public String name() {
    return "searched-nobody";
  }

  @Override
  public Optional<Signal> assess(
      AccountHistory history, PeerStats peers, AccountProfile profile, Access access) {
    if (!foundNobody(access) || history.emptySearchesToday() == 0) {
      return Optional.empty();
    }
    int searches = history.emptySearchesRecently(DAYS_BEFORE);
    int days = history.emptySearchDays(DAYS_BEFORE);
    double usual = history.usualEmptySearches(peers, AccountHistory.EMPTY_SEARCH_LEAST);
    double surprise = -Binomial.log10PoissonUpperTail(usual * days, searches);
    return Signal.ofSurprise(
        name(),
        surprise,
        20,
        MOST,
        () ->
            searches
                + " searches that found nobody in its last "
                + days
                + " days of searching; its usual day has "
                + String.format(Locale.ROOT, "%.1f", usual));
  }
}
