package fr.vigie.access;

import static java.util.Objects.requireNonNull;

import fr.vigie.registry.PersonId;

/**
 * A job seeker signed in to their own space: whom the read path serves when a person reads their
 * own file. In the audit log it is the actor {@code person:} and the person's id, so the journal
 * can show such reads as the person's own and the breach scoping never takes them for staff reads.
 *
 * @param source the pseudonymous network token of the request, as staff requests carry one
 */
public record Self(PersonId person, String source) {
  /** The audit log's actor prefix for a person acting on their own file. */
  public static final String ACTOR_PREFIX = "person:";

  public Self {
    requireNonNull(person, "person is null");
  }

  /** The actor of this person's audit entries. */
  public String auditActor() {
    return ACTOR_PREFIX + person.value();
  }
}
