package fr.vigie.access;

import static java.util.Objects.requireNonNull;

import fr.vigie.identity.AccountId;
import java.time.Instant;

/**
 * A time-boxed relationship not revoked and not over yet, as its manager lists it: the grant, the
 * advisors, how many persons it names (never which), and its window.
 *
 * @param colleague for an absence cover, the advisor away; null otherwise
 */
public record HeldRelationship(
    TimeBoxedRelationship.Id id,
    TimeBoxedRelationship.Kind kind,
    AccountId advisor,
    AccountId colleague,
    int persons,
    Instant startsAt,
    Instant endsAt) {
  public HeldRelationship {
    requireNonNull(id, "id is null");
    requireNonNull(kind, "kind is null");
    requireNonNull(advisor, "advisor is null");
    requireNonNull(startsAt, "startsAt is null");
    requireNonNull(endsAt, "endsAt is null");
  }
}
