package fr.vigie.detection;

import static java.util.Objects.requireNonNull;

import fr.vigie.identity.AccountId;
import fr.vigie.registry.PersonId;
import java.time.Instant;
import java.util.List;

/**
 * What the detectors across accounts remember beyond a restart: what each organization taught them
 * of its usual days ({@link Learned}), and the recent observations that hold their state (reads
 * outside the caseloads, accounts rising), which a new {@link CrossAccount} replays in order.
 * Pseudonymous ids and counts only. The server stores both in PostgreSQL ({@code CrossStore}), and
 * every node replays the others' observations, so each one's detectors see the whole organization.
 */
public record CrossMemory(List<Learned> learned, List<Observation> observations) {
  public CrossMemory {
    learned = List.copyOf(requireNonNull(learned, "learned is null"));
    observations = List.copyOf(requireNonNull(observations, "observations is null"));
  }

  /**
   * One organization's usual days: its usual number of accounts rising a day, how many days taught
   * it, and the sum of those days' counts (what its peers learn from it).
   */
  public record Learned(String organization, double usual, int days, double risingSum) {
    public Learned {
      requireNonNull(organization, "organization is null");
    }
  }

  /**
   * One disclosed access the detectors across accounts keep: its account, organization, person,
   * link and time, and what the account's own history said of its day then.
   */
  public record Observation(
      String organization,
      AccountId account,
      PersonId person,
      Link link,
      Instant at,
      OrganizationRise.Today today) {
    public Observation {
      requireNonNull(organization, "organization is null");
      requireNonNull(account, "account is null");
      requireNonNull(person, "person is null");
      requireNonNull(link, "link is null");
      requireNonNull(at, "at is null");
      requireNonNull(today, "today is null");
    }

    /** The access as the detectors saw it (device and network play no part across accounts). */
    Access access() {
      return Access.of(account, at, AccessKind.READ, person, link, "-", "-");
    }

    @Override
    public String toString() {
      return "Observation[organization="
          + organization
          + ", account="
          + account
          + ", at="
          + at
          + "]";
    }
  }
}
