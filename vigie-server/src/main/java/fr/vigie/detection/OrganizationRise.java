package fr.vigie.detection;

import fr.vigie.identity.AccountId;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * An organization whose accounts, many at once, read several times their usual persons outside
 * their caseloads (or unexplained ones) today, or read in the last hour far faster than their usual
 * hour. One account reading more is the per-account detectors' business; here the evidence is that
 * the rise is shared: more accounts rise at once than the organization's own days and its peers'
 * have ever shown. Not thread-safe: {@link CrossAccount} locks it.
 */
final class OrganizationRise {
  static final String NAME = "organization-rise";

  /** Fewest accounts rising at once that say anything: one or two busy advisors are ordinary. */
  static final int MIN_ACCOUNTS = 3;

  /** How many times the usual number of rising accounts the organization must show. */
  static final double FOLD = 3;

  /** Fewest persons above the rising accounts' usual, all together. */
  static final int MIN_EXCESS = 15;

  static final int POINTS = 60;

  /**
   * How unlikely (log10) the account's unexplained persons of the last hour must be at its usual
   * hour (a Poisson tail) for the hour to count as hurried: a caseload read at a few times its
   * owner's pace, which no day's total shows yet.
   */
  static final double HURRIED_SURPRISE = 4;

  /** How long after its last hurried access an account still counts as rising. */
  static final Duration HURRIED_FOR = Duration.ofHours(1);

  /**
   * What one account did today, as its own history tells it, whether its last hour was hurried, and
   * whether it works from a place new to it ({@link NewPlaces}).
   */
  record Today(
      int outside,
      double usualOutside,
      int unexplained,
      double usualUnexplained,
      boolean hurried,
      boolean newPlace) {
    /** Rising today, or hurried now. */
    boolean rising() {
      return risingToday() || hurried;
    }

    /** Twice its usual persons outside the caseload and 3 more, or three times its unexplained. */
    boolean risingToday() {
      return outside >= usualOutside + Math.max(3, usualOutside)
          || unexplained >= usualUnexplained + Math.max(20, 2 * usualUnexplained);
    }

    double excess() {
      return Math.max(outside - usualOutside, unexplained - usualUnexplained);
    }
  }

  /**
   * True when {@code lastHour} unexplained persons are at most {@code 10^-HURRIED_SURPRISE} likely
   * at {@code usualHour} an hour.
   */
  static boolean hurried(double usualHour, int lastHour) {
    return -Binomial.log10PoissonUpperTail(usualHour, lastHour) >= HURRIED_SURPRISE;
  }

  /** An account counted as rising, and when it last was. */
  private record Rising(Today today, Instant at) {
    /** Rising today, or hurried within {@link #HURRIED_FOR} before {@code now}. */
    boolean counts(Instant now) {
      return today.risingToday() || !at.isBefore(now.minus(HURRIED_FOR));
    }
  }

  private final Map<String, Organization> organizations = new HashMap<>();
  private double peersRising;
  private long peerDays;

  /** False while a restart replays what was stored: those days were learned before it. */
  private boolean learning = true;

  /**
   * While {@code learning} is false (a restart replaying the stored week), the days it passes are
   * not taught again: what was stored holds them.
   */
  void learning(boolean learning) {
    this.learning = learning;
  }

  Optional<CrossFinding> observe(
      String organization, AccountId account, Instant at, LocalDate day, Today today) {
    Organization org = organizations.computeIfAbsent(organization, o -> new Organization());
    if (org.day != null && day.isBefore(org.day)) {
      // Replayed from before the day it holds (another node's, or a restart's): the days it
      // taught are in what it learned already.
      return Optional.empty();
    }
    if (!day.equals(org.day)) {
      org.close();
      org.day = day;
    }
    if (today.rising()) {
      org.rising.put(account, new Rising(today, at));
    } else {
      org.rising.remove(account);
    }
    Map<AccountId, Today> counted = org.counted(at);
    org.most = Math.max(org.most, counted.size());
    if (!org.alarmed && !org.riseAboveUsual(counted)) {
      return Optional.empty();
    }
    org.alarmed = true;
    Set<AccountId> fresh = new LinkedHashSet<>(counted.keySet());
    fresh.removeAll(org.named);
    if (fresh.isEmpty()) {
      return Optional.empty();
    }
    org.named.addAll(fresh);
    double excess = counted.values().stream().mapToDouble(Today::excess).sum();
    long hurried = counted.values().stream().filter(t -> !t.risingToday()).count();
    return Optional.of(
        new CrossFinding(
            NAME,
            POINTS,
            List.copyOf(fresh),
            counted.size()
                + " accounts of its organization read "
                + Math.round(excess)
                + " persons more than their usual today outside their caseloads or unexplained"
                + (hurried == 0
                    ? ""
                    : " (" + hurried + " of them far faster than their usual hour)")
                + ", against "
                + String.format(java.util.Locale.ROOT, "%.1f", org.usualRising())
                + " accounts rising on a usual day: "
                + CrossFinding.named(org.named)));
  }

  /** What each organization taught of its usual days, to be stored. */
  List<CrossMemory.Learned> learned() {
    return organizations.entrySet().stream()
        .filter(e -> e.getValue().days > 0)
        .map(
            e ->
                new CrossMemory.Learned(
                    e.getKey(), e.getValue().usual, e.getValue().days, e.getValue().risingSum))
        .toList();
  }

  /** Takes back what organizations taught, on a start, before any observation. */
  void learn(List<CrossMemory.Learned> learned) {
    for (CrossMemory.Learned one : learned) {
      Organization org = organizations.computeIfAbsent(one.organization(), o -> new Organization());
      peersRising += one.risingSum() - org.risingSum;
      peerDays += one.days() - org.days;
      org.usual = one.usual();
      org.days = one.days();
      org.risingSum = one.risingSum();
    }
  }

  /** One organization's accounts rising today and its usual count of them. */
  private final class Organization {
    LocalDate day;
    final Map<AccountId, Rising> rising = new HashMap<>();
    final Set<AccountId> named = new LinkedHashSet<>();
    int most;
    boolean alarmed;
    double usual;
    int days;
    double risingSum;

    /** Its usual rising accounts a day: its own days, and its peers' when it has few. */
    double usualRising() {
      double peers = peerDays == 0 ? 0 : peersRising / peerDays;
      return days < 10 ? Math.max(usual, peers) : Math.max(usual, peers / 2);
    }

    /** The accounts that count as rising at {@code now}, with what each did today. */
    Map<AccountId, Today> counted(Instant now) {
      Map<AccountId, Today> counted = new LinkedHashMap<>();
      rising.forEach(
          (account, r) -> {
            if (r.counts(now)) {
              counted.put(account, r.today());
            }
          });
      return counted;
    }

    boolean riseAboveUsual(Map<AccountId, Today> counted) {
      if (counted.size() < Math.max(MIN_ACCOUNTS, FOLD * usualRising())) {
        return false;
      }
      double excess = counted.values().stream().mapToDouble(Today::excess).sum();
      return excess >= MIN_EXCESS;
    }

    void close() {
      if (day == null) {
        return;
      }
      // An alarmed day is not taught as usual: an attack must not raise the bar for itself.
      if (!alarmed && learning) {
        days++;
        usual += (most - usual) / Math.min(days, 28);
        risingSum += most;
        peersRising += most;
        peerDays++;
      }
      rising.clear();
      named.clear();
      most = 0;
      alarmed = false;
    }
  }
}
