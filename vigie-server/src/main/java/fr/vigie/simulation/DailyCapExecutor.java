package fr.vigie.simulation;

import fr.vigie.access.AccessPolicy;
import fr.vigie.access.Action;
import fr.vigie.access.Actor;
import fr.vigie.access.Decision;
import fr.vigie.access.Justification;
import fr.vigie.access.Purpose;
import fr.vigie.access.ReasonCode;
import fr.vigie.identity.OrganizationId;
import fr.vigie.identity.Role;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * The baseline Vigie is compared with: the same need-to-know policy, then a plain fixed cap of
 * distinct persons per account and calendar day, and nothing else (no detectors, no restriction
 * after a recovery, no suspension).
 */
final class DailyCapExecutor implements AccessExecutor {
  private static final Optional<Justification> JUSTIFIED =
      Optional.of(new Justification(ReasonCode.PERSON_CONTACTED_AGENCY, "simulated"));

  private final Register register;
  private final int cap;
  private final ZoneId zone;
  private final Map<Integer, LocalDate> days = new HashMap<>();
  private final Map<Integer, Set<Long>> persons = new HashMap<>();

  DailyCapExecutor(Register register, int cap, ZoneId zone) {
    this.register = register;
    this.cap = cap;
    this.zone = zone;
  }

  @Override
  public Outcome execute(SimulatedAccount account, SimulatedAccess access) {
    Decision decision =
        AccessPolicy.decide(
            new Actor(
                account.id(),
                Role.ADVISOR,
                new OrganizationId(new UUID(0, account.organization().code().hashCode())),
                account.kind(),
                false),
            access.action(),
            register.facts(account, access.person(), access.timeBoxed()),
            Purpose.FOLLOW_UP,
            access.justified() ? JUSTIFIED : Optional.empty());
    boolean allowed = decision instanceof Decision.Allow;
    if (!allowed || access.person() == SimulatedAccess.NOBODY) {
      return access.action() == Action.SEARCH ? Outcome.NOTHING_FOUND : Outcome.DENIED;
    }
    LocalDate day = access.at().atZone(zone).toLocalDate();
    if (!day.equals(days.put(account.index(), day))) {
      persons.put(account.index(), new HashSet<>());
    }
    Set<Long> today = persons.get(account.index());
    if (!today.contains(access.person()) && today.size() >= cap) {
      return Outcome.REFUSED;
    }
    today.add(access.person());
    return Outcome.DISCLOSED;
  }

  @Override
  public void stepUp(SimulatedAccount account, SimulatedAccess asked) {}

  /** The baseline knows no recovery: the account reads at once. */
  @Override
  public void recovered(SimulatedAccount account, Instant at) {}

  @Override
  public void release(SimulatedAccount account, Instant at) {}
}
