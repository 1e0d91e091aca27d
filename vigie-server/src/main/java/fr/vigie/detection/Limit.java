package fr.vigie.detection;

import static java.util.Objects.requireNonNull;

import java.time.Duration;

/**
 * One ceiling: at most {@code max} of {@code measure} within any {@code window}. Explainable by
 * itself, with no history: "more than 60 distinct persons in one hour".
 *
 * @param onBreach what happens to the access that would go over it
 */
public record Limit(String name, Measure measure, Duration window, int max, OnBreach onBreach) {
  public Limit {
    requireNonNull(name, "name is null");
    requireNonNull(measure, "measure is null");
    requireNonNull(window, "window is null");
    requireNonNull(onBreach, "onBreach is null");
    if (window.isNegative() || window.isZero()) {
      throw new IllegalArgumentException("window: must be positive");
    }
    if (max < 0) {
      throw new IllegalArgumentException("max: is negative");
    }
  }

  /** What a ceiling counts. */
  public enum Measure {
    /** Distinct persons whose data left. */
    PERSONS,
    /** Distinct persons outside what the account follows whose data left. */
    OUTSIDE_PERSONS,
    /** Searches. */
    SEARCHES,
    /** Searches that found nobody. */
    EMPTY_SEARCHES,
    /**
     * Every access admitted: reads and updates (the same person again included), searches and
     * changes to caseloads and referrals.
     */
    ACCESSES,
    /** Changes to caseloads and referrals: assignments, unassignments, referrals. */
    CHANGES
  }

  /** What going over the ceiling does. */
  public enum OnBreach {
    /** The access is refused; the account goes on. */
    REFUSE,
    /** The access is refused and the account suspended at once. */
    SUSPEND
  }

  /** The same limit with its maximum multiplied by {@code factor}, never below one. */
  Limit scaled(double factor) {
    return factor == 1.0 ? this : new Limit(name, measure, window, scaledMax(factor), onBreach);
  }

  private int scaledMax(double factor) {
    return Math.max(1, (int) Math.floor(max * factor));
  }

  /** A sentence a person can read: "more than 60 distinct persons within 1 hour". */
  public String explain() {
    String what =
        switch (measure) {
          case PERSONS -> "distinct persons";
          case OUTSIDE_PERSONS -> "distinct persons outside the caseload";
          case SEARCHES -> "searches";
          case EMPTY_SEARCHES -> "searches that found nobody";
          case ACCESSES -> "accesses";
          case CHANGES -> "changes to caseloads and referrals";
        };
    return "more than " + max + " " + what + " within " + describe(window);
  }

  private static String describe(Duration window) {
    if (window.toDays() > 0 && window.toHours() % 24 == 0) {
      return window.toDays() == 1 ? "1 day" : window.toDays() + " days";
    }
    if (window.toHours() > 0 && window.toMinutes() % 60 == 0) {
      return window.toHours() == 1 ? "1 hour" : window.toHours() + " hours";
    }
    return window.toMinutes() == 1 ? "1 minute" : window.toMinutes() + " minutes";
  }
}
