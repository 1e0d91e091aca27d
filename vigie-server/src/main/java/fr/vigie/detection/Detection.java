package fr.vigie.detection;

import static java.util.Objects.requireNonNull;

import fr.vigie.detection.AccountProfile.PeerGroup;
import fr.vigie.identity.AccountId;
import fr.vigie.identity.ContainmentState;
import fr.vigie.registry.PersonId;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Ceilings, detectors and the containment they lead to, for every account: the feature's one entry
 * point. Pure and in memory, driven by the accesses it is given and their times, never by a clock:
 * the server drives it with real time, the simulated agency with simulated time, through the same
 * code.
 *
 * <ul>
 *   <li>{@link #admit} runs the ceilings on an access about to happen, before decryption;
 *   <li>{@link #observe} runs the detectors on an access that happened, and says when the account's
 *       containment rises;
 *   <li>{@link #state} is what the guard reads before the policy.
 * </ul>
 *
 * Thread-safe: each account's state is locked on its own.
 */
public final class Detection {
  private final Ceilings ceilings;
  private final List<Detector> detectors;
  private final Thresholds thresholds;
  private final ConcurrentHashMap<AccountId, Watch> watches = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<PeerGroup, PeerStats> peers = new ConcurrentHashMap<>();
  private final CrossAccount across;
  private final SharedTokens sharedNetworks = new SharedTokens();
  private final SharedTokens sharedDevices = new SharedTokens();

  /** Whether other accounts use a device too, as each account's history asks it. */
  private final java.util.function.Predicate<String> sharedDevice = sharedDevices::shared;

  private final boolean acrossAccounts;

  public Detection(Ceilings ceilings, List<Detector> detectors, Thresholds thresholds) {
    this(ceilings, detectors, thresholds, true);
  }

  private Detection(
      Ceilings ceilings, List<Detector> detectors, Thresholds thresholds, boolean acrossAccounts) {
    this.ceilings = requireNonNull(ceilings, "ceilings is null");
    this.detectors = List.copyOf(requireNonNull(detectors, "detectors is null"));
    this.thresholds = requireNonNull(thresholds, "thresholds is null");
    this.across = new CrossAccount(ceilings.zone());
    this.acrossAccounts = acrossAccounts;
  }

  /** The name under which the detectors across accounts are switched off in an evaluation. */
  public static final String ACROSS_ACCOUNTS = "across-accounts";

  /** The same ceilings, detectors and thresholds, with no detector across accounts: a baseline. */
  public Detection withoutAcrossAccounts() {
    return new Detection(ceilings, detectors, thresholds, false);
  }

  /** Vigie's default detectors and thresholds over {@code ceilings}. */
  public static Detection withCeilings(Ceilings ceilings) {
    return new Detection(ceilings, Detectors.defaults(), Thresholds.defaults());
  }

  /** Vigie's default ceilings, detectors and thresholds. */
  public static Detection withDefaults() {
    return new Detection(Ceilings.defaults(), Detectors.defaults(), Thresholds.defaults());
  }

  public Ceilings ceilings() {
    return ceilings;
  }

  /** The account's containment now: what the guard reads. */
  public ContainmentState state(AccountId account) {
    Watch watch = watches.get(account);
    if (watch == null) {
      return ContainmentState.ACTIVE;
    }
    synchronized (watch) {
      return watch.state;
    }
  }

  /**
   * Runs the ceilings on {@code access}, which has not happened yet. When admitted it is counted; a
   * refused one is not.
   */
  public Admission admit(AccountProfile profile, Access access) {
    checkSameAccount(profile, access);
    Watch watch = watch(profile.account());
    synchronized (watch) {
      if (watch.state == ContainmentState.SUSPENDED) {
        return new Admission.Suspended(watch.verdict(ContainmentState.SUSPENDED, access.at()));
      }
      Optional<Limit> over = watch.counters.breach(ceilings.limitsAt(profile, access.at()), access);
      if (over.isEmpty()) {
        watch.counters.count(access);
        return Admission.ADMITTED;
      }
      Limit limit = over.get();
      if (limit.onBreach() == Limit.OnBreach.REFUSE) {
        return new Admission.Refused(limit, watch.counters.retryAfter(limit, access.at()));
      }
      watch.signals =
          List.of(new Signal("ceiling:" + limit.name(), thresholds.suspend(), limit.explain()));
      watch.score = thresholds.suspend();
      watch.state = ContainmentState.SUSPENDED;
      return new Admission.Suspended(watch.verdict(ContainmentState.SUSPENDED, access.at()));
    }
  }

  /**
   * Where the ceilings are counted outside this instance (shared by several nodes): the refusal of
   * an account this instance knows suspended, before any counting, as {@link #admit} has it.
   */
  public Optional<Admission.Suspended> suspended(AccountId account, Instant at) {
    Watch watch = watches.get(account);
    if (watch == null) {
      return Optional.empty();
    }
    synchronized (watch) {
      return watch.state == ContainmentState.SUSPENDED
          ? Optional.of(new Admission.Suspended(watch.verdict(ContainmentState.SUSPENDED, at)))
          : Optional.empty();
    }
  }

  /**
   * Where the ceilings are counted outside this instance: {@code limit}, which suspends, refused an
   * access at {@code at}, after {@code persons} were disclosed. The account is suspended, as {@link
   * #admit} would have it.
   */
  public Admission.Suspended breached(
      AccountProfile profile, Limit limit, Instant at, List<PersonId> persons) {
    Watch watch = watch(profile.account());
    synchronized (watch) {
      watch.signals =
          List.of(new Signal("ceiling:" + limit.name(), thresholds.suspend(), limit.explain()));
      watch.score = thresholds.suspend();
      watch.state = ContainmentState.SUSPENDED;
      return new Admission.Suspended(
          new Verdict(
              profile.account(),
              ContainmentState.SUSPENDED,
              watch.score,
              watch.signals,
              at,
              persons));
    }
  }

  /**
   * True when disclosing all of {@code persons} at {@code at} would go over a ceiling that
   * suspends: a search with that many hits is refused instead, so that an honest advisor's broad
   * search does not suspend it.
   */
  public boolean wouldSuspend(AccountProfile profile, Instant at, Collection<PersonId> persons) {
    Watch watch = watch(profile.account());
    List<Limit> suspending =
        ceilings.limitsAt(profile, at).stream()
            .filter(l -> l.onBreach() == Limit.OnBreach.SUSPEND)
            .toList();
    synchronized (watch) {
      return watch.counters.wouldExceed(suspending, at, persons);
    }
  }

  /**
   * Runs the detectors on {@code access}, which happened (or was refused). Returns a verdict when
   * the account's containment rose because of it.
   */
  public Optional<Verdict> observe(AccountProfile profile, Access access) {
    checkSameAccount(profile, access);
    Watch watch = watch(profile.account());
    PeerStats group = peers.computeIfAbsent(profile.peers(), g -> new PeerStats(ceilings.zone()));
    synchronized (watch) {
      watch.peers = profile.peers();
      sharedNetworks.used(access.address(), profile.account(), access.at());
      sharedDevices.used(access.device(), profile.account(), access.at());
      AccountHistory.ClosedDay closed =
          watch.history.record(access, group, offHoursPeriod(access.at()), sharedNetworks::shared);
      watch.history.sharedDevices = sharedDevice;
      watch.recovered(profile.recoveredAt(), access.at());
      if (closed != null) {
        group.learn(closed);
      }
      if (access.disclosed()) {
        group.disclosed(access.at());
      }
      List<Signal> signals = new ArrayList<>(2);
      int score = 0;
      for (Detector detector : detectors) {
        Optional<Signal> signal = detector.assess(watch.history, group, profile, access);
        if (signal.isPresent()) {
          signals.add(signal.get());
          score += signal.get().points();
        }
      }
      Optional<Signal> persisting = watch.persisting(group, access.at());
      if (persisting.isPresent()) {
        signals.add(persisting.get());
        score += persisting.get().points();
      }
      Optional<Signal> again = watch.throttledAgain(access.at());
      if (again.isPresent()) {
        signals.add(again.get());
        score += again.get().points();
      }
      for (Signal lasting : watch.lasting(access.at())) {
        signals.add(lasting);
        score += lasting.points();
      }
      return watch.rise(score, signals, access.at());
    }
  }

  /** How long a finding across accounts weighs in an account's score. */
  static final Duration IMPLICATED = Duration.ofHours(72);

  /** A rise of one account's containment, and its state before (to revert it if not stored). */
  public record Rise(Verdict verdict, ContainmentState before) {}

  /**
   * Runs the detectors across accounts ({@link CrossAccount}) on {@code access}, already {@link
   * #observe observed}, of an account of {@code organization}. Every account a finding implicates
   * must step up at once, and the finding weighs in its score for {@link #IMPLICATED}, so that any
   * other detector then suspends it. Returns the rises, of any account.
   */
  public List<Rise> across(String organization, Access access) {
    return acrossKept(organization, access).rises();
  }

  /**
   * What {@link #across} did: the rises, and the observation the detectors across accounts keep
   * from this access (to be stored, and replayed by other nodes), if any.
   */
  public record Across(List<Rise> rises, Optional<CrossMemory.Observation> kept) {
    static final Across NOTHING = new Across(List.of(), Optional.empty());
  }

  /** As {@link #across}, with the observation kept. */
  public Across acrossKept(String organization, Access access) {
    Watch watch = watches.get(access.account());
    if (!acrossAccounts || watch == null || !access.disclosed()) {
      return Across.NOTHING;
    }
    OrganizationRise.Today today;
    synchronized (watch) {
      PeerStats group = watch.peers == null ? null : peers.get(watch.peers);
      AccountHistory history = watch.history;
      OptionalDouble usualHour = Detectors.Pace.usualHour(history, group, access.at());
      today =
          new OrganizationRise.Today(
              history.outsideToday(),
              Math.max(history.meanDailyOutside(), group == null ? 0 : group.outsideMean()),
              history.unexplainedLastDay(),
              history.meanDailyUnexplained(),
              usualHour.isPresent()
                  && OrganizationRise.hurried(
                      usualHour.getAsDouble(), history.unexplainedLastHour(access.at())),
              history.unfamiliarPlace(access.at(), NewPlaces.WINDOW));
    }
    List<Rise> rises = new ArrayList<>();
    for (CrossFinding finding : across.observe(organization, access, today)) {
      Signal signal = new Signal(finding.detector(), finding.points(), finding.reason());
      for (AccountId account : finding.accounts()) {
        implicate(account, signal, access.at()).ifPresent(rises::add);
      }
    }
    return new Across(rises, CrossAccount.observation(organization, access, today));
  }

  /**
   * Takes in what the detectors across accounts of another node (or before a restart) observed,
   * without findings: those were made and stored where it happened.
   */
  public void replayAcross(CrossMemory.Observation observation) {
    if (acrossAccounts) {
      across.replay(observation);
    }
  }

  /** What the detectors across accounts remember, to be stored. */
  public CrossMemory acrossMemory() {
    return across.memory();
  }

  /** What each organization taught the detectors across accounts of its usual days. */
  public List<CrossMemory.Learned> acrossLearned() {
    return across.learned();
  }

  /**
   * Takes back what the detectors across accounts remembered, on a start, before any access: the
   * organizations' usual days, then the recent observations in order.
   */
  public void rememberAcross(CrossMemory memory) {
    across.remember(memory);
  }

  private Optional<Rise> implicate(AccountId account, Signal signal, Instant at) {
    Watch watch = watch(account);
    synchronized (watch) {
      watch.lasting.removeIf(l -> l.signal().detector().equals(signal.detector()));
      watch.lasting.add(new Lasting(signal, at.plus(IMPLICATED)));
      ContainmentState before = watch.state;
      List<Signal> signals = new ArrayList<>(watch.signals);
      signals.removeIf(s -> s.detector().equals(signal.detector()));
      signals.add(signal);
      watch.signals = List.copyOf(signals);
      watch.score = Math.max(watch.score, signal.points());
      if (before.compareTo(ContainmentState.STEP_UP) >= 0) {
        return Optional.empty();
      }
      watch.state = ContainmentState.STEP_UP;
      return Optional.of(new Rise(watch.verdict(ContainmentState.STEP_UP, at), before));
    }
  }

  private record Lasting(Signal signal, Instant until) {}

  /** How many distinct persons' flags slow an account down instead of asking a step-up. */
  public static final int FLAGS_TO_THROTTLE = 3;

  /**
   * Persons flagged reads by {@code account} they do not recognize: evidence from outside the
   * account's own behaviour, which no detector sees. The first flag asks the account for a fresh
   * second factor and alerts the security analysts; flags from {@link #FLAGS_TO_THROTTLE} distinct
   * persons throttle it. Flags alone never suspend: persons could agree to flag an honest advisor,
   * and an analyst who finds it compromised suspends it. A state already as high stays.
   *
   * @param persons the distinct persons whose flags against the account are open
   */
  public Optional<Verdict> flagged(AccountId account, int persons, Instant at) {
    if (persons < 1) {
      throw new IllegalArgumentException("persons: at least 1");
    }
    ContainmentState target =
        persons >= FLAGS_TO_THROTTLE ? ContainmentState.THROTTLED : ContainmentState.STEP_UP;
    Signal signal =
        new Signal(
            FLAG_DETECTOR,
            target == ContainmentState.THROTTLED ? thresholds.throttle() : thresholds.stepUp(),
            persons + " person(s) flagged reads by this account they do not recognize");
    return evidence(account, signal, target, at);
  }

  /**
   * Evidence from outside the account's reads, which no detector sees (persons' flags, the
   * exchange's log of a subcontractor): the account rises to {@code target} with {@code signal},
   * which replaces an earlier one of the same detector. A state already as high stays.
   */
  public Optional<Verdict> evidence(
      AccountId account, Signal signal, ContainmentState target, Instant at) {
    Watch watch = watch(account);
    synchronized (watch) {
      if (target.compareTo(watch.state) <= 0) {
        return Optional.empty();
      }
      List<Signal> signals = new ArrayList<>(watch.signals.size() + 1);
      watch.signals.stream()
          .filter(s -> !s.detector().equals(signal.detector()))
          .forEach(signals::add);
      signals.add(signal);
      watch.signals = List.copyOf(signals);
      watch.score = Math.max(watch.score, signal.points());
      watch.state = target;
      return Optional.of(watch.verdict(target, at));
    }
  }

  /** The points a signal that asks for {@code state} carries in alerts. */
  public int points(ContainmentState state) {
    return switch (state) {
      case ACTIVE, STEP_UP -> thresholds.stepUp();
      case THROTTLED -> thresholds.throttle();
      case SUSPENDED -> thresholds.suspend();
    };
  }

  /** The name of the signal of persons' flags in alerts. */
  public static final String FLAG_DETECTOR = "person-flag";

  /**
   * The session proved a fresh second factor: a step-up is answered. Its evidence stays: for {@link
   * #ANSWERED}, a pace of unexplained reads since the first answer far above the account's own and
   * its peers' adds {@link #PERSISTING} (a thief holding the second factor answers and reads on; an
   * honest advisor's busy hour ends), and so does the burst that asked the step-up when it goes on
   * after the answer. Answering the next step-up does not start the count again.
   */
  public void steppedUp(AccountId account) {
    Watch watch = watches.get(account);
    if (watch != null) {
      synchronized (watch) {
        if (watch.state == ContainmentState.STEP_UP) {
          watch.state = ContainmentState.ACTIVE;
        }
        watch.acknowledged = Math.max(watch.acknowledged, watch.score);
        watch.answer(watch.history.lastActive);
      }
    }
  }

  /**
   * The name and points of the signal on an account throttled on an earlier day and not released
   * since: with evidence at the throttle again, it suspends.
   */
  static final String THROTTLED_AGAIN_DETECTOR = "throttled-again";

  static final int THROTTLED_AGAIN = 30;

  /** How long the evidence behind an answered step-up is kept. */
  static final Duration ANSWERED = Duration.ofHours(24);

  /**
   * The name and points of the signal of an anomaly that goes on after its step-up was answered.
   */
  static final String PERSISTING_DETECTOR = "after-step-up";

  static final int PERSISTING = 50;

  /**
   * How long after the answer, at least, the pace must have gone on: not the same minutes. Short,
   * since a reader at three a minute reads thirty persons in ten; the tail and the {@link
   * #PERSISTING_LEAST} persons since the answer keep an honest advisor's few files apart.
   */
  static final Duration PERSISTING_AFTER = Duration.ofMinutes(3);

  /** The fewest unexplained persons since the answer that count. */
  static final int PERSISTING_LEAST = 8;

  /** How unlikely (log10) that many persons since the answer must be at the usual pace. */
  static final double PERSISTING_SURPRISE = 6;

  /** The burst before a step-up's answer, weighed with what follows it: the pace's hour. */
  static final Duration PERSISTING_BURST = Duration.ofHours(1);

  /** The fewest persons since the answer that say a burst goes on. */
  static final int PERSISTING_GOING_ON_LEAST = 5;

  /** How unlikely (log10) the persons since the answer must be for the burst to go on. */
  static final double PERSISTING_GOING_ON_SURPRISE = 2;

  /** How unlikely (log10) the burst and what followed the answer must be together. */
  static final double PERSISTING_WHOLE_SURPRISE = 9;

  /**
   * Days of its own an account needs before its persons of every kind are judged since an answer.
   */
  static final int PERSISTING_BASELINE_DAYS = 5;

  /** Working hours over which an account's usual day of persons is spread. */
  static final double PERSISTING_WORKING_HOURS = 6;

  /** The least usual hour of persons of every kind (an advisor meets a few persons an hour). */
  static final double PERSISTING_LEAST_HOUR = 3;

  /**
   * A security analyst found nothing wrong: the account works again, and what led to the alert is
   * reset (the suspending ceilings' window, the detectors' evidence of the last day, the places
   * first seen lately), so that its next ordinary read does not suspend it again. Its baseline and
   * history stay.
   */
  public void release(AccountId account) {
    Watch watch = watches.get(account);
    if (watch != null) {
      synchronized (watch) {
        watch.state = ContainmentState.ACTIVE;
        watch.counters.forgive();
        watch.history.forgive();
        watch.signals = List.of();
        watch.lasting.clear();
        watch.history.steppedUpAt = null;
        watch.history.throttledAt = null;
        watch.score = 0;
        watch.acknowledged = 0;
      }
    }
  }

  /**
   * Takes back a rise that could not be stored: the account is {@code back} again, unless its state
   * moved on from {@code raised} meanwhile. The next access re-evaluates it.
   */
  public void revert(AccountId account, ContainmentState raised, ContainmentState back) {
    Watch watch = watches.get(account);
    if (watch != null) {
      synchronized (watch) {
        if (watch.state == raised) {
          watch.state = back;
        }
      }
    }
  }

  /** Sets the state as stored, on a restart or from another node. */
  public void restore(AccountId account, ContainmentState state) {
    Watch watch = watch(account);
    synchronized (watch) {
      watch.state = requireNonNull(state, "state is null");
    }
  }

  /**
   * What the detectors remember of {@code account} beyond a restart, once it has been seen; empty
   * for an account never observed.
   */
  public Optional<AccountMemory> memory(AccountId account) {
    Watch watch = watches.get(account);
    if (watch == null) {
      return Optional.empty();
    }
    synchronized (watch) {
      return watch.peers == null
          ? Optional.empty()
          : Optional.of(new AccountMemory(account, watch.peers, HistoryCodec.write(watch.history)));
    }
  }

  /** The memories of every account observed so far. */
  public List<AccountMemory> memories() {
    List<AccountMemory> all = new ArrayList<>();
    for (AccountId account : watches.keySet()) {
      memory(account).ifPresent(all::add);
    }
    return all;
  }

  /** The night or weekend {@code at} belongs to when it is at such an hour, or null. */
  private LocalDate offHoursPeriod(Instant at) {
    return ceilings.offHours(at) ? ceilings.offHoursPeriod(at) : null;
  }

  private void learnPlaces(AccountHistory history, AccountId account) {
    history
        .networks()
        .forEach((network, lastSeen) -> sharedNetworks.used(network, account, lastSeen));
    history.devices().forEach((device, lastSeen) -> sharedDevices.used(device, account, lastSeen));
  }

  /**
   * Takes back what was remembered of an account, on a start: its history replaces what this
   * instance knows of it, and its peers learn its baseline days and hours again. Call it before the
   * account's first access here.
   */
  public void remember(AccountMemory memory) {
    AccountHistory history = HistoryCodec.read(ceilings.zone(), memory.state());
    Watch watch = watch(memory.account());
    PeerStats group = peers.computeIfAbsent(memory.peers(), g -> new PeerStats(ceilings.zone()));
    learnPlaces(history, memory.account());
    synchronized (watch) {
      watch.history = history;
      watch.peers = memory.peers();
    }
    history.teach(group);
  }

  /**
   * Takes back an account's history as another node left it, in place of what this instance holds:
   * a partition of the bus changed hands. Its peers are not taught again (they learned it at the
   * start, and its closed days since as they closed).
   */
  public void takeBack(AccountMemory memory) {
    AccountHistory history = HistoryCodec.read(ceilings.zone(), memory.state());
    Watch watch = watch(memory.account());
    learnPlaces(history, memory.account());
    synchronized (watch) {
      watch.history = history;
      watch.peers = memory.peers();
    }
  }

  /**
   * Forgets the account's history, as when no node stored any: what this instance observed of it
   * was not applied (its transaction rolled back), and is about to come again.
   */
  public void forgetHistory(AccountId account) {
    Watch watch = watches.get(account);
    if (watch != null) {
      synchronized (watch) {
        Instant steppedUp = watch.history.steppedUpAt;
        Instant throttled = watch.history.throttledAt;
        watch.history = new AccountHistory(ceilings.zone());
        watch.history.steppedUpAt = steppedUp;
        watch.history.throttledAt = throttled;
      }
    }
  }

  /** The signals behind the account's current state, for the alert list. */
  public List<Signal> reasons(AccountId account) {
    Watch watch = watches.get(account);
    if (watch == null) {
      return List.of();
    }
    synchronized (watch) {
      return watch.signals;
    }
  }

  private Watch watch(AccountId account) {
    return watches.computeIfAbsent(account, a -> new Watch(a));
  }

  private static void checkSameAccount(AccountProfile profile, Access access) {
    if (!profile.account().equals(access.account())) {
      throw new IllegalArgumentException("access: of another account than the profile");
    }
  }

  /** One account's counters, history and containment. */
  private final class Watch {
    final AccountId account;
    final Counters counters = new Counters(ceilings.longestWindow());
    AccountHistory history = new AccountHistory(ceilings.zone());
    PeerGroup peers;
    ContainmentState state = ContainmentState.ACTIVE;
    List<Signal> signals = List.of();
    final List<Lasting> lasting = new ArrayList<>(1);
    int score;

    /** The score at the last step-up or release: the same risk does not ask twice. */
    int acknowledged;

    Watch(AccountId account) {
      this.account = account;
    }

    Optional<Verdict> rise(int newScore, List<Signal> newSignals, Instant at) {
      score = newScore;
      if (state == ContainmentState.SUSPENDED) {
        return Optional.empty();
      }
      ContainmentState target = ContainmentState.ACTIVE;
      if (newScore >= thresholds.suspend()
          && newSignals.size() >= thresholds.detectorsToSuspend()) {
        target = ContainmentState.SUSPENDED;
      } else if (newScore >= thresholds.throttle()) {
        target = ContainmentState.THROTTLED;
      } else if (newScore >= thresholds.stepUp()
          && newScore >= acknowledged + thresholds.stepUp() / 2) {
        target = ContainmentState.STEP_UP;
      }
      if (target.compareTo(state) > 0) {
        if (target == ContainmentState.THROTTLED) {
          history.throttledAt = at;
        }
        state = target;
        signals = List.copyOf(newSignals);
        return Optional.of(verdict(target, at));
      }
      // Never lower by itself: a throttled account stays so until an analyst releases it, or an
      // attacker could wait the score down and answer a step-up to be free again.
      return Optional.empty();
    }

    /**
     * A helpdesk recovery is a fresh second factor too, enrolled by whoever convinced the helpdesk:
     * the account's first access after it counts as an answer, so that a pace far above its usual
     * hour from then on is {@link #persisting} as after a step-up. Taken once for each recovery,
     * across a restart.
     */
    void recovered(Instant recoveredAt, Instant at) {
      if (recoveredAt == null
          || at.isBefore(recoveredAt)
          || recoveredAt.equals(history.recoveryAnswered)) {
        return;
      }
      history.recoveryAnswered = recoveredAt;
      answer(at);
    }

    /**
     * The evidence counts from the first answer within {@link #ANSWERED}: a reader answering each
     * new step-up would otherwise put the count since the answer back to nothing every time.
     */
    void answer(Instant at) {
      Instant first = history.steppedUpAt;
      if (at != null && (first == null || Duration.between(first, at).compareTo(ANSWERED) >= 0)) {
        history.steppedUpAt = at;
      }
    }

    /**
     * Persons read since the step-up was answered (at least {@link #PERSISTING_AFTER} before) far
     * above the account's usual hour (a Poisson tail): the thief holding the second factor answers
     * and reads on at its pace; an honest advisor's busy hour ends, or goes on at a pace its own
     * days have. Counted twice: the unexplained persons against the account's own and its peers'
     * unexplained hour, and every person, with or without an appointment link, against its own
     * usual hour of persons (once it has a baseline): a thief going down the owner's caseload reads
     * persons the owner has appointments with. Each count also with the burst that asked the
     * step-up ({@link #goesOn}): the hour before the answer is weighed with what follows it.
     */
    Optional<Signal> persisting(PeerStats group, Instant at) {
      Instant answered = history.steppedUpAt;
      if (answered == null) {
        return Optional.empty();
      }
      Duration since = Duration.between(answered, at);
      if (since.compareTo(ANSWERED) >= 0) {
        history.steppedUpAt = null;
        return Optional.empty();
      }
      if (since.compareTo(PERSISTING_AFTER) < 0) {
        return Optional.empty();
      }
      double hours = since.toSeconds() / 3600.0;
      Instant burst = answered.minus(PERSISTING_BURST);
      double withBurst = hours + PERSISTING_BURST.toSeconds() / 3600.0;
      int unexplained = history.unexplainedSince(answered);
      double unexplainedHour = Detectors.Pace.hourlyRate(history, group);
      String unexplainedWhat = " persons with no appointment link";
      if (surprising(unexplained, unexplainedHour * hours)) {
        return Optional.of(persistingSignal(unexplained, unexplainedWhat, since, unexplainedHour));
      }
      int unexplainedWithBurst = history.unexplainedSince(burst);
      if (goesOn(
          unexplained,
          unexplainedHour * hours,
          unexplainedWithBurst,
          unexplainedHour * withBurst)) {
        return Optional.of(
            goingOnSignal(
                unexplained, unexplainedWithBurst, unexplainedWhat, since, unexplainedHour));
      }
      if (history.baselineDays() < PERSISTING_BASELINE_DAYS) {
        return Optional.empty();
      }
      int persons = history.personsSince(answered);
      double personsHour =
          Math.max(PERSISTING_LEAST_HOUR, history.meanDailyPersons() / PERSISTING_WORKING_HOURS);
      if (surprising(persons, personsHour * hours)) {
        return Optional.of(persistingSignal(persons, " persons", since, personsHour));
      }
      int personsWithBurst = history.personsSince(burst);
      if (goesOn(persons, personsHour * hours, personsWithBurst, personsHour * withBurst)) {
        return Optional.of(
            goingOnSignal(persons, personsWithBurst, " persons", since, personsHour));
      }
      return Optional.empty();
    }

    /**
     * The burst that asked the step-up goes on after the answer: the persons since the answer are
     * above the usual hour (one chance in a hundred), and with those of the hour before the answer
     * they are far beyond anything usual ({@link #PERSISTING_WHOLE_SURPRISE}). An honest advisor's
     * busy hour ends at the answer, or was not that far above the usual; a thief answers and reads
     * on at the pace that asked the step-up, and is not given a fresh hour to prove it again.
     */
    private static boolean goesOn(int after, double expectedAfter, int whole, double expected) {
      return after >= PERSISTING_GOING_ON_LEAST
          && -Binomial.log10PoissonUpperTail(expectedAfter, after) >= PERSISTING_GOING_ON_SURPRISE
          && -Binomial.log10PoissonUpperTail(expected, whole) >= PERSISTING_WHOLE_SURPRISE;
    }

    /**
     * A throttle left in place since an earlier day: no analyst has released it, and the evidence
     * of today adds {@link #THROTTLED_AGAIN}, so that evidence at the throttle again (a new day's,
     * not the one that throttled it) suspends. A throttle slows a reader to one access every 20
     * seconds, which a thief reading a few persons a day never notices; an honest account's
     * throttle is released once an analyst has looked at it.
     */
    Optional<Signal> throttledAgain(Instant at) {
      Instant throttled = history.throttledAt;
      if (state != ContainmentState.THROTTLED || throttled == null) {
        return Optional.empty();
      }
      LocalDate day = throttled.atZone(ceilings.zone()).toLocalDate();
      if (!day.isBefore(at.atZone(ceilings.zone()).toLocalDate())) {
        return Optional.empty();
      }
      return Optional.of(
          new Signal(
              THROTTLED_AGAIN_DETECTOR,
              THROTTLED_AGAIN,
              "throttled since " + day + " and not released"));
    }

    private static boolean surprising(int persons, double expected) {
      return persons >= PERSISTING_LEAST
          && -Binomial.log10PoissonUpperTail(expected, persons) >= PERSISTING_SURPRISE;
    }

    private static Signal goingOnSignal(
        int persons, int withBurst, String what, Duration since, double usualHour) {
      return persistingSignal(
          persons, what, since, ", " + withBurst + " with the hour before it", usualHour);
    }

    private static Signal persistingSignal(
        int persons, String what, Duration since, double usualHour) {
      return persistingSignal(persons, what, since, "", usualHour);
    }

    private static Signal persistingSignal(
        int persons, String what, Duration since, String before, double usualHour) {
      return new Signal(
          PERSISTING_DETECTOR,
          PERSISTING,
          persons
              + what
              + " read in the "
              + since.toMinutes()
              + " min since a step-up was answered or a recovery completed"
              + before
              + "; its usual hour has "
              + String.format(java.util.Locale.ROOT, "%.1f", usualHour));
    }

    List<Signal> lasting(Instant at) {
      if (lasting.isEmpty()) {
        return List.of();
      }
      lasting.removeIf(l -> !l.until().isAfter(at));
      return lasting.stream().map(Lasting::signal).toList();
    }

    Verdict verdict(ContainmentState target, Instant at) {
      return new Verdict(account, target, score, signals, at, counters.persons());
    }
  }
}
