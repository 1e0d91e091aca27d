package fr.vigie.simulation;

import static java.util.Objects.requireNonNull;

import fr.vigie.access.AccessPolicy;
import fr.vigie.access.Action;
import fr.vigie.access.Actor;
import fr.vigie.access.Decision;
import fr.vigie.access.Justification;
import fr.vigie.access.Purpose;
import fr.vigie.access.ReasonCode;
import fr.vigie.detection.Access;
import fr.vigie.detection.AccessKind;
import fr.vigie.detection.AccessWatch;
import fr.vigie.detection.AccountMemory;
import fr.vigie.detection.AccountProfile;
import fr.vigie.detection.Admission;
import fr.vigie.detection.Detection;
import fr.vigie.detection.Link;
import fr.vigie.detection.Signal;
import fr.vigie.detection.Verdict;
import fr.vigie.identity.AccountId;
import fr.vigie.identity.ContainmentState;
import fr.vigie.identity.OrganizationId;
import fr.vigie.identity.Role;
import fr.vigie.registry.PersonId;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * Carries out simulated accesses in memory through the real code, in the server's order: the guard
 * ({@link Detection#state}), the policy ({@link AccessPolicy#decide}), the ceilings ({@link
 * Detection#admit}), then, once the answer has left, the detectors ({@link Detection#observe}). Not
 * thread-safe: one simulation shard drives one executor.
 */
public final class InMemoryExecutor implements AccessExecutor {
  /** How long a recovered account reads nothing: until its second factor is enrolled again. */
  static final Duration RESTRICTED = Duration.ofHours(24);

  /** A throttled account is served at most once in this long ("a few a minute"). */
  static final Duration THROTTLE_PACE = AccessWatch.THROTTLE_SPACING;

  private static final Optional<Justification> JUSTIFIED =
      Optional.of(new Justification(ReasonCode.PERSON_CONTACTED_AGENCY, "simulated"));

  private final Register register;
  private final Supplier<Detection> fresh;
  private Detection detection;
  private final ContainmentListener listener;
  private final ZoneId zone;
  private final Map<Integer, AccountProfile> profiles = new HashMap<>();
  private final Map<Integer, Instant> restrictedUntil = new HashMap<>();
  private final Map<Integer, Instant> throttleNext = new HashMap<>();
  private final Map<AccountId, SimulatedAccount> seen = new HashMap<>();
  private final Sessions sessions = new Sessions();

  InMemoryExecutor(Register register, Supplier<Detection> fresh, ContainmentListener listener) {
    this.register = requireNonNull(register, "register is null");
    this.fresh = requireNonNull(fresh, "fresh is null");
    this.detection = requireNonNull(fresh.get(), "detection is null");
    this.listener = requireNonNull(listener, "listener is null");
    this.zone = detection.ceilings().zone();
  }

  /** Executors of a fresh {@link Detection} from {@code detection} for each agency. */
  public static ExecutorFactory factory(Supplier<Detection> detection) {
    return (agency, listener) -> new InMemoryExecutor(new Register(agency), detection, listener);
  }

  /** Restricted for a day, watched for a week. */
  @Override
  public void recovered(SimulatedAccount account, Instant at) {
    profiles.put(
        account.index(), new AccountProfile(account.id(), Role.ADVISOR, account.kind(), at));
    restrictedUntil.put(account.index(), at.plus(RESTRICTED));
  }

  @Override
  public void stepUp(SimulatedAccount account, SimulatedAccess asked) {
    sessions.proved(account, asked.device(), asked.at());
    detection.steppedUp(account.id());
  }

  @Override
  public void release(SimulatedAccount account, Instant at) {
    sessions.released(account);
    detection.release(account.id());
  }

  /**
   * A new detection takes the place of the old one, as after a restart of the server: it gets each
   * account's stored memory (through its JSON text), what the detectors across accounts stored (the
   * organizations' usual days and the last week's observations, replayed), and the stored
   * containments, and nothing else (not the ceilings' windows, not the score of the day).
   */
  @Override
  public void restart(Instant at) {
    Detection next = fresh.get();
    for (AccountMemory memory : detection.memories()) {
      next.remember(memory);
    }
    next.rememberAcross(detection.acrossMemory());
    for (AccountProfile profile : profiles.values()) {
      ContainmentState state = detection.state(profile.account());
      if (state != ContainmentState.ACTIVE) {
        next.restore(profile.account(), state);
      }
    }
    detection = next;
  }

  @Override
  public void usedBefore(SimulatedAccount account, AccountMemory memory) {
    detection.remember(memory);
  }

  /** The detection in use now (a restart replaces it). */
  Detection detection() {
    return detection;
  }

  @Override
  public Outcome execute(SimulatedAccount account, SimulatedAccess access) {
    ContainmentState state = detection.state(account.id());
    boolean held = sessions.held(account, access.device(), access.at());
    if (state == ContainmentState.ACTIVE && held) {
      // Another session answered the step-up; this one has not, and the guard holds it.
      return Outcome.STEP_UP;
    }
    switch (state) {
      case SUSPENDED -> {
        return Outcome.SUSPENDED;
      }
      case STEP_UP -> {
        return Outcome.STEP_UP;
      }
      case THROTTLED, ACTIVE -> {}
    }
    AccountProfile profile = profile(account);
    if (state == ContainmentState.THROTTLED && tooSoon(account, access.at())) {
      // The ceilings still count a throttled account's attempts: one that keeps asking at full
      // speed meets the burst ceiling as if it were served.
      return throttled(account, profile, access);
    }
    if (access.referral()) {
      return refer(account, profile, access);
    }
    if (access.sharing() > 1) {
      return broadSearch(account, profile, access);
    }
    Decision decision =
        AccessPolicy.decide(
            actor(account, access.at()),
            access.action(),
            register.facts(account, access.person(), access.timeBoxed()),
            Purpose.FOLLOW_UP,
            access.justified() ? JUSTIFIED : Optional.empty());
    boolean allowed = decision instanceof Decision.Allow;
    if (access.action() == Action.SEARCH) {
      boolean found = allowed && access.person() != SimulatedAccess.NOBODY;
      Access search =
          Access.search(
              account.id(), access.at(), found ? 1 : 0, access.device(), access.address());
      Outcome searched = admitAndObserve(account, profile, search);
      if (searched != Outcome.DISCLOSED) {
        return searched;
      }
      if (!found) {
        return Outcome.NOTHING_FOUND;
      }
    } else if (!allowed) {
      observe(account, profile, refusal(account, access));
      return Outcome.DENIED;
    }
    AccessKind kind = access.action() == Action.UPDATE ? AccessKind.UPDATE : AccessKind.READ;
    return read(account, profile, access, access.person(), kind);
  }

  /** DISCLOSED here means admitted: the caller knows whether anything was in it. */
  private Outcome admitAndObserve(SimulatedAccount account, AccountProfile profile, Access access) {
    Outcome admitted = admit(account, profile, access);
    if (admitted == Outcome.DISCLOSED) {
      observe(account, profile, access);
    }
    return admitted;
  }

  /** The ceilings' answer; DISCLOSED when they admit {@code access}, which is not observed yet. */
  private Outcome admit(SimulatedAccount account, AccountProfile profile, Access access) {
    Admission admission = detection.admit(profile, access);
    switch (admission) {
      case Admission.Admitted admitted -> {
        return Outcome.DISCLOSED;
      }
      case Admission.Refused refused -> {
        listener.refused(account, access.at(), refused.limit().name());
        observe(account, profile, refusalOf(access));
        return Outcome.REFUSED;
      }
      case Admission.Suspended suspended -> {
        // The guard let this access through, so the account was not suspended before it.
        raised(account, ContainmentState.SUSPENDED, access.at());
        return Outcome.SUSPENDED;
      }
    }
  }

  /**
   * A search that finds every person sharing the value the policy lets the account find, as the
   * server runs it ({@code PersonReads.search}): the ceilings count the search with what it found;
   * a search that would take the account over a ceiling that suspends is refused before anything is
   * read ({@code CEILING.BURST}), and the detectors hear the refusal; otherwise each is read.
   */
  private Outcome broadSearch(
      SimulatedAccount account, AccountProfile profile, SimulatedAccess access) {
    Actor actor = actor(account, access.at());
    List<Long> found =
        java.util.stream.LongStream.range(access.person(), access.person() + access.sharing())
            .filter(
                person ->
                    AccessPolicy.decide(
                            actor,
                            Action.SEARCH,
                            register.facts(account, person, false),
                            Purpose.FOLLOW_UP,
                            Optional.empty())
                        instanceof Decision.Allow)
            .boxed()
            .toList();
    Access search =
        Access.search(account.id(), access.at(), found.size(), access.device(), access.address());
    Outcome admitted = admit(account, profile, search);
    if (admitted != Outcome.DISCLOSED) {
      return admitted;
    }
    List<PersonId> persons = found.stream().map(register::personId).toList();
    if (persons.size() > 1 && detection.wouldSuspend(profile, access.at(), persons)) {
      listener.refused(account, access.at(), "burst");
      observe(account, profile, refusalOf(search));
      return Outcome.REFUSED;
    }
    observe(account, profile, search);
    if (found.isEmpty()) {
      return Outcome.NOTHING_FOUND;
    }
    Outcome outcome = Outcome.DISCLOSED;
    for (long person : found) {
      outcome = read(account, profile, access, person, AccessKind.READ);
      if (outcome != Outcome.DISCLOSED) {
        return outcome;
      }
    }
    return outcome;
  }

  /** {@code person} read (or changed) as part of {@code access}, through the ceilings. */
  private Outcome read(
      SimulatedAccount account,
      AccountProfile profile,
      SimulatedAccess access,
      long person,
      AccessKind kind) {
    Link link =
        register.link(account, person, access.at().atZone(zone).toLocalDate(), access.timeBoxed());
    Access read =
        Access.of(
            account.id(),
            access.at(),
            kind,
            register.personId(person),
            link,
            access.device(),
            access.address());
    return admitAndObserve(account, profile, read);
  }

  /**
   * A referral as management carries it out: the rule, then the ceilings (it counts as a change),
   * and no detector hears an admitted one; a refusal is heard as any refusal is.
   */
  private Outcome refer(SimulatedAccount account, AccountProfile profile, SimulatedAccess access) {
    Actor actor = actor(account, access.at());
    if (AccessPolicy.referral(
            actor, register.facts(account, access.person(), false), register.partner().kind())
        .isPresent()) {
      observe(account, profile, refusal(account, access));
      return Outcome.DENIED;
    }
    Access change =
        new Access(
            account.id(),
            access.at(),
            AccessKind.CHANGE,
            register.personId(access.person()),
            Link.NONE,
            0,
            access.device(),
            access.address());
    return switch (detection.admit(profile, change)) {
      case Admission.Admitted admitted -> Outcome.DISCLOSED;
      case Admission.Refused refused -> {
        listener.refused(account, access.at(), refused.limit().name());
        observe(account, profile, refusalOf(change));
        yield Outcome.REFUSED;
      }
      case Admission.Suspended suspended -> {
        raised(account, ContainmentState.SUSPENDED, access.at());
        yield Outcome.SUSPENDED;
      }
    };
  }

  /**
   * As the server's guard ({@code AccessWatch.throttlePasses}): the first access once throttled
   * passes, then one every {@link #THROTTLE_PACE} after the last one that passed.
   */
  private boolean tooSoon(SimulatedAccount account, Instant at) {
    Instant next = throttleNext.get(account.index());
    if (next == null || !at.isBefore(next)) {
      throttleNext.put(account.index(), at.plus(THROTTLE_PACE));
      return false;
    }
    return true;
  }

  private Outcome throttled(SimulatedAccount account, AccountProfile profile, SimulatedAccess a) {
    if (a.person() < 0) {
      return Outcome.THROTTLED;
    }
    Access attempt =
        Access.of(
            account.id(),
            a.at(),
            AccessKind.READ,
            register.personId(a.person()),
            Link.NONE,
            a.device(),
            a.address());
    Admission admission = detection.admit(profile, attempt);
    if (admission instanceof Admission.Suspended) {
      raised(account, ContainmentState.SUSPENDED, a.at());
      return Outcome.SUSPENDED;
    }
    observe(account, profile, refusalOf(attempt));
    return Outcome.THROTTLED;
  }

  private void observe(SimulatedAccount account, AccountProfile profile, Access access) {
    Optional<Verdict> verdict = detection.observe(profile, access);
    verdict.ifPresent(v -> raised(account, v.state(), access.at()));
    if (access.disclosed()) {
      seen.putIfAbsent(account.id(), account);
      for (Detection.Rise rise : detection.across(account.organization().code(), access)) {
        raised(seen.get(rise.verdict().account()), rise.verdict().state(), access.at());
      }
    }
  }

  private void raised(SimulatedAccount account, ContainmentState state, Instant at) {
    sessions.raised(account, state, at);
    List<String> detectors =
        detection.reasons(account.id()).stream().map(Signal::detector).toList();
    listener.raised(account, state, at, detectors);
  }

  private Access refusal(SimulatedAccount account, SimulatedAccess access) {
    return new Access(
        account.id(),
        access.at(),
        AccessKind.REFUSED,
        access.person() >= 0 ? register.personId(access.person()) : null,
        Link.NONE,
        0,
        access.device(),
        access.address());
  }

  private static Access refusalOf(Access access) {
    return new Access(
        access.account(),
        access.at(),
        AccessKind.REFUSED,
        access.person(),
        Link.NONE,
        0,
        access.device(),
        access.address());
  }

  private AccountProfile profile(SimulatedAccount account) {
    return profiles.computeIfAbsent(
        account.index(), i -> new AccountProfile(account.id(), Role.ADVISOR, account.kind(), null));
  }

  private Actor actor(SimulatedAccount account, Instant at) {
    Instant until = restrictedUntil.get(account.index());
    boolean restricted =
        until != null && !at.isBefore(until.minus(RESTRICTED)) && at.isBefore(until);
    return new Actor(
        account.id(),
        Role.ADVISOR,
        new OrganizationId(new UUID(0, account.organization().code().hashCode())),
        account.kind(),
        restricted);
  }
}
