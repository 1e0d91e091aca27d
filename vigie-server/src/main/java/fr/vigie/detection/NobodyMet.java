package fr.vigie.detection;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Many persons read in a row and nobody met: none had an appointment or a manager's time-boxed
 * relationship for a quarter of an hour at least, while the account's days usually have their
 * share. The owner receiving persons reads their files; a thief on the owner's PC while the owner
 * is away goes through the caseload and meets nobody. Weighed only while the last hour's
 * unexplained persons are far above the account's pace (a day of paperwork at the usual pace, or a
 * new PC's first day, says nothing), as a binomial tail on the account's own explained share; worth
 * less than a step-up alone, it suspends with {@code pace}.
 */
final class NobodyMet implements Detector {
  /** Persons read in a row with nobody met before the run says anything. */
  static final int LEAST_PERSONS = 10;

  /** How long without a person met before the run says anything: between two appointments. */
  static final Duration NOBODY_FOR = Duration.ofMinutes(15);

  /** Below the step-up: alone it asks for nothing. */
  static final int MOST = 35;

  /** The largest explained share believed: a day without appointments is never impossible. */
  private static final double MOST_SHARE = 0.9;

  @Override
  public String name() {
    return "nobody-met";
  }

  @Override
  public Optional<Signal> assess(
      AccountHistory history, PeerStats peers, AccountProfile profile, Access access) {
    int persons = history.unexplainedStreak();
    Instant met = history.lastExplainedAt();
    if (!access.disclosed()
        || access.link().explained()
        || persons < LEAST_PERSONS
        || (met != null && Duration.between(met, access.at()).compareTo(NOBODY_FOR) < 0)
        || history.baselineDays() < AccountHistory.CUSUM_BASELINE_DAYS
        || !hurried(history, peers, access)) {
      return Optional.empty();
    }
    double share = usualExplainedShare(history);
    double surprise = -persons * Math.log10(1 - share);
    return Signal.ofSurprise(
        name(),
        surprise,
        15,
        MOST,
        () ->
            persons
                + " persons read in a row, none with an appointment or a time-boxed relationship;"
                + " its usual days have "
                + Math.round(share * 100)
                + "% of them");
  }

  /**
   * True when the persons nothing explains read in the last hour are far above the account's own
   * and its peers' hourly pace (a Poisson tail under one in a thousand): a day of paperwork at the
   * owner's pace, or a new PC's first day, is not what this detector weighs.
   */
  private static boolean hurried(AccountHistory history, PeerStats peers, Access access) {
    int persons = history.unexplainedLastHour(access.at());
    double rate = Detectors.Pace.hourlyRate(history, peers);
    return -Binomial.log10PoissonUpperTail(rate, persons) >= HURRIED_SURPRISE;
  }

  /** Minus the log10 of the chance of the last hour's pace: one in a thousand. */
  private static final double HURRIED_SURPRISE = 3;

  /** The share of its baseline days' persons that an appointment or a relationship explained. */
  static double usualExplainedShare(AccountHistory history) {
    double persons = history.meanDailyPersons();
    if (persons <= 0) {
      return 0;
    }
    double share = 1 - history.meanDailyUnexplained() / persons;
    return Math.max(0, Math.min(MOST_SHARE, share));
  }
}
