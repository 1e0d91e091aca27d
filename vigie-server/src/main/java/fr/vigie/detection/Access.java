package fr.vigie.detection;

import static java.util.Objects.requireNonNull;

import fr.vigie.identity.AccountId;
import fr.vigie.registry.PersonId;
import java.time.Instant;

/**
 * One access as the ceilings and the detectors see it: pseudonymous ids and tokens, never data.
 *
 * @param person the person, or null for a search
 * @param found for a search, how many persons it found; 0 otherwise
 * @param device a pseudonymous token of the device (a keyed hash of its cookie or user agent)
 * @param address a pseudonymous token of the network the request came from
 */
public record Access(
    AccountId account,
    Instant at,
    AccessKind kind,
    PersonId person,
    Link link,
    int found,
    String device,
    String address) {
  public Access {
    requireNonNull(account, "account is null");
    requireNonNull(at, "at is null");
    requireNonNull(kind, "kind is null");
    requireNonNull(link, "link is null");
    requireNonNull(device, "device is null");
    requireNonNull(address, "address is null");
    if ((kind == AccessKind.READ || kind == AccessKind.UPDATE || kind == AccessKind.CHANGE)
        && person == null) {
      throw new IllegalArgumentException("person: a " + kind + " names one");
    }
    if (found < 0) {
      throw new IllegalArgumentException("found: is negative");
    }
  }

  /** A read or update: data of {@code person} left. */
  public static Access of(
      AccountId account,
      Instant at,
      AccessKind kind,
      PersonId person,
      Link link,
      String device,
      String address) {
    return new Access(account, at, kind, person, link, 0, device, address);
  }

  /** A search that found {@code found} persons. */
  public static Access search(
      AccountId account, Instant at, int found, String device, String address) {
    return new Access(account, at, AccessKind.SEARCH, null, Link.NONE, found, device, address);
  }

  /** True when personal data left in the answer. */
  public boolean disclosed() {
    return kind == AccessKind.READ || kind == AccessKind.UPDATE;
  }
}
