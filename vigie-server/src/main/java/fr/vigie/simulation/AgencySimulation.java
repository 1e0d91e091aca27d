package fr.vigie.simulation;

import fr.vigie.detection.AccountMemory;
import fr.vigie.detection.AccountProfile;
import fr.vigie.identity.ContainmentState;
import fr.vigie.identity.OrganizationKind;
import fr.vigie.identity.Role;
import fr.vigie.registry.PersonId;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.function.LongConsumer;

/**
 * One simulated agency (a shard of the evaluation): its advisors work day after day through the
 * real guard, policy, ceilings and detectors, while the attacks of the scenarios take accounts of
 * their own. Counts what the clean advisors suffer (step-ups, refusals, wrongful suspensions) and
 * what each attack got, and the same attacks against the plain daily cap.
 */
final class AgencySimulation implements ContainmentListener {
  private final SimulatedCalendar calendar;
  private final Register register;
  private final List<SimulatedAccount> accounts = new ArrayList<>();
  private final List<AdvisorLife> lives = new ArrayList<>();
  private final AdvisorBehaviour behaviour;
  private final AccessExecutor executor;
  private final List<AttackScenario> scenarios;
  private final Map<Integer, Attack> attackOf = new HashMap<>();
  private final List<Attack> attacks = new ArrayList<>();
  private final Set<Integer> suspendedClean = new HashSet<>();
  private final Set<Integer> restartDays = new HashSet<>();
  private final int warmupDays;
  private final long targetAdvisorDays;
  private final int cap;
  private final int[][] recentDays;
  private final int[] recentCount;
  private int today;
  private final ShardResult.Counts counts = new ShardResult.Counts();

  AgencySimulation(
      long seed,
      long persons,
      long targetAdvisorDays,
      int warmupDays,
      ExecutorFactory executors,
      ZoneId zone,
      List<AttackScenario> scenarios,
      int cap,
      boolean pastUse) {
    SyntheticAgency agency = SyntheticAgency.generate(persons, seed);
    this.register = new Register(agency);
    int days = days(agency.advisors().size(), targetAdvisorDays, warmupDays, scenarios);
    this.calendar = new SimulatedCalendar(zone, days);
    this.warmupDays = warmupDays;
    this.targetAdvisorDays = targetAdvisorDays;
    this.cap = cap;
    this.scenarios = List.copyOf(scenarios);
    scenarios.forEach(s -> restartDays.addAll(s.restartDays()));
    List<SyntheticAdvisor> advisors = agency.advisors();
    Map<String, SyntheticOrganization> organizations = new HashMap<>();
    agency.organizations().forEach(o -> organizations.put(o.code(), o));
    for (int i = 0; i < advisors.size(); i++) {
      SyntheticAdvisor advisor = advisors.get(i);
      accounts.add(
          new SimulatedAccount(
              i, register.accountId(i), advisor, organizations.get(advisor.organization())));
      lives.add(new AdvisorLife(seed, i, days));
    }
    this.recentDays = new int[advisors.size()][20];
    this.recentCount = new int[advisors.size()];
    this.behaviour = new AdvisorBehaviour(register, calendar, accounts, lives);
    this.executor = executors.create(agency, this);
    chooseAttacked(seed);
    if (pastUse) {
      rememberPastUse();
    }
  }

  /**
   * The agency existed before day 0, and so did the detection's store: every account present from
   * the start was last used the Friday before (or, for the owners of a dormant attack, the day they
   * stopped), from its usual devices and networks, and first used long ago. New advisors arriving
   * later have no past.
   */
  private void rememberPastUse() {
    Map<Integer, Integer> lastDay = new HashMap<>();
    for (Attack attack : attacks) {
      int stopped = attack.scenario.startDay() - attack.scenario.dormantDays();
      if (attack.scenario.dormantDays() > 0 && stopped <= 0) {
        attack.accounts.forEach(a -> lastDay.put(a.index(), stopped - 1));
      }
    }
    Instant dayZero = calendar.at(0, 0);
    for (SimulatedAccount account : accounts) {
      AdvisorLife life = lives.get(account.index());
      if (life.arrival > 0) {
        continue;
      }
      int last = lastDay.getOrDefault(account.index(), -3);
      String office = "office-" + account.organization().code();
      Map<String, Set<String>> networks = new HashMap<>();
      networks.put("pc-" + account.index(), new HashSet<>(Set.of(office)));
      if (life.remoteWorker()) {
        Set<String> away = Set.of("home-" + account.index(), "mobile-" + account.index());
        if (life.oneLaptop) {
          networks.get("pc-" + account.index()).addAll(away);
        } else {
          networks.put("laptop-" + account.index(), away);
        }
      }
      executor.usedBefore(
          account,
          AccountMemory.ofPastUse(
              account.id(),
              new AccountProfile.PeerGroup(account.kind(), Role.ADVISOR),
              calendar.zone(),
              dayZero.minus(Duration.ofDays(400)),
              dayZero.plus(Duration.ofDays(last)).plus(Duration.ofHours(17)),
              networks,
              caseload(account)));
    }
  }

  /** The persons of the account's caseload, every one read in its years of work before day 0. */
  private List<PersonId> caseload(SimulatedAccount account) {
    SyntheticAdvisor advisor = account.advisor();
    List<PersonId> persons = new ArrayList<>(advisor.caseloadSize());
    for (long p = advisor.firstPerson(); p < advisor.firstPerson() + advisor.caseloadSize(); p++) {
      persons.add(register.personId(p));
    }
    return persons;
  }

  /**
   * Room for the target of clean advisor-days after the warm-up (an advisor works on about half of
   * the calendar days: weekdays less leave, sickness and part time) and for every attack to end;
   * the run stops as soon as both are reached.
   */
  static int days(int advisors, long target, int warmupDays, List<AttackScenario> scenarios) {
    int days = warmupDays + (int) Math.ceil(target / (advisors * 0.35)) + 1;
    for (AttackScenario scenario : scenarios) {
      days = Math.max(days, scenario.endDay() + 2);
    }
    return days;
  }

  int advisors() {
    return accounts.size();
  }

  /** Each scenario takes accounts of its own, among those present from the start. */
  private void chooseAttacked(long seed) {
    Set<Integer> taken = new HashSet<>();
    for (AttackScenario scenario : scenarios) {
      SplitMix64 random = SplitMix64.forIndex(seed ^ 0x4154_5441_434BL, scenario.name().hashCode());
      List<Integer> candidates = new ArrayList<>();
      for (SimulatedAccount account : accounts) {
        AdvisorLife life = lives.get(account.index());
        OrganizationKind kind = scenario.organization();
        if ((kind == null || account.kind() == kind)
            && life.arrival == 0
            && !taken.contains(account.index())) {
          candidates.add(account.index());
        }
      }
      if (candidates.size() < scenario.accounts()) {
        throw new IllegalArgumentException(
            "scenario "
                + scenario.name()
                + ": needs "
                + scenario.accounts()
                + " accounts, the simulated agency has "
                + candidates.size()
                + " free ones");
      }
      List<SimulatedAccount> chosen = new ArrayList<>();
      for (int n = 0; n < scenario.accounts(); n++) {
        int pick = random.nextInt(candidates.size() - n);
        int index = candidates.get(pick);
        candidates.set(pick, candidates.get(candidates.size() - 1 - n));
        taken.add(index);
        chosen.add(accounts.get(index));
        AdvisorLife life = lives.get(index);
        if (scenario.dormantDays() > 0) {
          life.stoppedFrom = Math.max(0, scenario.startDay() - scenario.dormantDays());
        } else if (!scenario.ownerKeepsWorking()) {
          life.stoppedFrom = scenario.startDay();
        }
      }
      Attack attack =
          new Attack(scenario, chosen, calendar, register.agency().personCount(), Map.of(), seed);
      attacks.add(attack);
      chosen.forEach(a -> attackOf.put(a.index(), attack));
    }
  }

  /** Runs every day; {@code progress} hears each day's advisor-days. */
  ShardResult run(LongConsumer progress) {
    int lastAttackDay = 0;
    for (AttackScenario scenario : scenarios) {
      lastAttackDay = Math.max(lastAttackDay, scenario.endDay() + 1);
    }
    for (today = 0; today < calendar.days(); today++) {
      if (counts.advisorDays >= targetAdvisorDays && today > lastAttackDay) {
        break;
      }
      startAttacks(today);
      if (restartDays.contains(today)) {
        executor.restart(calendar.at(today, 5 * 3600));
      }
      for (int i : suspendedClean) {
        executor.release(accounts.get(i), calendar.at(today, 7 * 3600));
      }
      suspendedClean.clear();
      progress.accept(runDay(today));
    }
    Map<String, ScenarioRun> runs = new LinkedHashMap<>();
    Map<String, ScenarioRun> baseline = new LinkedHashMap<>();
    for (Attack attack : attacks) {
      runs.put(attack.scenario.name(), attack.result());
      baseline.put(attack.scenario.name(), againstCap(attack));
    }
    return new ShardResult(counts, runs, baseline);
  }

  /** On its first day, an attack learns its accounts' usual volume; a recovery happens. */
  private void startAttacks(int day) {
    for (int i = 0; i < attacks.size(); i++) {
      Attack attack = attacks.get(i);
      if (attack.scenario.startDay() != day) {
        continue;
      }
      Map<Integer, Double> usual = new HashMap<>();
      for (SimulatedAccount account : attack.accounts) {
        usual.put(account.index(), usual(account.index()));
        if (attack.scenario.recovery()) {
          executor.recovered(account, attack.start());
        }
      }
      Attack started =
          new Attack(
              attack.scenario,
              attack.accounts,
              calendar,
              register.agency().personCount(),
              usual,
              register.agency().seed());
      attacks.set(i, started);
      attack.accounts.forEach(a -> attackOf.put(a.index(), started));
    }
  }

  /**
   * Runs one day of every account in time order across the agency, as a server hears them: the
   * detectors across accounts (an organization's rise, persons read by several accounts) see what
   * happened before each access and nothing after it. Each account's own accesses keep their order;
   * at the same instant, the lower account index goes first. Returns the advisor-days worked.
   */
  private long runDay(int day) {
    PriorityQueue<AccountDay> queue =
        new PriorityQueue<>(
            Comparator.comparing(AccountDay::nextAt).thenComparingInt(d -> d.account.index()));
    List<AccountDay> worked = new ArrayList<>();
    for (SimulatedAccount account : accounts) {
      AccountDay accountDay = new AccountDay(account, day);
      if (accountDay.works()) {
        worked.add(accountDay);
        if (accountDay.hasNext()) {
          queue.add(accountDay);
        }
      }
    }
    while (!queue.isEmpty()) {
      AccountDay next = queue.poll();
      next.step();
      if (next.hasNext()) {
        queue.add(next);
      }
    }
    long ownersWorked = 0;
    for (AccountDay accountDay : worked) {
      if (accountDay.close()) {
        ownersWorked++;
      }
    }
    return ownersWorked;
  }

  /** One account's day: its owner's accesses and its attacker's, merged in time order. */
  private final class AccountDay {
    final SimulatedAccount account;
    final int day;
    final List<SimulatedAccess> owner;
    final Attack attack;
    final boolean attacked;
    final Set<Long> persons = new HashSet<>();
    int o;
    boolean ownerStopped;
    SimulatedAccess attackNext;

    AccountDay(SimulatedAccount account, int day) {
      this.account = account;
      this.day = day;
      this.owner = behaviour.day(account, day);
      this.attack = attackOf.get(account.index());
      this.attacked = attack != null && day >= attack.scenario.startDay();
      this.attackNext = works() && attacked ? attack.next(account, day) : null;
    }

    boolean works() {
      return !owner.isEmpty() || attacked;
    }

    boolean hasNext() {
      return ownerNext() || attackNext != null;
    }

    private boolean ownerNext() {
      return o < owner.size() && !ownerStopped;
    }

    private boolean attackerFirst() {
      return attackNext != null && (!ownerNext() || attackNext.at().isBefore(owner.get(o).at()));
    }

    Instant nextAt() {
      return attackerFirst() ? attackNext.at() : owner.get(o).at();
    }

    /** Carries out the next access, the attacker's or the owner's. */
    void step() {
      if (attackerFirst()) {
        attack.outcome(account, attackNext, executor.execute(account, attackNext), executor);
        attackNext = attack.next(account, day);
        return;
      }
      SimulatedAccess access = owner.get(o++);
      Outcome outcome = executor.execute(account, access);
      if (outcome == Outcome.STEP_UP) {
        // A real advisor proves its second factor and goes on.
        executor.stepUp(account, access);
        outcome = executor.execute(account, access);
      }
      switch (outcome) {
        case DISCLOSED -> persons.add(access.person());
        case REFUSED -> persons.add(access.person());
        case SUSPENDED -> ownerStopped = true;
        case NOTHING_FOUND, DENIED, STEP_UP, THROTTLED -> {}
      }
    }

    /** Counts the owner's day; true when the owner worked. */
    boolean close() {
      if (owner.isEmpty()) {
        return false;
      }
      remember(account.index(), persons.size());
      if (day >= warmupDays && attack == null) {
        counts.advisorDays++;
        if (persons.size() > cap) {
          counts.capBlockedDays++;
        }
      }
      return true;
    }
  }

  @Override
  public void raised(
      SimulatedAccount account, ContainmentState state, Instant at, List<String> detectors) {
    Attack attack = attackOf.get(account.index());
    if (attack != null) {
      boolean stopped = state == ContainmentState.SUSPENDED || state == ContainmentState.THROTTLED;
      if (stopped && at.isBefore(attack.start())) {
        // Its owner was stopped or slowed before the attack: released the next morning like any
        // other, so that the attack does not meet an account suspended or throttled already (a
        // throttle used to stay for good on an account an attack would take). Not counted.
        suspendedClean.add(account.index());
      } else if (state == ContainmentState.SUSPENDED) {
        attack.contained(account, at);
      }
      return;
    }
    if (state == ContainmentState.SUSPENDED || state == ContainmentState.THROTTLED) {
      // Neither lowers by itself: the analyst looks at the alert and releases it the next morning.
      suspendedClean.add(account.index());
    }
    if (today < warmupDays) {
      return;
    }
    switch (state) {
      case STEP_UP -> counts.stepUps++;
      case THROTTLED -> counts.throttles++;
      case SUSPENDED -> {
        counts.suspensions++;
        String why = String.join("+", detectors.stream().sorted().toList());
        counts.suspensionReasons.merge(why, 1L, Long::sum);
      }
      case ACTIVE -> {}
    }
  }

  @Override
  public void refused(SimulatedAccount account, Instant at, String ceiling) {
    Attack attack = attackOf.get(account.index());
    if (attack != null) {
      attack.refusedBy(ceiling);
    } else if (today >= warmupDays) {
      counts.refusals++;
    }
  }

  private void remember(int index, int persons) {
    recentDays[index][recentCount[index]++ % 20] = persons;
  }

  /** Mean distinct persons over the account's last 20 working days. */
  private double usual(int index) {
    int n = Math.min(20, recentCount[index]);
    double sum = 0;
    for (int i = 0; i < n; i++) {
      sum += recentDays[index][i];
    }
    return n == 0 ? 10 : sum / n;
  }

  /** The same attack, from the same start, against the daily cap alone: it is never contained. */
  private ScenarioRun againstCap(Attack played) {
    Map<Integer, Double> usual = played.usual();
    Attack attack =
        new Attack(
            played.scenario,
            played.accounts,
            calendar,
            register.agency().personCount(),
            usual,
            register.agency().seed());
    DailyCapExecutor cap = new DailyCapExecutor(register, this.cap, calendar.zone());
    for (int day = played.scenario.startDay();
        day < Math.min(calendar.days(), played.scenario.endDay() + 1);
        day++) {
      for (SimulatedAccount account : played.accounts) {
        for (SimulatedAccess a = attack.next(account, day);
            a != null;
            a = attack.next(account, day)) {
          attack.outcome(account, a, cap.execute(account, a), cap);
        }
      }
    }
    return attack.result();
  }
}
