package fr.vigie.detection;

import static java.util.Objects.requireNonNull;

import fr.vigie.identity.AccountId;
import fr.vigie.identity.ContainmentState;
import fr.vigie.registry.PersonId;
import java.time.Instant;
import java.util.List;

/**
 * An account's containment changed: to what, why, and whom it touched in the last day. The reasons
 * and the persons' pseudonymous ids go to the security analyst's alert; nothing here is personal.
 *
 * @param touched the persons disclosed to the account in the 24 hours before, oldest first
 */
public record Verdict(
    AccountId account,
    ContainmentState state,
    int score,
    List<Signal> reasons,
    Instant at,
    List<PersonId> touched) {
  public Verdict {
    requireNonNull(account, "account is null");
    requireNonNull(state, "state is null");
    reasons = List.copyOf(requireNonNull(reasons, "reasons is null"));
    requireNonNull(at, "at is null");
    touched = List.copyOf(requireNonNull(touched, "touched is null"));
  }

  @Override
  public String toString() {
    return "Verdict[account="
        + account
        + ", state="
        + state
        + ", score="
        + score
        + ", reasons="
        + reasons.stream().map(Signal::detector).toList()
        + ", touched="
        + touched.size()
        + "]";
  }
}
