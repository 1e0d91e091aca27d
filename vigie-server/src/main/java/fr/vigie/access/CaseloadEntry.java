package fr.vigie.access;

import static java.util.Objects.requireNonNull;

import fr.vigie.registry.PersonId;
import java.time.Instant;

/**
 * One person an advisor follows, by pseudonymous id only, and since when: assigned to its caseload
 * ({@link Basis#CASELOAD}) or referred to its partner organization ({@link Basis#REFERRAL}).
 */
public record CaseloadEntry(PersonId person, Basis basis, Instant since) {
  public CaseloadEntry {
    requireNonNull(person, "person is null");
    requireNonNull(basis, "basis is null");
    requireNonNull(since, "since is null");
  }
}
