package fr.vigie.detection;

/**
 * Something an account does a few times on some days (searches that found nobody), counted by day:
 * today's count, the last {@link AccountHistory#DAYS} days it was active in that way, and the
 * excess that adds up across them (a one-sided CUSUM). Its days are its own: a day that only
 * searched, and read nobody, closes here all the same.
 */
final class DailyCount {
  final int[] daily = new int[AccountHistory.DAYS];

  /** Days closed since the account was first seen. */
  int closed;

  /** Today's count. */
  int today;

  /** Whether today counts as a day: the account did what is counted (searched) at least once. */
  boolean active;

  /** The excess of the closed days over their allowance, added up (never below 0). */
  double cusum;

  /** The account did today what is counted, with nothing to count this time. */
  void touch() {
    active = true;
  }

  /** One more today. */
  void add() {
    today++;
    active = true;
  }

  /**
   * Today is over: when it was a day of its own, it joins the last days and the sum takes in its
   * excess over {@code allowance}.
   */
  void close(double allowance) {
    if (active) {
      cusum = excess(allowance);
      daily[closed % daily.length] = today;
      closed++;
    }
    today = 0;
    active = false;
  }

  /** Closed days remembered. */
  int days() {
    return Math.min(closed, daily.length);
  }

  /** Today's count and that of the last {@code before} closed days (fewer when it has fewer). */
  int recently(int before) {
    int sum = today;
    for (int i = 1; i <= Math.min(before, days()); i++) {
      sum += daily[Math.floorMod(closed - i, daily.length)];
    }
    return sum;
  }

  /** The days {@link #recently} sums: today and at most {@code before} closed ones. */
  int recentDays(int before) {
    return 1 + Math.min(before, days());
  }

  /** Mean a closed day; 0 without one. */
  double mean() {
    int n = days();
    long sum = 0;
    for (int i = 0; i < n; i++) {
      sum += daily[i];
    }
    return n == 0 ? 0 : (double) sum / n;
  }

  /** The sum with today taken in: today's count less {@code allowance}, added, never below 0. */
  double excess(double allowance) {
    return Math.max(0, cusum + today - allowance);
  }

  /** An analyst released the account: what had added up is dropped, its days stay. */
  void forgive() {
    cusum = 0;
    today = 0;
  }
}
