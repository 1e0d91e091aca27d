package fr.vigie.detection;

import static java.util.Objects.requireNonNull;

import fr.vigie.identity.AccountId;
import java.util.List;

/**
 * What a detector across accounts found: the accounts it implicates and a reason naming every
 * account involved, with account ids and counts only, never a person.
 *
 * @param accounts the accounts to contain now (those not implicated already by the same finding)
 */
public record CrossFinding(String detector, int points, List<AccountId> accounts, String reason) {
  public CrossFinding {
    requireNonNull(detector, "detector is null");
    accounts = List.copyOf(requireNonNull(accounts, "accounts is null"));
    requireNonNull(reason, "reason is null");
    if (points <= 0) {
      throw new IllegalArgumentException("points: must be positive");
    }
  }

  static String named(java.util.Collection<AccountId> accounts) {
    return accounts.stream()
        .map(a -> a.value().toString())
        .sorted()
        .collect(java.util.stream.Collectors.joining(", ", "accounts [", "]"));
  }
}
