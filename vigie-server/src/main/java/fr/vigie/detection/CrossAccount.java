package fr.vigie.detection;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The detectors that look across accounts, where one account's history shows nothing: an
 * organization whose accounts rise together ({@link OrganizationRise}), the same persons read by
 * several accounts nothing links to them ({@link SharedPersons}), reads that walk the register
 * ({@link RegisterWalk}), many accounts at places new to them at once ({@link NewPlaces}). Each
 * finding names every account involved. Thread-safe: one lock for all, taken after an account's own
 * lock is released.
 */
public final class CrossAccount {
  private final ZoneId zone;
  private final OrganizationRise rise = new OrganizationRise();
  private final SharedPersons shared = new SharedPersons();
  private final RegisterWalk walk = new RegisterWalk();
  private final NewPlaces newPlaces = new NewPlaces();

  /** The observations that hold the state, within {@link SharedPersons#WINDOW}: what is stored. */
  private final ArrayDeque<CrossMemory.Observation> kept = new ArrayDeque<>();

  public CrossAccount(ZoneId zone) {
    this.zone = requireNonNull(zone, "zone is null");
  }

  /** What the detectors across accounts find now that {@code access} happened. */
  synchronized List<CrossFinding> observe(
      String organization, Access access, OrganizationRise.Today today) {
    requireNonNull(organization, "organization is null");
    if (!access.disclosed()) {
      return List.of();
    }
    keep(organization, access, today);
    return findings(organization, access, today);
  }

  /**
   * The observation {@code access} gives, when it holds state across accounts: a read outside the
   * caseload (shared persons, walks), a read of an account rising today, or one from a place new to
   * the account; otherwise empty.
   */
  static Optional<CrossMemory.Observation> observation(
      String organization, Access access, OrganizationRise.Today today) {
    if (!access.disclosed()
        || (access.link() != Link.OUTSIDE && !today.rising() && !today.newPlace())) {
      return Optional.empty();
    }
    return Optional.of(
        new CrossMemory.Observation(
            organization, access.account(), access.person(), access.link(), access.at(), today));
  }

  private void keep(String organization, Access access, OrganizationRise.Today today) {
    observation(organization, access, today).ifPresent(kept::addLast);
    Instant since = access.at().minus(SharedPersons.WINDOW);
    while (!kept.isEmpty() && kept.peekFirst().at().isBefore(since)) {
      kept.removeFirst();
    }
  }

  /**
   * Takes in an observation made before (stored before a restart, or by another node) as if it
   * happened now, without findings: those were made, stored and alerted when it happened.
   */
  synchronized void replay(CrossMemory.Observation observation) {
    Access access = observation.access();
    keep(observation.organization(), access, observation.today());
    findings(observation.organization(), access, observation.today());
  }

  /** What is to be stored, to be {@link #remember remembered} by a new instance. */
  synchronized CrossMemory memory() {
    return new CrossMemory(learned(), List.copyOf(kept));
  }

  /** Takes back what was stored: the organizations' usual days, then the observations in order. */
  synchronized void remember(CrossMemory memory) {
    for (CrossMemory.Learned one : memory.learned()) {
      if (one.organization().equals(NewPlaces.SCOPE)) {
        newPlaces.learn(one);
      } else {
        rise.learn(List.of(one));
      }
    }
    // The stored week was learned before the restart: replaying it must not teach its days again,
    // and a replay that fails must not leave the detectors unable to learn.
    rise.learning(false);
    newPlaces.learning(false);
    try {
      memory.observations().stream()
          .sorted(java.util.Comparator.comparing(CrossMemory.Observation::at))
          .forEach(this::replay);
    } finally {
      rise.learning(true);
      newPlaces.learning(true);
    }
  }

  /** The organizations' usual days, and the register's usual new places, to be stored. */
  synchronized List<CrossMemory.Learned> learned() {
    List<CrossMemory.Learned> learned = new ArrayList<>(rise.learned());
    newPlaces.learned().ifPresent(learned::add);
    return learned;
  }

  private List<CrossFinding> findings(
      String organization, Access access, OrganizationRise.Today today) {
    List<CrossFinding> found = new ArrayList<>(1);
    LocalDate day = access.at().atZone(zone).toLocalDate();
    rise.observe(organization, access.account(), access.at(), day, today).ifPresent(found::add);
    newPlaces.observe(access.account(), access.at(), day, today.newPlace()).ifPresent(found::add);
    shared.observe(access).ifPresent(found::add);
    walk.observe(organization, access).ifPresent(found::add);
    return found;
  }
}
