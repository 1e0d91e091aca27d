package fr.vigie.detection;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.function.Predicate;
import java.util.function.ToDoubleBiFunction;

/**
 * Vigie's detectors. Each gives a few points with a reason; {@link Thresholds} turns their sum into
 * containment. None alone reaches suspension: that takes a ceiling or several of them together.
 */
public final class Detectors {
  private Detectors() {}

  /** Every detector, with its default weights. */
  public static List<Detector> defaults() {
    return List.of(
        new Volume(),
        new HourVolume(),
        new Unexplained(),
        new Enumeration(),
        new UnusualHours(),
        new NewDevice(),
        new UnfamiliarPlace(Ceilings.defaults()::offHours),
        new TwoPlaces(),
        new HalfNewPlace(),
        new MovedOfficePc(),
        new NobodyMet(),
        new Dormant(),
        new AfterRecovery(),
        new OffHours(Ceilings.defaults()::offHours),
        new OffHoursAgain(Ceilings.defaults()::offHours),
        new OwnHours(),
        new BrokenGlass(),
        new Pace(),
        new QuickPace(),
        new Accumulated(
            "accumulated-outside",
            40,
            "persons outside what it follows",
            AccountHistory::excessOutside,
            Access::disclosed),
        new Accumulated(
            "accumulated-volume",
            50,
            "persons",
            (history, peers) -> history.excessVolume(),
            Access::disclosed),
        new NeverRead(),
        new WokenAway(),
        new Accumulated(
            "accumulated-never-read",
            12,
            "persons it never read before",
            AccountHistory::excessNeverRead,
            Access::disclosed),
        new SearchedNobody(),
        new Accumulated(
            "accumulated-searched-nobody",
            12,
            "searches that found nobody",
            AccountHistory::excessEmptySearches,
            SearchedNobody::foundNobody));
  }

  /**
   * Evidence that adds up across days (a one-sided CUSUM, {@link AccountHistory#excessOutside},
   * {@link AccountHistory#excessVolume}, {@link AccountHistory#excessNeverRead}, {@link
   * AccountHistory#excessEmptySearches}): weeks of a little more than its usual day, each day under
   * every other threshold, reach {@code limit} excess persons (or searches finding nobody) within a
   * day or two of the first. Half the limit gives 30 points, the limit {@link #MOST}; one alone
   * asks for a step-up at most, with another detector it suspends.
   */
  static final class Accumulated implements Detector {
    /** The points at the limit: with another detector it suspends. */
    private static final int MOST = 60;

    private final String name;
    private final double limit;
    private final String what;
    private final ToDoubleBiFunction<AccountHistory, PeerStats> excess;
    private final Predicate<Access> judged;

    /**
     * @param limit the excess that gives {@link #MOST} points
     * @param what what is added up, in the reason ("persons it never read before")
     * @param excess the account's accumulated excess, today included
     * @param judged the accesses it speaks on: those that add to the excess
     */
    Accumulated(
        String name,
        double limit,
        String what,
        ToDoubleBiFunction<AccountHistory, PeerStats> excess,
        Predicate<Access> judged) {
      this.name = name;
      this.limit = limit;
      this.what = what;
      this.excess = excess;
      this.judged = judged;
    }

    @Override
    public String name() {
      return name;
    }

    @Override
    public Optional<Signal> assess(
        AccountHistory history, PeerStats peers, AccountProfile profile, Access access) {
      if (!judged.test(access)) {
        return Optional.empty();
      }
      double sum = excess.applyAsDouble(history, peers);
      if (sum < limit / 2) {
        return Optional.empty();
      }
      int points = (int) Math.min(MOST, 30 + (MOST - 30) * (sum - limit / 2) / (limit / 2));
      return Optional.of(
          new Signal(
              name,
              points,
              Math.round(sum)
                  + " more "
                  + what
                  + " than its usual days allow, added up over the last days"));
    }
  }

  /**
   * True while the account reads faster than the burst ceiling allows (10 persons a minute: 6
   * within half a minute): the ceiling judges that within the minute and suspends; a rate
   * detector's step-up would only slow the reader down and make it wait out the ceiling. A slower
   * reader, 5 to 9 a minute, never meets the ceiling and is left to the rate detectors.
   */
  static boolean bursting(AccountHistory history, Access access) {
    return history.readsWithin(access.at(), HALF_MINUTE) >= READS_IN_HALF_A_BURST;
  }

  private static final Duration HALF_MINUTE = Duration.ofSeconds(30);
  private static final int READS_IN_HALF_A_BURST = 6;

  /**
   * More persons read in this night or weekend than the account's own nights ever needed, whatever
   * the device: a thief on the owner's own PC reads while the owner is away. An advisor's evening
   * at home opens a file or three; its usual days set how many more it may.
   */
  static final class OffHours implements Detector {
    private final Predicate<Instant> offHours;

    OffHours(Predicate<Instant> offHours) {
      this.offHours = offHours;
    }

    @Override
    public String name() {
      return "off-hours";
    }

    /**
     * True when {@code access} disclosed a person at night or at a weekend, by an account in use
     * for four weeks: a new advisor has no usual hours yet.
     */
    static boolean settledOffHoursRead(
        Predicate<Instant> offHours, AccountHistory history, Access access) {
      return access.disclosed() && offHours.test(access.at()) && history.settled(access.at());
    }

    @Override
    public Optional<Signal> assess(
        AccountHistory history, PeerStats peers, AccountProfile profile, Access access) {
      if (!settledOffHoursRead(offHours, history, access)) {
        return Optional.empty();
      }
      int persons = history.offHoursToday();
      int allowance = history.offHoursAllowance();
      if (persons <= allowance) {
        return Optional.empty();
      }
      int points = Math.min(80, 40 + 10 * (persons - allowance - 1));
      return Optional.of(
          new Signal(
              name(),
              points,
              persons + " persons read this night or weekend; its usual ones allow " + allowance));
    }
  }

  /**
   * Break-the-glass reads today far above the account's own rate and its peers': with covers,
   * sessions and desks made explicit ({@code access.TimeBoxedRelationship}), a justification is
   * rare, and a run of them says much (a Poisson tail, so one or two say nothing).
   */
  static final class BrokenGlass implements Detector {
    /** The least usual rate: a desk's odd visitor is never unusual. */
    private static final double LEAST_RATE = 0.5;

    /** Below the throttle: alone it asks for a step-up, with another detector it suspends. */
    private static final int MOST = 65;

    @Override
    public String name() {
      return "broken-glass";
    }

    @Override
    public Optional<Signal> assess(
        AccountHistory history, PeerStats peers, AccountProfile profile, Access access) {
      if (!access.disclosed() || access.link() != Link.OUTSIDE || bursting(history, access)) {
        return Optional.empty();
      }
      int outside = history.outsideToday();
      double usual =
          Math.max(LEAST_RATE, Math.max(history.meanDailyOutside(), peers.outsideMean()));
      double surprise = -Binomial.log10PoissonUpperTail(usual, outside);
      return Signal.ofSurprise(
          name(),
          surprise,
          20,
          MOST,
          () ->
              outside
                  + " persons outside what it follows read today with a justification; its usual"
                  + " days have "
                  + String.format(java.util.Locale.ROOT, "%.1f", usual));
    }
  }

  /**
   * Unexplained persons read within the last hour far above the account's own hourly rate: a thief
   * going through the caseload faster than its owner, from the owner's own PC and hours, is seen
   * within the hour instead of at the end of the day. A Poisson tail, so a busy hour says little.
   * The last 10, 20 and 30 minutes are scanned too, each against its share of the usual hour: a
   * reader at one a minute has read eight persons in eight minutes, which says much of those
   * minutes and little yet of the hour.
   */
  static final class Pace implements Detector {
    /** Working hours in a day, over which the usual unexplained persons are spread. */
    private static final double HOURS = 6;

    private static final double LEAST_RATE = 1.5;

    /** Below the throttle, so that a full-speed reader still meets the burst ceiling at once. */
    private static final int MOST = 65;

    /** Peers' days learnt before their usual hour counts. */
    private static final long PEER_DAYS = 100;

    @Override
    public String name() {
      return "pace";
    }

    /**
     * The usual unexplained persons an hour: the larger of the account's own and its peers' median
     * day (their unexplained share of it), spread over the working hours, at least {@link
     * #LEAST_RATE}.
     */
    static double hourlyRate(AccountHistory history, PeerStats peers) {
      double own = history.meanDailyUnexplained() / HOURS;
      double peer =
          peers.days() < PEER_DAYS
              ? 0
              : peers.dailyPersonsQuantile(0.5) * peers.unexplainedShare(0.3) / HOURS;
      return Math.max(LEAST_RATE, Math.max(own, peer));
    }

    /**
     * The usual unexplained persons an hour the account is judged by at {@code at}: its own days
     * once it has 5; an account older than the detectors' memory (no days of its own kept) by its
     * peers' ({@code peers} may be null: none known); empty for a new account.
     */
    static OptionalDouble usualHour(AccountHistory history, PeerStats peers, Instant at) {
      if (history.baselineDays() >= 5) {
        return OptionalDouble.of(Math.max(LEAST_RATE, history.meanDailyUnexplained() / HOURS));
      }
      if (peers != null && history.settled(at) && peers.days() >= PEER_DAYS) {
        return OptionalDouble.of(hourlyRate(history, peers));
      }
      return OptionalDouble.empty();
    }

    /** The unexplained persons of the last {@code minutes}, and how unlikely they are. */
    record Window(int minutes, int persons, double surprise) {}

    /**
     * The most unlikely (minus the log10 of a Poisson tail) of the unexplained persons of the last
     * hour and of each shorter window of {@link #SCANNED}, at {@code usualHour}. A window of m
     * minutes is one of 60/m in an hour, so its tail counts that many times more likely: a burst
     * that unlikely in one of them is that much less surprising.
     */
    static Window mostUnlikely(AccountHistory history, double usualHour, Instant at) {
      int hour = history.unexplainedLastHour(at);
      Window most = new Window(60, hour, -Binomial.log10PoissonUpperTail(usualHour, hour));
      for (int minutes : SCANNED) {
        int persons = history.unexplainedSince(at.minus(Duration.ofMinutes(minutes)));
        double windows = 60.0 / minutes;
        double surprise =
            -Binomial.log10PoissonUpperTail(usualHour / windows, persons) - Math.log10(windows);
        if (surprise > most.surprise()) {
          most = new Window(minutes, persons, surprise);
        }
      }
      return most;
    }

    /** The windows shorter than the hour scanned, in minutes. */
    private static final int[] SCANNED = {10, 20, 30};

    @Override
    public Optional<Signal> assess(
        AccountHistory history, PeerStats peers, AccountProfile profile, Access access) {
      if (!access.disclosed() || access.link().explained() || bursting(history, access)) {
        return Optional.empty();
      }
      OptionalDouble usual = usualHour(history, peers, access.at());
      if (usual.isEmpty()) {
        return Optional.empty();
      }
      double rate = usual.getAsDouble();
      Window window = mostUnlikely(history, rate, access.at());
      return Signal.ofSurprise(
          name(),
          window.surprise(),
          30,
          MOST,
          () ->
              window.persons()
                  + " persons with no appointment link read in the last "
                  + (window.minutes() == 60 ? "hour" : window.minutes() + " min")
                  + "; its usual hour has "
                  + String.format(java.util.Locale.ROOT, "%.1f", rate));
    }
  }

  /**
   * Unexplained persons read for minutes on end at five or more a minute, under the burst ceiling's
   * ten: faster than any working hour, too slow for the ceiling. With {@code pace}, which such a
   * run always raises, it suspends within a few minutes; an honest glance down a list of a few
   * persons stops before.
   */
  static final class QuickPace implements Detector {
    private static final Duration WINDOW = Duration.ofMinutes(3);

    /** Five a minute over the window. */
    private static final int PERSONS = 15;

    private static final int POINTS = 40;

    @Override
    public String name() {
      return "quick-pace";
    }

    @Override
    public Optional<Signal> assess(
        AccountHistory history, PeerStats peers, AccountProfile profile, Access access) {
      if (!access.disclosed() || access.link().explained() || bursting(history, access)) {
        return Optional.empty();
      }
      int persons = history.unexplainedSince(access.at().minus(WINDOW));
      if (persons < PERSONS) {
        return Optional.empty();
      }
      return Optional.of(
          new Signal(
              name(),
              POINTS,
              persons
                  + " persons with no appointment link read in the last "
                  + WINDOW.toMinutes()
                  + " min"));
    }
  }

  /** Distinct persons in the last 24 hours far above the account's own days and its peers'. */
  static final class Volume implements Detector {
    @Override
    public String name() {
      return "volume";
    }

    @Override
    public Optional<Signal> assess(
        AccountHistory history, PeerStats peers, AccountProfile profile, Access access) {
      int persons = history.personsLastDay();
      int usual;
      if (history.baselineDays() >= 5) {
        double mean = history.meanDailyPersons();
        usual =
            (int)
                Math.ceil(
                    Math.max(
                        Math.max(mean + 4 * history.sdDailyPersons(), 2 * mean),
                        1.5 * history.maxDailyPersons()));
      } else if (peers.days() >= 100) {
        usual = peers.dailyPersonsQuantile(0.999);
      } else {
        return Optional.empty();
      }
      usual = Math.max(usual, 10);
      if (persons <= usual) {
        return Optional.empty();
      }
      int points = (int) Math.min(60, 30 + 30.0 * (persons - usual) / usual);
      return Optional.of(
          new Signal(
              name(),
              points,
              "read " + persons + " distinct persons in 24 hours; its usual ceiling is " + usual));
    }
  }

  /**
   * More distinct persons in the last hour than the account's busiest whole day of its baseline (at
   * least {@link #LEAST}), with or without an appointment link: a thief going down the owner's
   * caseload reads persons the owner has appointments with, which {@code pace} does not count, and
   * {@code volume} waits for the day's total. An advisor's busy hour holds a few of its day's
   * persons, not more than its busiest day.
   */
  static final class HourVolume implements Detector {
    static final int LEAST = 12;

    private static final int MOST = 45;

    @Override
    public String name() {
      return "hour-volume";
    }

    @Override
    public Optional<Signal> assess(
        AccountHistory history, PeerStats peers, AccountProfile profile, Access access) {
      if (!access.disclosed() || bursting(history, access)) {
        return Optional.empty();
      }
      int usual;
      if (history.baselineDays() >= 5) {
        usual = history.maxDailyPersons();
      } else if (peers.days() >= 100) {
        usual = peers.dailyPersonsQuantile(0.999);
      } else {
        return Optional.empty();
      }
      usual = Math.max(usual, LEAST);
      int persons = history.personsSince(access.at().minus(Duration.ofHours(1)));
      if (persons <= usual) {
        return Optional.empty();
      }
      int points = (int) Math.min(MOST, 30 + 30.0 * (persons - usual) / usual);
      return Optional.of(
          new Signal(
              name(),
              points,
              "read "
                  + persons
                  + " distinct persons in the last hour; a whole day of its baseline has at most "
                  + usual));
    }
  }

  /**
   * Too many persons with no appointment link in the last 24 hours, for this account's own share of
   * unexplained accesses: a binomial tail, so that a few unexplained reads say nothing and a run of
   * them says much.
   */
  static final class Unexplained implements Detector {
    private static final double PRIOR_SHARE = 0.3;
    private static final double PRIOR_WEIGHT = 50;

    @Override
    public String name() {
      return "unexplained";
    }

    @Override
    public Optional<Signal> assess(
        AccountHistory history, PeerStats peers, AccountProfile profile, Access access) {
      int n = history.personsLastDay();
      int u = history.unexplainedLastDay();
      if (n < 5 || u < 5) {
        return Optional.empty();
      }
      double prior = peers.unexplainedShare(PRIOR_SHARE);
      double share =
          (history.historyUnexplained() + PRIOR_WEIGHT * prior)
              / (history.historyDisclosures() + PRIOR_WEIGHT);
      double surprise = -Binomial.log10UpperTail(n, u, Math.min(0.95, Math.max(0.01, share)));
      return Signal.ofSurprise(
          name(),
          surprise,
          20,
          80,
          () ->
              u
                  + " of "
                  + n
                  + " persons read in 24 hours had no appointment link; its usual share is "
                  + Math.round(share * 100)
                  + "%");
    }
  }

  /** Searches that find nobody, or many searches for each person opened: a sweep. */
  static final class Enumeration implements Detector {
    @Override
    public String name() {
      return "enumeration";
    }

    @Override
    public Optional<Signal> assess(
        AccountHistory history, PeerStats peers, AccountProfile profile, Access access) {
      int searches = history.searchesLastHour();
      int empty = history.emptySearchesLastHour();
      if (empty >= 5 && 2 * empty >= searches) {
        int points = Math.min(80, 20 + 8 * (empty - 5));
        return Optional.of(
            new Signal(
                name(),
                points,
                empty + " of " + searches + " searches in the last hour found nobody"));
      }
      int reads = Math.max(1, history.readsLastHour());
      if (searches >= 15 && searches >= 3 * reads) {
        return Optional.of(
            new Signal(
                name(),
                40,
                searches + " searches in the last hour for " + reads + " persons read"));
      }
      return Optional.empty();
    }
  }

  /**
   * Reading at an hour of the week when this account never did, nor almost any of its peers: 25
   * points in one such hour, {@link #STEP} more for each other such hour of a night or weekend of
   * the last week (each clock hour it read in counts once), at most {@link #MOST}. A thief on the
   * owner's PC left on at the office comes back night after night at three in the morning, a few
   * persons each time under every night's allowance; an advisor's odd late file is one hour, and a
   * burst within one hour counts once (the burst ceiling suspends it).
   */
  static final class UnusualHours implements Detector {
    static final Duration WEEK = Duration.ofDays(7);

    /**
     * Peers' days learnt before their hours add up: on a fresh start every hour is one they never
     * read at, and each read says no more than 25 points.
     */
    static final long PEER_DAYS = 100;

    private static final int POINTS = 25;
    private static final int STEP = 12;

    /** A throttle alone, so that a later night's read (throttled-again) suspends. */
    private static final int MOST = 75;

    @Override
    public String name() {
      return "hours";
    }

    /**
     * True when {@code at}, just recorded in {@code history}, is at an hour of the week when the
     * account never read before (once it has a history to say so) and its peers almost never do.
     */
    static boolean unusual(AccountHistory history, PeerStats peers, Instant at) {
      boolean ownHabit =
          history.historyDisclosures() >= 200 && history.disclosuresInHourOfWeek(at) > 1;
      return !ownHabit && peers != null && peers.shareOfHourOfWeek(at) < 0.001;
    }

    @Override
    public Optional<Signal> assess(
        AccountHistory history, PeerStats peers, AccountProfile profile, Access access) {
      if (!access.disclosed() || !unusual(history, peers, access.at())) {
        return Optional.empty();
      }
      int hours = Math.max(1, history.unusualHoursWithin(access.at(), WEEK));
      return Optional.of(
          new Signal(
              name(),
              Math.min(MOST, POINTS + STEP * (hours - 1)),
              hours == 1
                  ? "reads at an hour of the week when it and its peers almost never do"
                  : "reads in "
                      + hours
                      + " hours of the last week when it and its peers almost never read"));
    }
  }

  /**
   * A device this account had not used in 90 days, for the day after it first appears; a device and
   * a network both new, for two weeks.
   */
  static final class NewDevice implements Detector {
    private static final Duration YOUNG = Duration.ofDays(1);

    @Override
    public String name() {
      return "new-device";
    }

    @Override
    public Optional<Signal> assess(
        AccountHistory history, PeerStats peers, AccountProfile profile, Access access) {
      boolean device = young(history.deviceNewSince(), access.at());
      boolean address = young(history.addressNewSince(), access.at());
      if (history.unfamiliarPlace(access.at(), UnfamiliarPlace.YOUNG)) {
        return Optional.of(new Signal(name(), 30, "a new device on a new network"));
      }
      if (HalfNewPlace.many(history, access.at())) {
        return Optional.of(
            new Signal(name(), 30, "a device or a network first seen in the last 14 days"));
      }
      if (device) {
        return Optional.of(new Signal(name(), 25, "a device not seen in 90 days"));
      }
      if (address) {
        return Optional.of(new Signal(name(), 10, "a network not seen in 90 days"));
      }
      return Optional.empty();
    }

    private static boolean young(Instant since, Instant now) {
      return since != null && Duration.between(since, now).compareTo(YOUNG) < 0;
    }
  }

  /**
   * A device and a network the account never used (first seen less than two weeks ago, by an
   * account in use for four weeks), used while its usual place was active less than an hour before,
   * at night or at a weekend, or again on a later day. That is how a stolen account is read: beside
   * its owner at work, while the owner sleeps, or day after day while the owner is away. A real
   * advisor in a new place (a training site for a day) is there instead of its usual place, in
   * working hours, once.
   */
  static final class UnfamiliarPlace implements Detector {
    static final Duration YOUNG = Duration.ofDays(14);
    private static final Duration BESIDE = Duration.ofHours(1);
    private static final int FIRST_PERSONS = 3;
    private final Predicate<Instant> offHours;

    UnfamiliarPlace(Predicate<Instant> offHours) {
      this.offHours = offHours;
    }

    @Override
    public String name() {
      return "unfamiliar-place";
    }

    @Override
    public Optional<Signal> assess(
        AccountHistory history, PeerStats peers, AccountProfile profile, Access access) {
      if (!history.unfamiliarPlace(access.at(), YOUNG)) {
        return Optional.empty();
      }
      String when = when(history, access.at());
      if (when == null) {
        return Optional.empty();
      }
      int persons = history.personsOnNewDevice();
      // A first evening at home on a new laptop reads a person or two; a thief goes on.
      int points = persons > FIRST_PERSONS ? 70 : 30;
      return Optional.of(
          new Signal(
              name(),
              points,
              "a device and network first seen in the last 14 days, "
                  + when
                  + "; "
                  + persons
                  + " persons read from it"));
    }

    /** Why this use of a new place is suspicious, or null when it is not. */
    private String when(AccountHistory history, Instant at) {
      Instant other = history.otherAddressLastSeen();
      if (other != null && Duration.between(other, at).compareTo(BESIDE) < 0) {
        return "used "
            + Math.max(1, Duration.between(other, at).toMinutes())
            + " min after its usual place";
      }
      if (offHours.test(at)) {
        return "at night or at a weekend";
      }
      // Day after day from the new place, and never from the usual one since: the owner is away.
      if (history.deviceFromEarlierDay(at)
          && (other == null || other.isBefore(history.deviceNewSince()))) {
        return "used again on another day instead of its usual place";
      }
      return null;
    }
  }

  /**
   * A place where only the device or only the network is new (first seen within two weeks), used
   * while the account's other devices or networks were in use less than an hour before, or at night
   * or at a weekend: the owner's PC cookie read from elsewhere, or a stranger's device on the
   * owner's network, beside the owner at work or while the owner sleeps. A real advisor's shared
   * office PC or phone connection of an afternoon, or its new laptop of an evening, reads a few
   * persons there; a thief goes on. With {@code new-device} it suspends once the half-new place has
   * read more than a handful. A new device no other account uses (not a shared office PC), once
   * beside the usual one, counts every person it read that day: a stranger's device on the owner's
   * office network starts before the owner comes in.
   */
  static final class HalfNewPlace implements Detector {
    private static final int FEW_PERSONS = 10;

    /** On its first day, the half-new place must hold this share of the day's persons. */
    private static final double FIRST_DAY_SHARE = 0.4;

    @Override
    public String name() {
      return "half-new-place";
    }

    /**
     * True when the half-new place read more than a handful beside the usual one, on a later day
     * than its first, or on its first day as a large share of the day: a shared office PC of an
     * afternoon takes a few of the day's persons, once.
     */
    static boolean many(AccountHistory history, Instant at) {
      int persons = persons(history, at);
      return persons > FEW_PERSONS
          && (history.halfNewPlaceFromEarlierDay(at)
              || persons >= FIRST_DAY_SHARE * history.personsToday());
    }

    /** Persons read from the half-new place as {@link #many} counts them. */
    static int persons(AccountHistory history, Instant at) {
      return Math.max(
          history.personsBesideFromHalfNewPlace(at),
          history.personsTodayFromOwnNewDeviceBeside(at));
    }

    @Override
    public Optional<Signal> assess(
        AccountHistory history, PeerStats peers, AccountProfile profile, Access access) {
      if (!access.disclosed() || !many(history, access.at())) {
        return Optional.empty();
      }
      return Optional.of(
          new Signal(
              name(),
              70,
              "a device or a network first seen in the last 14 days, used beside its usual ones"
                  + " within the hour or at night or at a weekend; "
                  + persons(history, access.at())
                  + " persons read from it so far"));
    }
  }

  /** The account used from two networks within a few minutes: two places at once. */
  static final class TwoPlaces implements Detector {
    private static final Duration APART = Duration.ofMinutes(10);

    @Override
    public String name() {
      return "two-places";
    }

    @Override
    public Optional<Signal> assess(
        AccountHistory history, PeerStats peers, AccountProfile profile, Access access) {
      Instant other = history.otherAddressAt();
      if (other == null || Duration.between(other, access.at()).compareTo(APART) >= 0) {
        return Optional.empty();
      }
      return Optional.of(
          new Signal(
              name(),
              40,
              "used from two networks "
                  + Duration.between(other, access.at()).toSeconds()
                  + " s apart"));
    }
  }

  /**
   * An account that had done nothing for more than 30 days, in the day after it wakes: more when it
   * wakes on a device or a network it never used (its office PC on a stranger's network), most when
   * both are new; and for two weeks while it has not been back on a device and a network of its own
   * since (an advisor back from leave is back at its usual place within days).
   */
  static final class Dormant implements Detector {
    @Override
    public String name() {
      return "dormant";
    }

    @Override
    public Optional<Signal> assess(
        AccountHistory history, PeerStats peers, AccountProfile profile, Access access) {
      Instant woke = history.wokeAt();
      if (woke == null) {
        return Optional.empty();
      }
      Duration since = Duration.between(woke, access.at());
      if (since.compareTo(Duration.ofDays(1)) >= 0) {
        if (since.compareTo(WokenAway.WATCHED) < 0 && history.wokeElsewhere()) {
          return Optional.of(
              new Signal(
                  name(),
                  40,
                  "woken "
                      + since.toDays()
                      + " days ago after more than 30 days without use, from a device or a network"
                      + " it never used, and never back at its own since"));
        }
        return Optional.empty();
      }
      if (history.unfamiliarPlace(access.at(), UnfamiliarPlace.YOUNG)) {
        // Woken from a device and a network it never used: how an abandoned account is taken.
        return Optional.of(
            new Signal(
                name(),
                70,
                "active again after more than 30 days without use, from a device and network"
                    + " it never used"));
      }
      if (history.halfNewPlaceNow(access.at())) {
        // Its own device on a network it never used, or a device it never had on its own network:
        // an advisor back from leave comes back to its usual place.
        return Optional.of(
            new Signal(
                name(),
                50,
                "active again after more than 30 days without use, from a device or a network it"
                    + " never used"));
      }
      return Optional.of(
          new Signal(name(), 30, "active again after more than 30 days without use"));
    }
  }

  /**
   * The week after a helpdesk recovery: how the 2024 attack began. More from a place half new (its
   * device or its network first seen within two weeks), most from a place both new.
   */
  static final class AfterRecovery implements Detector {
    private static final Duration WATCHED = Duration.ofDays(7);

    @Override
    public String name() {
      return "after-recovery";
    }

    @Override
    public Optional<Signal> assess(
        AccountHistory history, PeerStats peers, AccountProfile profile, Access access) {
      Instant recovered = profile.recoveredAt();
      if (recovered == null
          || access.at().isBefore(recovered)
          || Duration.between(recovered, access.at()).compareTo(WATCHED) >= 0) {
        return Optional.empty();
      }
      int points = 25;
      String from = "";
      if (history.unfamiliarPlace(access.at(), UnfamiliarPlace.YOUNG)) {
        // The 2024 pattern: a recovered account used from somewhere it never was.
        points = 70;
        from = ", from a device and network it never used";
      } else if (history.halfNewPlaceNow(access.at())) {
        // Half of it: the owner's network from a device it never had (a stranger's, in the
        // owner's office), or its own device from a network it never used.
        points = 50;
        from = ", from a device or a network it never used";
      }
      return Optional.of(
          new Signal(
              name(),
              points,
              "within "
                  + Math.max(1, Duration.between(recovered, access.at()).toHours())
                  + " hours of a helpdesk recovery"
                  + from));
    }
  }
}
