package fr.vigie.detection;

import static java.util.Objects.requireNonNull;

import fr.vigie.ProblemCode;
import fr.vigie.VigieException;
import fr.vigie.identity.AccountId;
import fr.vigie.identity.ContainmentState;
import fr.vigie.identity.Containments;
import fr.vigie.identity.GuardPrefetch;
import fr.vigie.identity.IdentityEvent;
import fr.vigie.identity.Scopes;
import fr.vigie.registry.PersonId;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.event.EventListener;
import org.springframework.core.env.Environment;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Detection in the running server: the read path asks it to {@link #admit} each access (the
 * ceilings) and tells it each access that happened ({@link #accessed}, onto the bus to the
 * detectors). A verdict is stored at once where the guard reads it ({@link Containments}), with an
 * alert for the security analysts, who release or confirm the account here.
 */
@Service
public class AccessWatch implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(AccessWatch.class);

  private final Detection detection;
  private final Containments containments;
  private final Scopes scopes;
  private final Alerts alerts;
  private final Clock clock;
  private final AccessEvents bus;
  private final MemoryStore memories;
  private final TransactionTemplate transactions;
  private final SharedCounters counters;
  private final DetectionResets resets;
  private final CrossStore across;
  private final AccountOrganizations organizations;
  private final ConcurrentHashMap<AccountId, LongAdder> refusals = new ConcurrentHashMap<>();
  private final LongAdder observed = new LongAdder();

  AccessWatch(
      Containments containments,
      Scopes scopes,
      Alerts alerts,
      PlatformTransactionManager transactions,
      MemoryStore memories,
      AppliedOffsets offsets,
      SharedCounters counters,
      DetectionResets resets,
      CrossStore across,
      AccountOrganizations organizations,
      Optional<Clock> clock,
      @Value("${vigie.detection.partitions:2}") int partitions,
      Environment settings) {
    this.detection = Detection.withCeilings(ceilings(settings));
    this.containments = containments;
    this.scopes = scopes;
    this.alerts = alerts;
    this.transactions = new TransactionTemplate(transactions);
    this.clock = clock.orElse(Clock.systemUTC());
    this.memories = memories;
    this.counters = counters;
    this.resets = resets;
    this.across = across;
    this.organizations = organizations;
    // What the detectors remember of each account comes back before the first access: a dormant
    // account is still dormant after a restart, a known device still known.
    memories.loadInto(detection);
    // And what the detectors across accounts held: the organizations' usual days, the last week's
    // reads outside the caseloads and rising accounts, of every node.
    across.loadInto(detection, this.clock.instant());
    containments.contained().forEach(detection::restore);
    this.bus =
        KafkaSettings.from(settings)
            .<AccessEvents>map(
                kafka ->
                    new KafkaAccessEvents(
                        kafka,
                        new OnceApplied(
                            detection,
                            memories,
                            offsets,
                            containments,
                            this.transactions,
                            this::observe)))
            .orElseGet(() -> new InProcessAccessEvents(partitions, 10_000, this::observe));
  }

  /**
   * Vigie's default ceilings, with the maxima and factors the settings change: {@code
   * vigie.ceilings.max.ADVISOR.hourly=80}, {@code vigie.ceilings.max.ADVISOR.CAP_EMPLOI.daily=150},
   * {@code vigie.ceilings.off-hours-factor}, {@code vigie.ceilings.after-recovery}, {@code
   * vigie.ceilings.after-recovery-factor}. A setting that names no limit stops the start.
   */
  static Ceilings ceilings(Environment settings) {
    Ceilings defaults = Ceilings.defaults();
    Binder binder = Binder.get(settings);
    Map<String, Integer> maxima =
        binder
            .bind("vigie.ceilings.max", Bindable.mapOf(String.class, Integer.class))
            .orElse(Map.of());
    return defaults
        .withMaxima(maxima)
        .withFactors(
            binder
                .bind("vigie.ceilings.off-hours-factor", Double.class)
                .orElse(defaults.offHoursFactor()),
            binder
                .bind("vigie.ceilings.after-recovery", Duration.class)
                .orElse(defaults.afterRecovery()),
            binder
                .bind("vigie.ceilings.after-recovery-factor", Double.class)
                .orElse(defaults.afterRecoveryFactor()));
  }

  /**
   * The ceilings on an access about to happen. A suspension is stored before this returns, so the
   * account's next request, on any node, gets nothing.
   */
  public Admission admit(AccountProfile profile, Access access) {
    Optional<Admission.Suspended> already = detection.suspended(profile.account(), access.at());
    if (already.isPresent()) {
      return already.get();
    }
    ContainmentState before = detection.state(profile.account());
    List<Limit> limits = detection.ceilings().limitsAt(profile, access.at());
    SharedCounters.Ahead ahead = AHEAD.get();
    Optional<SharedCounters.Breach> breach;
    if (ahead != null && fits(ahead, access, limits)) {
      AHEAD.remove();
      breach = ahead.breach();
    } else {
      breach = counters.admit(limits, access);
    }
    if (breach.isEmpty()) {
      return Admission.ADMITTED;
    }
    Limit limit = breach.get().limit();
    if (limit.onBreach() == Limit.OnBreach.REFUSE) {
      return new Admission.Refused(limit, breach.get().retryAfter());
    }
    Admission.Suspended suspended =
        detection.breached(
            profile,
            limit,
            access.at(),
            counters.persons(
                profile.account(), access.at().minus(detection.ceilings().longestWindow())));
    // If it cannot be stored, this access fails (nothing was decrypted yet) and the next one
    // meets the ceiling again.
    apply(suspended.verdict(), before);
    return suspended;
  }

  /**
   * A read of {@code person} checked against the ceilings, and counted if admitted, ahead: in the
   * guard's own query of the account, if the account's state lets it read. {@link #admit} takes the
   * result on this thread if the read it is asked about is that one, with the same limits; {@link
   * #settleAhead} takes back one that was counted and never served. {@code guess} is the account as
   * its session knows it (no recovery: a recovered account's tighter limits do not match, and its
   * read is admitted again in a round trip of its own).
   */
  public GuardPrefetch.Plan admitAhead(AccountProfile guess, PersonId person) {
    AHEAD.remove();
    Instant at = clock.instant();
    return counters.aheadPlan(
        guess.account(), person, at, detection.ceilings().limitsAt(guess, at), AHEAD::set);
  }

  /**
   * Ends the request's read counted ahead: one that {@link #admit} did not take (the guard or the
   * policy refused the read first) is taken back, so that only reads served count.
   */
  public void settleAhead() {
    SharedCounters.Ahead ahead = AHEAD.get();
    AHEAD.remove();
    if (ahead == null || ahead.breach().isPresent()) {
      return;
    }
    try {
      counters.uncount(ahead);
    } catch (RuntimeException e) {
      // Counted once too often: the account meets its ceilings one read early, never later.
      log.warn("ceilings: a read counted ahead was not taken back for account {}", ahead.account());
    }
  }

  private static final ThreadLocal<SharedCounters.Ahead> AHEAD = new ThreadLocal<>();

  private static boolean fits(SharedCounters.Ahead ahead, Access access, List<Limit> limits) {
    return access.kind() == AccessKind.READ
        && access.link() != Link.OUTSIDE
        && ahead.account().equals(access.account())
        && ahead.person().equals(access.person())
        && ahead.limits().equals(limits);
  }

  /** How far apart a throttled account's accesses must be. */
  public static final Duration THROTTLE_SPACING = Duration.ofSeconds(20);

  /**
   * True when a throttled account may go on now: one access every {@link #THROTTLE_SPACING},
   * whichever node serves it (counted in PostgreSQL).
   */
  public boolean throttlePasses(AccountId account, Instant now) {
    return counters.throttlePasses(account, now, THROTTLE_SPACING);
  }

  /**
   * True when disclosing all of {@code persons} at {@code at} would go over a ceiling that
   * suspends, as every node counts (see {@link Detection#wouldSuspend}).
   */
  public boolean wouldSuspend(AccountProfile profile, Instant at, List<PersonId> persons) {
    List<Limit> suspending =
        detection.ceilings().limitsAt(profile, at).stream()
            .filter(l -> l.onBreach() == Limit.OnBreach.SUSPEND)
            .toList();
    return counters.wouldExceed(profile.account(), suspending, at, persons);
  }

  /**
   * An access that happened, or was refused: onto the bus to the detectors.
   *
   * @throws VigieException EVENTS_UNAVAILABLE when the Kafka broker did not acknowledge it: the
   *     answer must not leave (fail closed, as the audit)
   */
  public void accessed(AccountProfile profile, Access access) {
    bus.publish(profile, access);
  }

  /** Accesses on the bus not yet seen by the detectors (the metrics' bus lag). */
  public long pendingAccesses() {
    return bus.pending();
  }

  /**
   * Waits until the detectors have seen every access published so far: the evaluation through the
   * server calls it between simulated accesses, so that simulated time does not outrun them.
   */
  public boolean drain(Duration timeout) throws InterruptedException {
    return bus.drain(timeout);
  }

  /**
   * How many refused accesses of {@code account} the detectors received since the start: what a
   * refusal that never reached them (once, every refusing ceiling's) would leave at zero.
   */
  public long refusalsObserved(AccountId account) {
    LongAdder count = refusals.get(account);
    return count == null ? 0 : count.sum();
  }

  /**
   * Accesses this node's detectors observed since the start (with Kafka, its partitions' share).
   */
  long observedHere() {
    return observed.sum();
  }

  /** The detectors' side of the bus. */
  void observe(AccountProfile profile, Access access) {
    observed.increment();
    if (access.kind() == AccessKind.REFUSED) {
      refusals.computeIfAbsent(access.account(), a -> new LongAdder()).increment();
    }
    ContainmentState before = detection.state(profile.account());
    detection.observe(profile, access).ifPresent(verdict -> apply(verdict, before));
    if (access.disclosed()) {
      organizations.of(profile.account()).ifPresent(organization -> across(organization, access));
    }
    try {
      memories.maybeSave(detection, profile.account(), access.at());
    } catch (RuntimeException e) {
      // The memory is saved again at the account's next access; the detectors go on meanwhile.
      log.warn("detection memory: not saved for account {}", profile.account().value());
    }
  }

  /**
   * The detectors across accounts on a disclosed access: their rises stored, and what they keep of
   * it stored for the other nodes and the next start. A failed store is logged (ids only): this
   * node's detectors hold it, the others miss that one read.
   */
  private void across(String organization, Access access) {
    Detection.Across found = detection.acrossKept(organization, access);
    found.rises().forEach(rise -> apply(rise.verdict(), rise.before()));
    found
        .kept()
        .ifPresent(
            kept -> {
              try {
                across.record(kept);
              } catch (RuntimeException e) {
                log.warn("detection across accounts: not stored for account {}", kept.account());
              }
            });
  }

  /**
   * Takes in what the other nodes' detectors across accounts kept, so that every node sees the
   * whole organization (without Kafka each node observes the accesses it serves; with it, those of
   * its partitions).
   */
  @Scheduled(fixedDelayString = "${vigie.detection.reset-poll-ms:200}")
  void takeOthersAcross() {
    across.fromOthers().forEach(detection::replayAcross);
  }

  /** Saves what the organizations taught of their usual days, and forgets old observations. */
  @Scheduled(fixedDelay = 60_000, initialDelay = 60_000)
  void saveAcross() {
    Instant now = clock.instant();
    across.saveLearned(detection.acrossLearned(), now);
    across.forgetOld(now);
  }

  /**
   * Stores a rise where the guard reads it and raises its alert, both or neither; if that fails,
   * the detectors' view goes back to {@code before}, so that the next access raises it again.
   */
  private void apply(Verdict verdict, ContainmentState before) {
    try {
      transactions.executeWithoutResult(
          status -> {
            containments.raise(verdict.account(), verdict.state());
            alerts.raise(verdict);
          });
    } catch (RuntimeException e) {
      detection.revert(verdict.account(), verdict.state(), before);
      throw e;
    }
    // Ids, state and detector names only: what an operator needs to look the alert up.
    log.warn("containment: {}", verdict);
  }

  /**
   * Persons flagged reads by {@code account}: see {@link Detection#flagged}. The rise is stored and
   * alerted before this returns.
   */
  public void flagged(AccountId account, int persons) {
    ContainmentState before = detection.state(account);
    detection.flagged(account, persons, clock.instant()).ifPresent(v -> apply(v, before));
  }

  /**
   * Evidence against {@code account} from outside its reads (see {@link Detection#evidence}): a
   * detector named {@code detector} asks for {@code target}, for {@code reason} (no personal data).
   * The rise is stored and alerted before this returns; a state already as high stays.
   */
  public void evidence(
      AccountId account, String detector, ContainmentState target, String reason, Instant at) {
    ContainmentState before = detection.state(account);
    Signal signal = new Signal(detector, detection.points(target), reason);
    detection.evidence(account, signal, target, at).ifPresent(v -> apply(v, before));
  }

  @EventListener
  void on(IdentityEvent.SteppedUp event) {
    AccountId account = new AccountId(event.account());
    steppedUp(account);
    resets.record(account, DetectionResets.Kind.STEP_UP);
  }

  /** An answered step-up, saved with the account's memory at once so that a restart keeps it. */
  private void steppedUp(AccountId account) {
    detection.steppedUp(account);
    try {
      memories.save(detection, account, clock.instant());
    } catch (RuntimeException e) {
      log.warn("detection memory: not saved for account {}", account.value());
    }
  }

  /**
   * Applies the releases and step-ups the other nodes served to this node's detectors, which may be
   * the ones watching those accounts (any node without Kafka; the partition's owner with it).
   */
  @Scheduled(fixedDelayString = "${vigie.detection.reset-poll-ms:200}")
  void takeOthersResets() {
    for (DetectionResets.Reset reset : resets.fromOthers()) {
      switch (reset.kind()) {
        case RELEASE -> detection.release(reset.account());
        case STEP_UP -> steppedUp(reset.account());
      }
    }
  }

  @Scheduled(fixedDelay = 600_000, initialDelay = 600_000)
  void forgetOldResets() {
    resets.forgetOld();
  }

  /** The containment this node's detectors hold for {@code account} (what an operator compares). */
  public ContainmentState detectorsState(AccountId account) {
    return detection.state(account);
  }

  /** The open alerts, newest first. */
  public List<Alert> openAlerts(int limit) {
    return alerts.list("OPEN", Math.clamp(limit, 1, 500));
  }

  /**
   * The open alerts {@code analyst} may decide, newest first: all of them for a national analyst,
   * those of its own organization's accounts for a partner's.
   */
  public List<Alert> openAlerts(int limit, AccountId analyst) {
    return scopes
        .scopeOf(analyst)
        .map(organization -> alerts.list("OPEN", Math.clamp(limit, 1, 500), organization))
        .orElseGet(() -> openAlerts(limit));
  }

  /**
   * A security analyst found the alert a false one: the account works again, unless its containment
   * rose since the alert ({@link ProblemCode#ALERT_SUPERSEDED}).
   */
  public Alert release(UUID alert, AccountId analyst) {
    Alert open =
        transactions.execute(
            status -> {
              Alert decided = decide(alert, "RELEASED", analyst);
              // Only the state this alert named: a later rise (a suspension the analyst never
              // saw) refuses the release, and the alerts closed above are open again.
              containments.release(decided.account(), decided.state(), analyst);
              return decided;
            });
    detection.release(open.account());
    resets.record(open.account(), DetectionResets.Kind.RELEASE);
    counters.forgive(open.account(), clock.instant());
    return alerts.byId(alert).orElseThrow();
  }

  /** A security analyst confirmed the account compromised: it stays suspended. */
  public Alert confirm(UUID alert, AccountId analyst) {
    Alert open =
        transactions.execute(
            status -> {
              Alert decided = decide(alert, "CONFIRMED", analyst);
              containments.set(decided.account(), ContainmentState.SUSPENDED, analyst);
              return decided;
            });
    detection.restore(open.account(), ContainmentState.SUSPENDED);
    return alerts.byId(alert).orElseThrow();
  }

  /**
   * Closes an open alert and the account's other open ones, once: of two analysts deciding at the
   * same time, the second finds it closed. No analyst decides about its own account.
   */
  private Alert decide(UUID alert, String status, AccountId analyst) {
    requireNonNull(analyst, "analyst is null");
    Alert found =
        alerts
            .byId(requireNonNull(alert, "alert is null"))
            .filter(a -> a.status().equals("OPEN"))
            .orElseThrow(() -> new VigieException(ProblemCode.ALERT_NOT_FOUND, "no open alert"));
    if (found.account().equals(analyst)) {
      throw new VigieException(
          ProblemCode.ACCESS_DENIED, "an analyst does not decide about its own account");
    }
    if (!scopes.reaches(analyst, found.account())) {
      throw new VigieException(
          ProblemCode.ACCESS_DENIED,
          "the account is outside this analyst's organization: its own analysts or the national"
              + " security team decide");
    }
    if (!alerts.decide(alert, status, analyst, clock.instant())) {
      throw new VigieException(ProblemCode.ALERT_NOT_FOUND, "no open alert");
    }
    alerts.decideOthers(found.account(), status, analyst, clock.instant());
    return found;
  }

  @Override
  public void close() throws InterruptedException {
    bus.close();
  }
}
