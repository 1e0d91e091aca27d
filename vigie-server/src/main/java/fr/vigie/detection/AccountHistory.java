package fr.vigie.detection;

import fr.vigie.registry.PersonId;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Predicate;

/**
 * What the detectors remember of one account: the last 24 hours access by access, and before that
 * one line per active day (distinct persons, unexplained ones), the hours it works, the devices and
 * networks it uses. Pseudonymous ids and tokens only. Not thread-safe: {@link Detection} locks it.
 */
public final class AccountHistory {
  /** How many active days the baseline keeps. */
  static final int DAYS = 28;

  private static final Duration DAY = Duration.ofDays(1);
  private static final Duration HOUR = Duration.ofHours(1);
  private static final Duration TOKEN_MEMORY = Duration.ofDays(90);

  /** Longer than this without a single access, an account is dormant. */
  static final Duration DORMANT = Duration.ofDays(30);

  /**
   * How long an account must have been in use before a place can be unfamiliar to it: a new account
   * has no usual place yet.
   */
  static final Duration SETTLED = Duration.ofDays(28);

  private final ZoneId zone;
  private final LinkedHashMap<PersonId, Seen> lastDay = new LinkedHashMap<>();
  private final ArrayDeque<Search> lastHourSearches = new ArrayDeque<>();
  private final ArrayDeque<Instant> lastHourReads = new ArrayDeque<>();
  final Map<String, Instant> devices = new HashMap<>();
  final Map<String, Instant> addresses = new HashMap<>();
  final long[] hourOfWeek = new long[168];
  final int[] dailyPersons = new int[DAYS];
  final int[] dailyUnexplained = new int[DAYS];
  final int[] dailyOutside = new int[DAYS];
  final int[] dailyOffHours = new int[DAYS];
  int todayOutside;

  /** The persons it read before, back to a few thousand ({@link ReadBefore}). */
  ReadBefore readBefore = new ReadBefore();

  /**
   * Distinct persons read that it never read before and no manager's time-boxed relationship
   * explains, by the days it read persons (its days close with its baseline days). An appointment
   * does not explain one: it may be anyone's of the organization, and a first appointment's
   * stranger is in the account's own rate of them.
   */
  final DailyCount neverRead = new DailyCount();

  /**
   * Searches that found nobody (or nobody the account may see), by day of searching: the owner
   * mistypes a name now and then, a sweep goes through the register finding nobody, at any pace.
   */
  final DailyCount emptySearches = new DailyCount();

  /** Distinct persons read in the night or weekend {@link #offHoursPeriod}, as it goes on. */
  int todayOffHours;

  /** The night or weekend of the last read at such an hour, by the day it began on, or null. */
  LocalDate offHoursPeriod;

  /** Nights and weekends with reads that closed, for {@link #dailyOffHours} (one per period). */
  int closedPeriods;

  LocalDate offHoursOverOn;

  /** Disclosures today by hour of the day, to tell the hours worked before today. */
  final int[] todayByHour = new int[24];

  /** Distinct persons read today at an hour of the week it had never read at before today. */
  int todayStrangeHours;

  /**
   * Reads in the night or at the weekend at hours of the week when it and its peers almost never
   * read ({@link Detectors.UnusualHours#unusual}), once the peers have days enough to say so,
   * within the last week, oldest first, at most {@link #MOST_UNUSUAL_HOUR_READS}.
   */
  final ArrayDeque<Instant> unusualHourReads = new ArrayDeque<>();

  static final int MOST_UNUSUAL_HOUR_READS = 200;

  /**
   * Evidence that accumulates across days (a one-sided CUSUM per account): the excess of each day's
   * distinct persons outside what the account follows, and of its distinct persons, over an
   * allowance above its own and its peers' usual days. A steady "a bit more than usual" adds up day
   * after day; an ordinary busy day is soon worn off by the quieter ones after it.
   */
  double cusumOutside;

  double cusumVolume;
  int closedDays;
  long historyDisclosures;
  long historyUnexplained;
  LocalDate today;
  int todayPersons;
  int todayUnexplained;
  int unexplainedInLastDay;
  Instant lastActive;
  Instant previousActive;
  Instant firstActive;
  String previousAddress;
  Instant previousAddressAt;
  String currentDevice;
  String currentAddress;
  Instant wokeAt;

  /** It woke on a device or a network it never used and has not been back at its own since. */
  boolean wokeElsewhere;

  /** When a step-up was last answered (the last activity then), kept across a restart; or null. */
  Instant steppedUpAt;

  /**
   * The helpdesk recovery whose first access after it was taken as an answered step-up, kept across
   * a restart; or null.
   */
  Instant recoveryAnswered;

  /** When the account was last throttled and not released since, kept across a restart; or null. */
  Instant throttledAt;

  final Map<String, Instant> deviceFirstSeen = new HashMap<>();
  final Map<String, Instant> addressFirstSeen = new HashMap<>();
  final Map<String, Integer> devicePersons = new HashMap<>();

  /**
   * Persons read today (calendar day, Paris) from each device first seen lately, on each network,
   * by {@code device|network}.
   */
  final Map<String, Integer> todayDevicePersons = new HashMap<>();

  /**
   * Which devices other accounts use too (shared office PCs): set by the detection, which sees
   * every account, before its detectors run.
   */
  Predicate<String> sharedDevices = device -> false;

  /**
   * Persons read from a half-new place while beside the usual one or at night or at a weekend, by
   * {@code device:} or {@code network:} and the new token.
   */
  final Map<String, Integer> besidePersons = new HashMap<>();

  /** The last access happened at night or at a weekend (as the ceilings reckon them). */
  boolean currentOffHours;

  final Map<String, String> lastDeviceAt = new HashMap<>();

  /**
   * Distinct persons first read since the last one an appointment or a relationship explained, and
   * when that one was read (null: not since the start). Evidence of the day, not stored.
   */
  int unexplainedStreak;

  Instant lastExplainedAt;

  /** Which networks each device used, and the persons read from an office device moved. */
  final DeviceNetworks deviceNetworks = new DeviceNetworks();

  AccountHistory(ZoneId zone) {
    this.zone = zone;
  }

  private record Seen(Instant at, boolean explained) {}

  private record Search(Instant at, int found) {}

  /**
   * Takes in {@code access}. Returns the closed day when this access is the first of a new day, so
   * that the peers learn from it, or null.
   */
  ClosedDay record(Access access, PeerStats peers) {
    return record(access, peers, null, network -> false);
  }

  /**
   * Takes in {@code access}; {@code offHoursPeriod} is the night or weekend it happened in (as the
   * ceilings reckon them, by the day it began on), or null by day, so that the persons read then
   * are counted apart, night by night; {@code shared} says which networks other accounts use too
   * (an office's), so that a device that only ever worked on such networks is seen when it appears
   * on one of its own.
   */
  ClosedDay record(
      Access access, PeerStats peers, LocalDate offHoursPeriod, Predicate<String> shared) {
    ClosedDay closed = rollDay(access.at(), peers);
    boolean offHours = offHoursPeriod != null;
    if (offHours && !offHoursPeriod.equals(this.offHoursPeriod)) {
      closeOffHoursPeriod(access.at());
      this.offHoursPeriod = offHoursPeriod;
    }
    previousActive = lastActive;
    if (firstActive == null) {
      firstActive = access.at();
    }
    boolean knownBefore = !devices.isEmpty();
    if (devices.put(access.device(), access.at()) == null) {
      if (knownBefore) {
        deviceFirstSeen.put(access.device(), access.at());
      }
    }
    boolean knownAddressBefore = !addresses.isEmpty();
    if (addresses.put(access.address(), access.at()) == null) {
      if (knownAddressBefore) {
        addressFirstSeen.put(access.address(), access.at());
      }
    }
    if (previousAddress != null && !previousAddress.equals(access.address())) {
      previousAddressAt = lastActive;
    }
    previousAddress = access.address();
    if (lastActive != null && Duration.between(lastActive, access.at()).compareTo(DORMANT) > 0) {
      wokeAt = access.at();
      wokeElsewhere =
          newSince(deviceFirstSeen, access.device(), wokeAt)
              || newSince(addressFirstSeen, access.address(), wokeAt);
    } else if (wokeElsewhere
        && !newSince(deviceFirstSeen, access.device(), wokeAt)
        && !newSince(addressFirstSeen, access.address(), wokeAt)) {
      wokeElsewhere = false;
    }
    currentDevice = access.device();
    currentAddress = access.address();
    currentOffHours = offHours;
    lastDeviceAt.put(access.address(), access.device());
    deviceNetworks.record(access.device(), access.address(), access.at(), shared);
    lastActive = access.at();
    forget(access.at());
    switch (access.kind()) {
      case READ, UPDATE -> {
        disclose(access, offHours);
        keepUnusualHour(access.at(), offHours, peers);
      }
      case SEARCH -> {
        lastHourSearches.addLast(new Search(access.at(), access.found()));
        if (access.found() == 0) {
          emptySearches.add();
        } else {
          emptySearches.touch();
        }
      }
      case REFUSED, CHANGE -> {}
    }
    return closed;
  }

  /**
   * Keeps {@code at} in {@link #unusualHourReads} when it belongs there; forgets the week before.
   */
  private void keepUnusualHour(Instant at, boolean offHours, PeerStats peers) {
    if (offHours
        && Detectors.UnusualHours.unusual(this, peers, at)
        && peers.days() >= Detectors.UnusualHours.PEER_DAYS) {
      unusualHourReads.addLast(at);
    }
    Instant weekAgo = at.minus(Detectors.UnusualHours.WEEK);
    while (!unusualHourReads.isEmpty()
        && (unusualHourReads.size() > MOST_UNUSUAL_HOUR_READS
            || !unusualHourReads.peekFirst().isAfter(weekAgo))) {
      unusualHourReads.removeFirst();
    }
  }

  private void disclose(Access access, boolean offHours) {
    boolean explained = access.link().explained();
    Seen before = lastDay.remove(access.person());
    lastDay.put(
        access.person(), new Seen(access.at(), explained || (before != null && before.explained)));
    if (before == null) {
      if (readBefore.add(access.person()) && access.link() != Link.TIME_BOXED) {
        neverRead.add();
      } else {
        neverRead.touch();
      }
      if (deviceFirstSeen.containsKey(access.device())) {
        devicePersons.merge(access.device(), 1, Integer::sum);
        todayDevicePersons.merge(access.device() + "|" + access.address(), 1, Integer::sum);
      }
      deviceNetworks.disclosed();
      String halfNew = halfNewPlaceWatched(access.at());
      if (halfNew != null) {
        besidePersons.merge(halfNew, 1, Integer::sum);
      }
      todayPersons++;
      if (offHours) {
        todayOffHours++;
      }
      if (access.link() == Link.OUTSIDE) {
        todayOutside++;
      }
      if (!explained) {
        todayUnexplained++;
        unexplainedInLastDay++;
        unexplainedStreak++;
      }
    } else if (!before.explained && explained) {
      unexplainedInLastDay--;
    }
    if (explained) {
      unexplainedStreak = 0;
      lastExplainedAt = access.at();
    }
    lastHourReads.addLast(access.at());
    ZonedDateTime local = access.at().atZone(zone);
    if (before == null && !workedBeforeToday(access.at())) {
      todayStrangeHours++;
    }
    hourOfWeek[hourOfWeekIndex(local)]++;
    todayByHour[local.getHour()]++;
    historyDisclosures++;
    if (!explained) {
      historyUnexplained++;
    }
  }

  /**
   * A finished day of one account: the peers' baseline learns from it ({@code neverRead} is -1 for
   * an account not yet settled, whose every person is new to it; {@code emptySearches} is -1 on a
   * day it did not search).
   */
  record ClosedDay(int persons, int unexplained, int outside, int neverRead, int emptySearches) {}

  private ClosedDay rollDay(Instant at, PeerStats peers) {
    LocalDate day = at.atZone(zone).toLocalDate();
    if (day.equals(today)) {
      return null;
    }
    ClosedDay closed = null;
    if (today != null && todayPersons > 0) {
      cusumOutside = excessOutside(peers);
      cusumVolume = excessVolume();
      dailyPersons[closedDays % DAYS] = todayPersons;
      dailyUnexplained[closedDays % DAYS] = todayUnexplained;
      dailyOutside[closedDays % DAYS] = todayOutside;
      closedDays++;
      // A new account meets its caseload for the first time: not a usual day of strangers.
      closed =
          new ClosedDay(
              todayPersons,
              todayUnexplained,
              todayOutside,
              lastActive != null && settled(lastActive) ? neverRead.today : -1,
              emptySearches.active ? emptySearches.today : -1);
    }
    if (today != null) {
      // Each closes on its own days: the never read with the persons read, the searches on a day
      // that only searched too (a sweep that finds nobody reads nobody).
      neverRead.close(neverReadAllowance(peers));
      emptySearches.close(emptySearchAllowance(peers));
    }
    today = day;
    todayPersons = 0;
    todayDevicePersons.clear();
    todayUnexplained = 0;
    todayOutside = 0;
    todayStrangeHours = 0;
    java.util.Arrays.fill(todayByHour, 0);
    return closed;
  }

  /** Its peers learn its baseline days and hours, as if they had seen them close. */
  void teach(PeerStats peers) {
    for (int i = 0; i < baselineDays(); i++) {
      if (dailyPersons[i] > 0) {
        peers.learn(
            new ClosedDay(
                dailyPersons[i], dailyUnexplained[i], dailyOutside[i], neverRead.daily[i], -1));
      }
    }
    peers.learnHours(hourOfWeek);
  }

  /** Days of baseline before the accumulated evidence counts: a new account has no usual day. */
  static final int CUSUM_BASELINE_DAYS = 10;

  /**
   * The accumulated excess of persons outside what the account follows, today included: each day
   * adds its count less an allowance of twice the usual (its own mean or its peers', the larger),
   * at least 3 more than the usual.
   */
  public double excessOutside(PeerStats peers) {
    if (baselineDays() < CUSUM_BASELINE_DAYS) {
      return 0;
    }
    double usual = Math.max(mean(dailyOutside), peers.outsideMean());
    double allowance = usual + Math.max(3, usual);
    return Math.max(0, cusumOutside + todayOutside - allowance);
  }

  /**
   * The usual persons a day it never read before and nothing explains: the larger of its own mean
   * (once it has {@link #CUSUM_BASELINE_DAYS} days of baseline) and its peers', at least {@code
   * least}. An account older than the detectors' memory has no days of its own yet: its peers' rate
   * judges it.
   */
  public double usualNeverRead(PeerStats peers, double least) {
    double own = neverRead.days() < CUSUM_BASELINE_DAYS ? 0 : neverRead.mean();
    return Math.max(least, Math.max(own, peers.neverReadMean()));
  }

  /**
   * The accumulated excess of persons never read before that nothing explains, today included: each
   * day adds its count less an allowance of three times the usual (at least the usual and 1.5).
   * Weeks of a few strangers a day add up where each day says little; an account whose days are
   * full of strangers anyway is left to the day's tail ({@code never-read}).
   */
  public double excessNeverRead(PeerStats peers) {
    return neverRead.excess(neverReadAllowance(peers));
  }

  /** An account not yet settled meets its caseload for the first time: nothing adds up. */
  private double neverReadAllowance(PeerStats peers) {
    if (lastActive == null || !settled(lastActive)) {
      return Double.POSITIVE_INFINITY;
    }
    double usual = usualNeverRead(peers, 0);
    return usual + Math.max(1.5, 2 * usual);
  }

  /** The least usual searches finding nobody a day believed: a typo or two is any day's. */
  static final double EMPTY_SEARCH_LEAST = 0.5;

  /**
   * The usual searches a day of searching that found nobody: the larger of its own mean (once it
   * has {@link #CUSUM_BASELINE_DAYS} such days) and its peers', at least {@code least}.
   */
  public double usualEmptySearches(PeerStats peers, double least) {
    double own = emptySearches.days() < CUSUM_BASELINE_DAYS ? 0 : emptySearches.mean();
    return Math.max(least, Math.max(own, peers.emptySearchesMean()));
  }

  /**
   * The accumulated excess of searches that found nobody, today included: each day of searching
   * adds its count less an allowance of three times the usual (at least the usual and 1.5).
   */
  public double excessEmptySearches(PeerStats peers) {
    return emptySearches.excess(emptySearchAllowance(peers));
  }

  private double emptySearchAllowance(PeerStats peers) {
    double usual = usualEmptySearches(peers, EMPTY_SEARCH_LEAST);
    return usual + Math.max(1.5, 2 * usual);
  }

  /**
   * The accumulated excess of distinct persons, today included: each day adds its count less its
   * mean and one and a half standard deviations (at least a third of the mean, at least 3).
   */
  public double excessVolume() {
    if (baselineDays() < CUSUM_BASELINE_DAYS) {
      return 0;
    }
    double mean = meanDailyPersons();
    double allowance = mean + Math.max(3, Math.max(1.5 * sdDailyPersons(), mean / 3));
    return Math.max(0, cusumVolume + todayPersons - allowance);
  }

  /** True once the account has been in use for four weeks: it has usual places and hours. */
  public boolean settled(Instant now) {
    return firstActive != null && !firstActive.isAfter(now.minus(SETTLED));
  }

  /**
   * Distinct persons first read in the current night (past midnight until the morning) or weekend
   * (Friday evening to Monday morning).
   */
  public int offHoursToday() {
    return todayOffHours;
  }

  /** The most persons read in one night or weekend of the last {@link #DAYS} with reads. */
  public int maxDailyOffHours() {
    int max = 0;
    for (int i = 0; i < Math.min(closedPeriods, DAYS); i++) {
      max = Math.max(max, dailyOffHours[i]);
    }
    return max;
  }

  /**
   * Persons the account may read in a night or a weekend before {@code off-hours} speaks: twice the
   * most of one of its nights or weekends, at least {@link #LEAST_OFF_HOURS}.
   */
  public int offHoursAllowance() {
    return Math.max(LEAST_OFF_HOURS, 2 * maxDailyOffHours());
  }

  static final int LEAST_OFF_HOURS = 3;

  /**
   * Closes the night or weekend that was going on, as one of the next begins at {@code at}: the
   * baseline learns its persons. A settled account's period above its allowance is not learned as
   * usual (the usual most stays) and is remembered as {@link #offHoursOverOn}: a thief reading
   * every night must not raise the bar for itself. A new account learns its nights freely.
   */
  private void closeOffHoursPeriod(Instant at) {
    if (offHoursPeriod != null) {
      int learned = todayOffHours;
      if (settled(at) && todayOffHours > offHoursAllowance()) {
        offHoursOverOn = offHoursPeriod;
        learned = maxDailyOffHours();
      }
      dailyOffHours[closedPeriods % DAYS] = learned;
      closedPeriods++;
    }
    todayOffHours = 0;
  }

  /**
   * The last closed night or weekend in which it read more than allowed (its first day), or null.
   */
  public LocalDate offHoursOverOn() {
    return offHoursOverOn;
  }

  /**
   * True when a closed night or weekend begun within {@code days} before the current one read over
   * its allowance: another night than the current one.
   */
  public boolean offHoursOverWithin(int days) {
    return offHoursOverOn != null
        && offHoursPeriod != null
        && offHoursOverOn.isBefore(offHoursPeriod)
        && !offHoursOverOn.isBefore(offHoursPeriod.minusDays(days));
  }

  /** Mean distinct persons outside what it follows per active day over the baseline. */
  public double meanDailyOutside() {
    return mean(dailyOutside);
  }

  /** Distinct persons outside what it follows today (calendar day, Paris). */
  public int outsideToday() {
    return todayOutside;
  }

  private double mean(int[] daily) {
    int n = baselineDays();
    long sum = 0;
    for (int i = 0; i < n; i++) {
      sum += daily[i];
    }
    return n == 0 ? 0 : (double) sum / n;
  }

  private void forget(Instant now) {
    Instant dayAgo = now.minus(DAY);
    Iterator<Map.Entry<PersonId, Seen>> oldest = lastDay.entrySet().iterator();
    while (oldest.hasNext()) {
      Seen seen = oldest.next().getValue();
      if (seen.at.isAfter(dayAgo)) {
        break;
      }
      if (!seen.explained) {
        unexplainedInLastDay--;
      }
      oldest.remove();
    }
    Instant hourAgo = now.minus(HOUR);
    while (!lastHourSearches.isEmpty() && !lastHourSearches.peekFirst().at.isAfter(hourAgo)) {
      lastHourSearches.removeFirst();
    }
    while (!lastHourReads.isEmpty() && !lastHourReads.peekFirst().isAfter(hourAgo)) {
      lastHourReads.removeFirst();
    }
    if (devices.size() > 16 || addresses.size() > 16) {
      Instant longAgo = now.minus(TOKEN_MEMORY);
      devices.values().removeIf(t -> t.isBefore(longAgo));
      addresses.values().removeIf(t -> t.isBefore(longAgo));
      deviceFirstSeen.keySet().retainAll(devices.keySet());
      addressFirstSeen.keySet().retainAll(addresses.keySet());
      devicePersons.keySet().retainAll(deviceFirstSeen.keySet());
      todayDevicePersons
          .keySet()
          .removeIf(k -> !deviceFirstSeen.containsKey(k.substring(0, k.indexOf('|'))));
      besidePersons
          .keySet()
          .removeIf(
              k ->
                  !deviceFirstSeen.containsKey(k.substring(k.indexOf(':') + 1))
                      && !addressFirstSeen.containsKey(k.substring(k.indexOf(':') + 1)));
      lastDeviceAt.keySet().retainAll(addresses.keySet());
      deviceNetworks.retain(devices.keySet());
    }
  }

  /**
   * An analyst released the account: what the detectors had gathered against it (the last day's
   * persons and searches, the places first seen lately, a waking from dormancy) is dropped, so that
   * its next ordinary read does not suspend it again. Its baseline stays: the days it closed, its
   * hours, the devices and networks it uses, which now include the ones the analyst vouched for.
   */
  void forgive() {
    lastDay.clear();
    unexplainedInLastDay = 0;
    lastHourSearches.clear();
    lastHourReads.clear();
    deviceFirstSeen.clear();
    addressFirstSeen.clear();
    devicePersons.clear();
    todayDevicePersons.clear();
    besidePersons.clear();
    deviceNetworks.forgive();
    unexplainedStreak = 0;
    previousAddressAt = null;
    wokeAt = null;
    wokeElsewhere = false;
    neverRead.forgive();
    // Its days are the baseline days: today starts again with the persons below.
    neverRead.active = false;
    emptySearches.forgive();
    cusumOutside = 0;
    cusumVolume = 0;
    todayOutside = 0;
    todayOffHours = 0;
    todayStrangeHours = 0;
    unusualHourReads.clear();
    offHoursOverOn = null;
    todayPersons = 0;
    todayUnexplained = 0;
  }

  /** Distinct persons disclosed in the last 24 hours. */
  public int personsLastDay() {
    return lastDay.size();
  }

  /** Distinct persons disclosed in the last hour that nothing explains. */
  public int unexplainedLastHour(Instant now) {
    return unexplainedSince(now.minus(HOUR));
  }

  /**
   * Distinct persons disclosed after {@code since} (within the last 24 hours) that nothing
   * explains.
   */
  public int unexplainedSince(Instant since) {
    return countSince(since, true);
  }

  /**
   * Distinct persons disclosed after {@code since} (within the last 24 hours), with or without an
   * appointment link.
   */
  public int personsSince(Instant since) {
    return countSince(since, false);
  }

  /** The persons of the last day last read after {@code since}: all, or only the unexplained. */
  private int countSince(Instant since, boolean unexplainedOnly) {
    int n = 0;
    for (Seen seen : lastDay.sequencedValues().reversed()) {
      if (!seen.at.isAfter(since)) {
        break;
      }
      if (!unexplainedOnly || !seen.explained) {
        n++;
      }
    }
    return n;
  }

  /** Mean distinct unexplained persons per active day over the baseline. */
  public double meanDailyUnexplained() {
    return mean(dailyUnexplained);
  }

  /** Of those, the ones no appointment explains. */
  public int unexplainedLastDay() {
    return unexplainedInLastDay;
  }

  /** Disclosures in the last hour (not distinct). */
  public int readsLastHour() {
    return lastHourReads.size();
  }

  /** Disclosures (not distinct) in the {@code window} (at most an hour) before {@code now}. */
  public int readsWithin(Instant now, Duration window) {
    Instant since = now.minus(window);
    int n = 0;
    for (Iterator<Instant> newest = lastHourReads.descendingIterator(); newest.hasNext(); ) {
      if (!newest.next().isAfter(since)) {
        break;
      }
      n++;
    }
    return n;
  }

  /** Searches in the last hour. */
  public int searchesLastHour() {
    return lastHourSearches.size();
  }

  /** Searches in the last hour that found nobody. */
  public int emptySearchesLastHour() {
    int n = 0;
    for (Search search : lastHourSearches) {
      if (search.found == 0) {
        n++;
      }
    }
    return n;
  }

  /** Closed active days the baseline holds, at most {@link #DAYS}. */
  public int baselineDays() {
    return Math.min(closedDays, DAYS);
  }

  /** Mean distinct persons per active day over the baseline; 0 without one. */
  public double meanDailyPersons() {
    int n = baselineDays();
    long sum = 0;
    for (int i = 0; i < n; i++) {
      sum += dailyPersons[i];
    }
    return n == 0 ? 0 : (double) sum / n;
  }

  /** The largest day of the baseline. */
  public int maxDailyPersons() {
    int max = 0;
    for (int i = 0; i < baselineDays(); i++) {
      max = Math.max(max, dailyPersons[i]);
    }
    return max;
  }

  /** Standard deviation of distinct persons per active day over the baseline. */
  public double sdDailyPersons() {
    int n = baselineDays();
    if (n < 2) {
      return 0;
    }
    double mean = meanDailyPersons();
    double squares = 0;
    for (int i = 0; i < n; i++) {
      squares += (dailyPersons[i] - mean) * (dailyPersons[i] - mean);
    }
    return Math.sqrt(squares / (n - 1));
  }

  /** Disclosures of the whole history, and of those the unexplained ones. */
  public long historyDisclosures() {
    return historyDisclosures;
  }

  public long historyUnexplained() {
    return historyUnexplained;
  }

  /**
   * True when the account read at this hour of the week on a day before today (its whole memory of
   * hours, which a thief's reads of today do not count in).
   */
  public boolean workedBeforeToday(Instant at) {
    ZonedDateTime local = at.atZone(zone);
    return hourOfWeek[hourOfWeekIndex(local)] - todayByHour[local.getHour()] > 0;
  }

  /**
   * Clock hours within {@code window} before {@code now} in which it read at hours of the week when
   * it and its peers almost never read.
   */
  public int unusualHoursWithin(Instant now, Duration window) {
    Instant since = now.minus(window);
    int hours = 0;
    long last = Long.MIN_VALUE;
    for (Instant at : unusualHourReads) {
      long hour = at.getEpochSecond() / 3600;
      if (at.isAfter(since) && hour != last) {
        hours++;
        last = hour;
      }
    }
    return hours;
  }

  /** Distinct persons read today at hours of the week it never read at before today. */
  public int strangeHoursToday() {
    return todayStrangeHours;
  }

  /** Disclosures of the whole history in this hour of the week (0 = Monday 00:00). */
  public long disclosuresInHourOfWeek(Instant at) {
    return hourOfWeek[hourOfWeekIndex(at.atZone(zone))];
  }

  private static int hourOfWeekIndex(ZonedDateTime local) {
    return (local.getDayOfWeek().getValue() - 1) * 24 + local.getHour();
  }

  /**
   * When the device of the last access was first seen, if the account had used others before it in
   * the last 90 days; null for a device it has long used, or for its first device ever.
   */
  public Instant deviceNewSince() {
    return deviceFirstSeen.get(currentDevice);
  }

  /** The same for the network of the last access. */
  public Instant addressNewSince() {
    return addressFirstSeen.get(currentAddress);
  }

  /**
   * True when the device and the network of the last access were both first seen within {@code
   * young}, by an account in use for four weeks before: a place it never worked from.
   */
  public boolean unfamiliarPlace(Instant now, Duration young) {
    Instant device = deviceNewSince();
    Instant address = addressNewSince();
    return device != null
        && address != null
        && firstActive != null
        && !firstActive.isAfter(device.minus(SETTLED))
        && !firstActive.isAfter(address.minus(SETTLED))
        && Duration.between(device, now).compareTo(young) < 0
        && Duration.between(address, now).compareTo(young) < 0;
  }

  /**
   * Persons disclosed on the device of the last access since it first appeared (not counting one
   * read again within a day); 0 for a device long in use.
   */
  public int personsOnNewDevice() {
    return devicePersons.getOrDefault(currentDevice, 0);
  }

  /** How long a device or network alone new makes a half-new place. */
  static final Duration HALF_NEW = Duration.ofDays(14);

  /**
   * The last access's place when it is half-new and used in a way the owner's own work does not
   * explain, or null: beside the usual place ({@link #halfNewPlaceBeside}), or at night or at a
   * weekend, when the owner's place is idle and a thief on a copied cookie or a stranger's device
   * on the owner's network has the account to itself. An advisor's new laptop of an evening opens a
   * file or three; a thief goes on.
   */
  private String halfNewPlaceWatched(Instant now) {
    String beside = halfNewPlaceBeside(now);
    if (beside != null || !currentOffHours) {
      return beside;
    }
    return halfNewPlace(now);
  }

  /**
   * The last access's place when its device or its network, not both, was first seen within two
   * weeks by an account in use for four weeks before, as {@code device:} or {@code network:} and
   * the new token; null otherwise.
   */
  boolean halfNewPlaceNow(Instant now) {
    return halfNewPlace(now) != null;
  }

  private String halfNewPlace(Instant now) {
    Instant device = youngSince(deviceNewSince(), now);
    Instant address = youngSince(addressNewSince(), now);
    if ((device == null) == (address == null)) {
      return null;
    }
    return device != null ? "device:" + currentDevice : "network:" + currentAddress;
  }

  /**
   * The last access's place when it is half-new ({@link #halfNewPlace}) and beside the usual one,
   * or null: while another device (for a new device) or another network (for a new network) of the
   * account, itself not first seen within two weeks, was used less than an hour before. A copied
   * cookie of the owner's PC read from elsewhere, or a stranger's device on the owner's network,
   * beside the owner at work.
   */
  private String halfNewPlaceBeside(Instant now) {
    String place = halfNewPlace(now);
    if (place == null) {
      return null;
    }
    boolean beside =
        place.startsWith("device:")
            ? establishedWithinHour(devices, deviceFirstSeen, currentDevice, now, any -> true)
            : establishedWithinHour(addresses, addressFirstSeen, currentAddress, now, any -> true);
    return beside ? place : null;
  }

  /**
   * True when a device or a network of {@code used} other than {@code current}, not first seen
   * within two weeks, that {@code counts}, was used less than an hour before {@code now}.
   */
  private static boolean establishedWithinHour(
      Map<String, Instant> used,
      Map<String, Instant> firstSeen,
      String current,
      Instant now,
      Predicate<String> counts) {
    Instant since = now.minus(HOUR);
    for (Map.Entry<String, Instant> other : used.entrySet()) {
      Instant otherFirst = firstSeen.get(other.getKey());
      boolean established =
          otherFirst == null || Duration.between(otherFirst, now).compareTo(HALF_NEW) >= 0;
      if (established
          && !other.getKey().equals(current)
          && other.getValue().isAfter(since)
          && counts.test(other.getKey())) {
        return true;
      }
    }
    return false;
  }

  /**
   * Persons read today from the last access's device on the last access's network, when the device
   * is a half-new place beside the owner's own device: no other account uses either, unlike a
   * shared office PC (a new PC beside the office's shared one is an advisor's own work). Every
   * person it read there today counts, those it read before the owner came in too (a stranger's
   * device on the owner's office network from early in the morning); not those it read on another
   * network (an advisor's new laptop at home, then at the office); 0 otherwise.
   */
  public int personsTodayFromOwnNewDeviceBeside(Instant now) {
    String place = halfNewPlace(now);
    if (place == null
        || !place.startsWith("device:")
        || sharedDevices.test(currentDevice)
        || !establishedWithinHour(
            devices, deviceFirstSeen, currentDevice, now, sharedDevices.negate())) {
      return 0;
    }
    return todayDevicePersons.getOrDefault(currentDevice + "|" + currentAddress, 0);
  }

  /**
   * Persons read from the last access's half-new place while beside the usual one or at night or at
   * a weekend ({@link #halfNewPlaceWatched}), when the last access is such a use; 0 otherwise.
   */
  public int personsBesideFromHalfNewPlace(Instant now) {
    String place = halfNewPlaceWatched(now);
    return place == null ? 0 : besidePersons.getOrDefault(place, 0);
  }

  /**
   * Persons read from the last access's device since it appeared on a network of its own, having
   * only ever worked on networks other accounts share (an office PC moved); 0 otherwise.
   */
  public int personsFromMovedOfficeDevice() {
    return deviceNetworks.movedPersons();
  }

  /**
   * Every network the account remembers, with when it last used it, for the networks shared across
   * accounts.
   */
  Map<String, Instant> networks() {
    return java.util.Collections.unmodifiableMap(addresses);
  }

  /** Every device the account remembers, with when it last used it, for the shared devices. */
  Map<String, Instant> devices() {
    return java.util.Collections.unmodifiableMap(devices);
  }

  /** True when the new device or network of the last access first appeared on an earlier day. */
  public boolean halfNewPlaceFromEarlierDay(Instant now) {
    Instant first = deviceNewSince() != null ? deviceNewSince() : addressNewSince();
    return first != null
        && first.atZone(zone).toLocalDate().isBefore(now.atZone(zone).toLocalDate());
  }

  /** Distinct persons disclosed today (calendar day, Paris). */
  public int personsToday() {
    return todayPersons;
  }

  /**
   * Distinct persons read in a row that nothing explains, since the last person an appointment or a
   * time-boxed relationship explained.
   */
  public int unexplainedStreak() {
    return unexplainedStreak;
  }

  /** When the last person an appointment or a relationship explained was read, or null. */
  public Instant lastExplainedAt() {
    return lastExplainedAt;
  }

  /**
   * {@code first} when within {@link #HALF_NEW} of {@code now} and the account was settled then.
   */
  private Instant youngSince(Instant first, Instant now) {
    return first != null
            && firstActive != null
            && !firstActive.isAfter(first.minus(SETTLED))
            && Duration.between(first, now).compareTo(HALF_NEW) < 0
        ? first
        : null;
  }

  /** True when the device of the last access first appeared on an earlier calendar day. */
  public boolean deviceFromEarlierDay(Instant now) {
    Instant device = deviceNewSince();
    return device != null
        && device.atZone(zone).toLocalDate().isBefore(now.atZone(zone).toLocalDate());
  }

  /**
   * When the account was last seen on a network other than the last access's from another device
   * than the last access's, or null: the same laptop moving between two networks is one place.
   */
  public Instant otherAddressLastSeen() {
    Instant latest = null;
    for (Map.Entry<String, Instant> entry : addresses.entrySet()) {
      if (!entry.getKey().equals(currentAddress)
          && !currentDevice.equals(lastDeviceAt.get(entry.getKey()))
          && (latest == null || entry.getValue().isAfter(latest))) {
        latest = entry.getValue();
      }
    }
    return latest;
  }

  private static boolean newSince(Map<String, Instant> firstSeen, String token, Instant since) {
    Instant first = firstSeen.get(token);
    return first != null && since != null && !first.isBefore(since);
  }

  /**
   * True when the account woke from its dormancy on a device or a network it had never used, and
   * has not been back on a device and a network of its own since.
   */
  public boolean wokeElsewhere() {
    return wokeElsewhere && wokeAt != null;
  }

  /** When the account last woke from a dormancy of more than 30 days, or null. */
  public Instant wokeAt() {
    return wokeAt;
  }

  /** The access before the last one, or null. */
  public Instant previousActive() {
    return previousActive;
  }

  /** The first access ever seen, or null. */
  public Instant firstActive() {
    return firstActive;
  }

  /**
   * When this account was last seen from another network than the last access's, if it switched;
   * null otherwise. Two networks a few minutes apart mean two places at once.
   */
  public Instant otherAddressAt() {
    return previousAddressAt;
  }
}
