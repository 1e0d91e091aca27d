package fr.vigie.detection;

import fr.vigie.identity.AccountId;
import fr.vigie.registry.PersonId;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The same person read within a week by several accounts that nothing links to it: no caseload, no
 * appointment, no manager's time-boxed list. Honest out-of-caseload reads are rare (the desk's odd
 * visitor) and spread over the organization; several accounts breaking the glass on the same
 * persons is a shared list being worked through. Not thread-safe: {@link CrossAccount} locks it.
 */
final class SharedPersons {
  static final String NAME = "shared-persons";

  /** How long a read counts. */
  static final Duration WINDOW = Duration.ofDays(7);

  /** Distinct unlinked accounts on one person that say something. */
  static final int ACCOUNTS = 3;

  static final int POINTS = 50;

  /** At most this many readers remembered for one person: past the threshold, more say nothing. */
  private static final int MOST_READERS = 32;

  private record Read(PersonId person, AccountId account, Instant at) {}

  private final Map<PersonId, Map<AccountId, Instant>> readers = new HashMap<>();
  private final Map<PersonId, Set<AccountId>> named = new HashMap<>();
  private final ArrayDeque<Read> reads = new ArrayDeque<>();

  Optional<CrossFinding> observe(Access access) {
    if (!access.disclosed() || access.link() != Link.OUTSIDE) {
      return Optional.empty();
    }
    forget(access.at().minus(WINDOW));
    Map<AccountId, Instant> seen =
        readers.computeIfAbsent(access.person(), p -> new LinkedHashMap<>());
    if (seen.size() >= MOST_READERS && !seen.containsKey(access.account())) {
      return Optional.empty();
    }
    seen.put(access.account(), access.at());
    reads.addLast(new Read(access.person(), access.account(), access.at()));
    if (seen.size() < ACCOUNTS) {
      return Optional.empty();
    }
    Set<AccountId> already = named.computeIfAbsent(access.person(), p -> new LinkedHashSet<>());
    Set<AccountId> fresh = new LinkedHashSet<>(seen.keySet());
    fresh.removeAll(already);
    if (fresh.isEmpty()) {
      return Optional.empty();
    }
    already.addAll(fresh);
    return Optional.of(
        new CrossFinding(
            NAME,
            POINTS,
            List.copyOf(fresh),
            seen.size()
                + " accounts with no link to one person read it outside their caseloads within "
                + WINDOW.toDays()
                + " days: "
                + CrossFinding.named(seen.keySet())));
  }

  private void forget(Instant before) {
    while (!reads.isEmpty() && reads.peekFirst().at().isBefore(before)) {
      Read old = reads.removeFirst();
      Map<AccountId, Instant> seen = readers.get(old.person());
      if (seen != null && !seen.getOrDefault(old.account(), Instant.MAX).isAfter(old.at())) {
        seen.remove(old.account());
        if (seen.isEmpty()) {
          readers.remove(old.person());
          named.remove(old.person());
        }
      }
    }
  }
}
