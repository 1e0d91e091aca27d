package fr.vigie.simulation;

import static java.util.Objects.requireNonNull;

import fr.vigie.access.Action;
import java.time.Instant;

/**
 * One access a simulated account attempts: produced by a behaviour (an advisor's day, an attack),
 * carried out by an {@link AccessExecutor} (in memory here, over HTTP against a running server
 * later). Persons are named by their index in the {@link SyntheticAgency}; no personal data.
 *
 * @param person the person read, updated or searched for, or {@link #NOBODY} for a search whose
 *     criterion names no one (a typo, a guess)
 * @param justified the account gives a justification (for a person outside its caseload)
 * @param timeBoxed a manager's time-boxed relationship covers this read (a collective session's
 *     list, an absent colleague's caseload), so no justification is needed: the honest advisor's
 *     out-of-caseload work made explicit; an attack never has one
 * @param device a token of the device, such as {@code pc-17}
 * @param address a token of the network, such as {@code office-FT-00003}
 * @param referral the account refers the person to a partner organization instead: no read, a
 *     change of who follows the person (its {@code action} is {@link Action#UPDATE})
 * @param sharing for a search, how many persons from {@code person} on share the value searched for
 *     (a shelter's or a family's email the register holds for each of them): one search finds them
 *     all; 1 for a search that names one person
 */
public record SimulatedAccess(
    Instant at,
    Action action,
    long person,
    boolean justified,
    String device,
    String address,
    boolean referral,
    boolean timeBoxed,
    int sharing) {
  /** The person a search names when it names no one. */
  public static final long NOBODY = -1;

  public SimulatedAccess {
    requireNonNull(at, "at is null");
    requireNonNull(action, "action is null");
    requireNonNull(device, "device is null");
    requireNonNull(address, "address is null");
    if (person < NOBODY || (person == NOBODY && action != Action.SEARCH)) {
      throw new IllegalArgumentException("person: a " + action + " names one person");
    }
    if (referral && action != Action.UPDATE) {
      throw new IllegalArgumentException("referral: a change, expected UPDATE, got " + action);
    }
    if (sharing < 1 || (sharing > 1 && (action != Action.SEARCH || person == NOBODY))) {
      throw new IllegalArgumentException("sharing: a search of persons who share a value, >= 1");
    }
  }

  /** An access that is no referral, with no time-boxed relationship. */
  public SimulatedAccess(
      Instant at, Action action, long person, boolean justified, String device, String address) {
    this(at, action, person, justified, device, address, false, false, 1);
  }

  /** A read or search with or without a time-boxed relationship. */
  public static SimulatedAccess timeBoxed(
      Instant at,
      Action action,
      long person,
      boolean justified,
      String device,
      String address,
      boolean timeBoxed) {
    return new SimulatedAccess(at, action, person, justified, device, address, false, timeBoxed, 1);
  }

  /** {@code account} refers {@code person} to a partner organization. */
  static SimulatedAccess referral(Instant at, long person, String device, String address) {
    return new SimulatedAccess(at, Action.UPDATE, person, false, device, address, true, false, 1);
  }

  /**
   * A search by a value that {@code sharing} persons share, from {@code first} on: the broad search
   * the API allows (an email a shelter gives for everyone it houses), which finds them all at once.
   */
  static SimulatedAccess broadSearch(
      Instant at, long first, int sharing, String device, String address) {
    return new SimulatedAccess(
        at, Action.SEARCH, first, false, device, address, false, false, sharing);
  }
}
