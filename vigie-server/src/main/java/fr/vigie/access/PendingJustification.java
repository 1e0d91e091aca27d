package fr.vigie.access;

import static java.util.Objects.requireNonNull;

import fr.vigie.identity.AccountId;
import fr.vigie.registry.PersonId;
import java.time.Instant;

/**
 * A justification waiting for its manager's review. The text is staff-written and may name the
 * person, so {@code toString} leaves it out; it is null once the person was erased.
 */
public record PendingJustification(
    JustificationId id,
    AccountId account,
    PersonId person,
    ReasonCode reason,
    Instant createdAt,
    String text) {
  /** The most a review queue returns at once. */
  public static final int MAX_LIMIT = 200;

  public PendingJustification {
    requireNonNull(id, "id is null");
    requireNonNull(account, "account is null");
    requireNonNull(person, "person is null");
    requireNonNull(reason, "reason is null");
    requireNonNull(createdAt, "createdAt is null");
  }

  @Override
  public String toString() {
    return "PendingJustification[id=" + id + ", account=" + account + ", reason=" + reason + "]";
  }
}
