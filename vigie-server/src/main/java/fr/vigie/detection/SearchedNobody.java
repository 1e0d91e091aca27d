package fr.vigie.detection;

/**
 * Searches that found nobody (nobody the account may see), today and over its last few days of
 * searching, far above its own and its peers' usual days: the owner mistypes a name now and then, a
 * sweep tries identifiers, names or birth dates through the register and finds nobody most of the
 * time, at whatever pace. {@code enumeration} sees a sweep within the hour; this sees the slow one,
 * a few an hour for days, and, with {@code enumeration} or {@code accumulated-searched-nobody},
 * suspends the fast one that the throttle only slowed down.
 */
final class SearchedNobody extends RecentDays {
  /** A search that found nobody the account may see. */
  static boolean foundNobody(Access access) {
    return access.kind() == AccessKind.SEARCH && access.found() == 0;
  }

  @Override
  public String name() {
    return "searched-nobody";
  }

  @Override
  DailyCount count(AccountHistory history) {
    return history.emptySearches;
  }

  @Override
  boolean judges(AccountHistory history, Access access) {
    return foundNobody(access);
  }

  @Override
  double usual(AccountHistory history, PeerStats peers) {
    return history.usualEmptySearches(peers, AccountHistory.EMPTY_SEARCH_LEAST);
  }

  @Override
  String reason(int sum, int days, String usual) {
    return sum
        + " searches that found nobody in its last "
        + days
        + " days of searching; its usual day has "
        + usual;
  }
}
