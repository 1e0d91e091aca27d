package fr.vigie.detection;

import fr.vigie.identity.AccountId;
import fr.vigie.registry.PersonId;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Out-of-caseload reads that walk the register in its order (the order of person ids: the order
 * persons were registered or imported), by one account or by several taking turns. Honest
 * out-of-caseload reads come in no order: among n of them the longest monotone subsequence is about
 * 2√n; a walk makes it as long as the walk. Not thread-safe: {@link CrossAccount} locks it.
 */
final class RegisterWalk {
  static final String NAME = "register-walk";

  /** How long a read counts. */
  static final Duration WINDOW = Duration.ofHours(24);

  /** Consecutive reads of one account in the register's order that make a walk. */
  static final int RUN = 8;

  /**
   * Consecutive reads of followed persons (a caseload, or a partner's referred persons: the whole
   * of a Cap emploi's organization) in the register's order that make a walk: longer than {@link
   * #RUN}, since an advisor reads its own persons all day (2 in 12! runs come by chance).
   */
  static final int FOLLOWED_RUN = 12;

  /** The fewest reads, over all the organization's accounts, in a monotone chain that count. */
  static final int MIN_CHAIN = 12;

  /** The organization's reads kept for the chain: a day of a busy organization's glass breaks. */
  static final int MOST_READS = 2000;

  static final int POINTS = 70;

  private record Read(PersonId person, AccountId account, Instant at) {}

  private record Run(PersonId last, int direction, int length, Instant at) {}

  private final Map<AccountId, Run> runs = new HashMap<>();
  private final Map<AccountId, Run> followedRuns = new HashMap<>();
  private final Map<String, ArrayDeque<Read>> streams = new HashMap<>();
  private final Map<String, Map<AccountId, Instant>> named = new HashMap<>();

  Optional<CrossFinding> observe(String organization, Access access) {
    if (access.disclosed() && access.link() == Link.FOLLOWED) {
      return followedWalk(organization, access);
    }
    if (!access.disclosed() || access.link() != Link.OUTSIDE) {
      return Optional.empty();
    }
    boolean ownWalk = extend(runs, access) >= RUN;
    ArrayDeque<Read> stream = streams.computeIfAbsent(organization, o -> new ArrayDeque<>());
    Instant since = access.at().minus(WINDOW);
    while (!stream.isEmpty()
        && (stream.size() >= MOST_READS || stream.peekFirst().at().isBefore(since))) {
      stream.removeFirst();
    }
    stream.addLast(new Read(access.person(), access.account(), access.at()));
    List<Read> reads = List.copyOf(stream);
    List<Read> chain = longer(longestMonotone(reads, 1), longestMonotone(reads, -1));
    Set<AccountId> involved = new LinkedHashSet<>();
    if (chain.size() >= threshold(reads.size())) {
      chain.forEach(r -> involved.add(r.account()));
    } else if (!ownWalk) {
      return Optional.empty();
    }
    involved.add(access.account());
    Map<AccountId, Instant> before = named.computeIfAbsent(organization, o -> new HashMap<>());
    List<AccountId> fresh =
        involved.stream().filter(a -> !before.getOrDefault(a, Instant.MIN).isAfter(since)).toList();
    if (fresh.isEmpty()) {
      return Optional.empty();
    }
    fresh.forEach(a -> before.put(a, access.at()));
    return Optional.of(
        new CrossFinding(
            NAME,
            POINTS,
            fresh,
            Math.max(chain.size(), runs.get(access.account()).length())
                + " persons read outside the caseload in the register's order within a day, of "
                + reads.size()
                + " such reads in the organization: "
                + CrossFinding.named(involved)));
  }

  /**
   * One account's reads of persons it follows in the register's order: a partner's advisors follow
   * every person referred to their organization, so a walk of it is not outside the caseload.
   */
  private Optional<CrossFinding> followedWalk(String organization, Access access) {
    int length = extend(followedRuns, access);
    if (length < FOLLOWED_RUN) {
      return Optional.empty();
    }
    Map<AccountId, Instant> before = named.computeIfAbsent(organization, o -> new HashMap<>());
    if (before.getOrDefault(access.account(), Instant.MIN).isAfter(access.at().minus(WINDOW))) {
      return Optional.empty();
    }
    before.put(access.account(), access.at());
    return Optional.of(
        new CrossFinding(
            NAME,
            POINTS,
            List.of(access.account()),
            length
                + " persons it follows read one after the other in the register's order within a"
                + " day: "
                + CrossFinding.named(Set.of(access.account()))));
  }

  /**
   * The length of a monotone run of random reads that a walk of {@code n} reads must pass: about
   * 2√n for reads in no order, with a margin of several times its spread (which grows as n^(1/6)).
   */
  static double threshold(int n) {
    return Math.max(MIN_CHAIN, 2 * Math.sqrt(n) + 4 * Math.pow(n, 1.0 / 6) + 4);
  }

  /** The length of the account's own consecutive reads in the register's order, in {@code runs}. */
  private static int extend(Map<AccountId, Run> runs, Access access) {
    Run run = runs.get(access.account());
    Run next;
    if (run == null || run.at().isBefore(access.at().minus(WINDOW))) {
      next = new Run(access.person(), 0, 1, access.at());
    } else {
      int direction = Integer.signum(compare(access.person(), run.last()));
      if (direction == 0) {
        next = new Run(run.last(), run.direction(), run.length(), access.at());
      } else if (run.direction() == 0 || direction == run.direction()) {
        next = new Run(access.person(), direction, run.length() + 1, access.at());
      } else {
        next = new Run(access.person(), direction, 2, access.at());
      }
    }
    runs.put(access.account(), next);
    return next.length();
  }

  /** The longest strictly monotone subsequence (in time order) of {@code reads}. */
  private static List<Read> longestMonotone(List<Read> reads, int direction) {
    int n = reads.size();
    int[] tails = new int[n];
    int[] previous = new int[n];
    int length = 0;
    for (int i = 0; i < n; i++) {
      int low = 0;
      int high = length;
      while (low < high) {
        int middle = (low + high) >>> 1;
        if (direction * compare(reads.get(tails[middle]).person(), reads.get(i).person()) < 0) {
          low = middle + 1;
        } else {
          high = middle;
        }
      }
      previous[i] = low > 0 ? tails[low - 1] : -1;
      tails[low] = i;
      length = Math.max(length, low + 1);
    }
    List<Read> chain = new ArrayList<>(length);
    for (int i = length == 0 ? -1 : tails[length - 1]; i >= 0; i = previous[i]) {
      chain.add(reads.get(i));
    }
    return chain.reversed();
  }

  private static List<Read> longer(List<Read> a, List<Read> b) {
    return a.size() >= b.size() ? a : b;
  }

  /** The register's order: person ids compared as unsigned numbers (UUID v7: time first). */
  static int compare(PersonId a, PersonId b) {
    int high =
        Long.compareUnsigned(
            a.value().getMostSignificantBits(), b.value().getMostSignificantBits());
    return high != 0
        ? high
        : Long.compareUnsigned(
            a.value().getLeastSignificantBits(), b.value().getLeastSignificantBits());
  }
}
