package fr.vigie.simulation;

import fr.vigie.access.Action;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One scenario playing out in one simulated agency: what its accounts attempt next, how they react
 * to what comes back, and what leaked. The attacker waits after a refusal, answers step-ups when it
 * can, and stops when its account is suspended.
 */
final class Attack {
  final AttackScenario scenario;
  final List<SimulatedAccount> accounts;
  private final SimulatedCalendar calendar;
  private final long registerSize;
  private final Instant start;
  private final Instant end;
  private final Instant from;
  private final Map<Integer, Cursor> cursors = new HashMap<>();
  private final Map<Integer, Double> usual;
  private final Set<Long> leaked = new HashSet<>();
  private int refusals;
  private final Set<String> ceilings = new java.util.TreeSet<>();
  private final Map<Integer, Instant> contained = new HashMap<>();
  private Instant firstRead;

  /**
   * @param usual each account's usual distinct persons per working day, by account index
   */
  Attack(
      AttackScenario scenario,
      List<SimulatedAccount> accounts,
      SimulatedCalendar calendar,
      long registerSize,
      Map<Integer, Double> usual,
      long seed) {
    this.scenario = scenario;
    this.accounts = List.copyOf(accounts);
    this.calendar = calendar;
    this.registerSize = registerSize;
    this.usual = Map.copyOf(usual);
    this.start = calendar.at(scenario.startDay(), scenario.startTime().toSecondOfDay());
    this.end = start.plusSeconds((long) (scenario.durationDays() * 86_400));
    // An attacker who had the helpdesk recover the account knows it reads nothing for a day.
    this.from = scenario.recovery() ? start.plus(InMemoryExecutor.RESTRICTED) : start;
    long tag = scenario.name().hashCode();
    for (int position = 0; position < accounts.size(); position++) {
      SimulatedAccount account = accounts.get(position);
      SplitMix64 random = SplitMix64.forIndex(seed ^ tag, account.index());
      cursors.put(
          account.index(),
          new Cursor(account, random, usual.getOrDefault(account.index(), 10.0), position));
    }
  }

  /** Each account's usual distinct persons per working day when the attack started. */
  Map<Integer, Double> usual() {
    return usual;
  }

  Instant start() {
    return start;
  }

  boolean targets(SimulatedAccount account) {
    return cursors.containsKey(account.index());
  }

  /** The next access of the attacker on {@code account} within {@code day}, or null. */
  SimulatedAccess next(SimulatedAccount account, int day) {
    Cursor cursor = cursors.get(account.index());
    if (cursor.done || day < scenario.startDay()) {
      return null;
    }
    boolean weekend = SimulatedCalendar.weekend(calendar.date(day));
    double from =
        calendar.secondOfDay(day, cursor.next.isBefore(this.from) ? this.from : cursor.next);
    double best = Double.MAX_VALUE;
    for (AttackScenario.Window window : scenario.windows()) {
      if (window.applies(weekend) && window.toSecond() > from) {
        best = Math.min(best, Math.max(from, window.fromSecond()));
      }
    }
    if (best == Double.MAX_VALUE) {
      return null;
    }
    Instant at = calendar.at(day, best);
    if (!at.isBefore(end)) {
      cursor.done = true;
      return null;
    }
    return cursor.access(at);
  }

  /** What came back for {@code access}; the executor is there to answer a step-up. */
  void outcome(
      SimulatedAccount account, SimulatedAccess access, Outcome outcome, AccessExecutor executor) {
    Cursor cursor = cursors.get(account.index());
    Instant at = access.at();
    switch (outcome) {
      case DISCLOSED -> {
        leaked.add(access.person());
        firstRead = firstRead == null ? at : firstRead;
        cursor.advance(at, interval(cursor, at));
      }
      case NOTHING_FOUND -> cursor.advance(at, interval(cursor, at));
      case DENIED ->
          cursor.advance(
              at,
              scenario.recovery() && at.isBefore(start.plus(InMemoryExecutor.RESTRICTED))
                  ? pause()
                  : interval(cursor, at));
      case REFUSED -> {
        refusals++;
        cursor.next = at.plus(pause());
      }
      case THROTTLED -> cursor.next = at.plus(InMemoryExecutor.THROTTLE_PACE);
      case STEP_UP -> {
        if (scenario.passesStepUp()) {
          executor.stepUp(account, access);
          cursor.next = at.plusMillis(1);
        } else {
          contained(account, at);
        }
      }
      case SUSPENDED -> contained(account, at);
    }
  }

  /** A ceiling named {@code ceiling} refused one of the attack's accesses. */
  void refusedBy(String ceiling) {
    ceilings.add(ceiling);
  }

  /** The account was suspended (or stopped at a step-up it could not pass) at {@code at}. */
  void contained(SimulatedAccount account, Instant at) {
    if (at.isBefore(start)) {
      return;
    }
    contained.putIfAbsent(account.index(), at);
    cursors.get(account.index()).done = true;
  }

  /** What the attack got: persons leaked, and how long until every account was contained. */
  ScenarioRun result() {
    double seconds = Double.POSITIVE_INFINITY;
    if (contained.size() == accounts.size()) {
      // Contained before anything left: no time at all from the first read.
      Instant last = contained.values().stream().max(Instant::compareTo).orElseThrow();
      seconds =
          firstRead == null ? 0 : Math.max(0, Duration.between(firstRead, last).toNanos() / 1e9);
    }
    return new ScenarioRun(leaked.size(), seconds, refusals, ceilings, withinUsualPace());
  }

  /** True when every account is read at most at its owner's usual persons a working day. */
  private boolean withinUsualPace() {
    return !accounts.isEmpty()
        && accounts.stream()
            .allMatch(
                a -> {
                  double usualDay = usual.getOrDefault(a.index(), 0.0);
                  return personsPerWeekday(scenario, usualDay) <= usualDay;
                });
  }

  /**
   * Persons a working day the attack reads at its pace, over its weekday windows, for an account
   * whose owner usually reads {@code usualDay}.
   */
  static double personsPerWeekday(AttackScenario scenario, double usualDay) {
    double window = 0;
    for (AttackScenario.Window w : scenario.windows()) {
      if (w.applies(false)) {
        window += w.toSecond() - w.fromSecond();
      }
    }
    return switch (scenario.per()) {
      case SECOND -> scenario.reads() * window;
      case MINUTE -> scenario.reads() * window / 60;
      case HOUR -> scenario.reads() * window / 3600;
      case DAY -> window > 0 ? scenario.reads() : 0;
      case USUAL_DAY -> window > 0 ? scenario.reads() * usualDay : 0;
    };
  }

  private Duration pause() {
    return Duration.ofMinutes(scenario.pauseMinutes());
  }

  private Duration interval(Cursor cursor, Instant at) {
    double seconds =
        switch (scenario.per()) {
          case SECOND -> 1 / scenario.reads();
          case MINUTE -> 60 / scenario.reads();
          case HOUR -> 3600 / scenario.reads();
          case DAY -> windowSeconds(at) / scenario.reads();
          case USUAL_DAY -> windowSeconds(at) / Math.max(0.1, scenario.reads() * cursor.usual);
        };
    double jittered = seconds * (0.5 + cursor.random.nextDouble());
    return Duration.ofNanos((long) (jittered * 1e9));
  }

  /** Seconds of attack windows on the day of {@code at}. */
  private double windowSeconds(Instant at) {
    boolean weekend = SimulatedCalendar.weekend(at.atZone(calendar.zone()).toLocalDate());
    double total = 0;
    for (AttackScenario.Window window : scenario.windows()) {
      if (window.applies(weekend)) {
        total += window.toSecond() - window.fromSecond();
      }
    }
    return Math.max(60, total);
  }

  /** One account's attacker: where it is in its list of targets, when it tries next. */
  private final class Cursor {
    final SimulatedAccount account;
    final SplitMix64 random;
    final double usual;
    final String device;
    final String address;
    final long offset;
    final long stride;
    final int position;
    Instant next;
    long target;
    boolean rereading;
    boolean done;

    Cursor(SimulatedAccount account, SplitMix64 random, double usual, int position) {
      this.account = account;
      this.position = position;
      this.random = random;
      this.usual = usual;
      String tag = Integer.toHexString(scenario.name().hashCode()) + "-" + account.index();
      this.device = scenario.newDevice() ? "attacker-pc-" + tag : "pc-" + account.index();
      this.address =
          scenario.newAddress() ? "attacker-net-" + tag : "office-" + account.organization().code();
      long size = poolSize();
      this.offset = random.between(0L, size - 1);
      long s = 1 + random.between(0L, Math.max(0, size - 2));
      while (gcd(s, size) != 1) {
        s++;
      }
      this.stride = s;
      this.next = start;
    }

    /** How many persons the attacker goes through: its targets, or the few it keeps to. */
    long poolSize() {
      long all = targetsSize();
      return scenario.persons() > 0 ? Math.min(all, scenario.persons()) : all;
    }

    private long targetsSize() {
      return switch (scenario.targets()) {
        case FOLLOWED -> account.advisor().caseloadSize();
        case ORGANIZATION, ORGANIZATION_WALK -> account.organization().persons();
        case SEARCH_SWEEP -> 1;
      };
    }

    SimulatedAccess access(Instant at) {
      rereading = scenario.rereadShare() > 0 && target > 0 && random.chance(scenario.rereadShare());
      SimulatedAccess read = target(at, rereading ? random.between(0L, target - 1) : target);
      return switch (scenario.act()) {
        case READ -> read;
        case SEARCH ->
            new SimulatedAccess(at, Action.SEARCH, read.person(), false, device, address);
        case UPDATE ->
            new SimulatedAccess(
                at, Action.UPDATE, read.person(), read.justified(), device, address);
        case REFER -> SimulatedAccess.referral(at, read.person(), device, address);
        case BROAD_SEARCH ->
            SimulatedAccess.broadSearch(
                at, account.advisor().firstPerson(), (int) poolSize(), device, address);
      };
    }

    /** The {@code n}-th target (the next one, or one gone through before), as a read. */
    private SimulatedAccess target(Instant at, long n) {
      long index =
          scenario.targets() == AttackScenario.Targets.ORGANIZATION_WALK
              ? walkIndex(n)
              : Math.floorMod(offset + n * stride, poolSize());
      return switch (scenario.targets()) {
        case FOLLOWED ->
            new SimulatedAccess(
                at, Action.READ, account.advisor().firstPerson() + index, false, device, address);
        case ORGANIZATION, ORGANIZATION_WALK ->
            new SimulatedAccess(
                at,
                Action.READ,
                account.organization().firstPerson() + index,
                !account.advisor().follows(account.organization().firstPerson() + index)
                    && !account.partner(),
                device,
                address);
        case SEARCH_SWEEP ->
            new SimulatedAccess(
                at,
                Action.SEARCH,
                random.chance(scenario.searchHitShare())
                    ? random.between(0L, registerSize - 1)
                    : SimulatedAccess.NOBODY,
                false,
                device,
                address);
      };
    }

    /**
     * The register's order, the accounts taking turns: from a start all the scenario's accounts
     * share, account {@code position} reads every {@code accounts}-th person after its own first.
     */
    private long walkIndex(long n) {
      long start = Math.floorMod((long) scenario.name().hashCode(), poolSize());
      return Math.floorMod(start + position + n * accounts.size(), poolSize());
    }

    /** A re-read leaves the cursor where it was: the next new target is still ahead. */
    void advance(Instant at, Duration wait) {
      if (!rereading) {
        target++;
      }
      next = at.plus(wait);
    }

    private static long gcd(long a, long b) {
      return b == 0 ? a : gcd(b, a % b);
    }
  }
}
