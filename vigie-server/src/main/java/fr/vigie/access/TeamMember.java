package fr.vigie.access;

import static java.util.Objects.requireNonNull;

import fr.vigie.identity.AccountId;

/**
 * One advisor of a manager's organization and how many persons its caseload holds: staff data and a
 * count, no person.
 */
public record TeamMember(AccountId advisor, String login, int caseload) {
  public TeamMember {
    requireNonNull(advisor, "advisor is null");
    requireNonNull(login, "login is null");
  }
}
