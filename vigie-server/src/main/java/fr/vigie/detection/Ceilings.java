package fr.vigie.detection;

import static java.util.Objects.requireNonNull;
import static java.util.stream.Collectors.toMap;

import fr.vigie.detection.AccountProfile.PeerGroup;
import fr.vigie.detection.Limit.Measure;
import fr.vigie.detection.Limit.OnBreach;
import fr.vigie.identity.OrganizationKind;
import fr.vigie.identity.Role;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The hard limits of every account, by role and organization kind, and how much tighter they get at
 * night, at weekends and in the days after a helpdesk recovery. They need no history: a new or
 * hijacked account has none, and a ceiling still stops it.
 *
 * @param limits the limits of each peer group; a group not listed has {@code fallback}
 * @param fallback the limits of any other group
 * @param zone where night and weekends are reckoned
 * @param nightStarts the first hour of the night
 * @param nightEnds the first hour of the day
 * @param offHoursFactor how much of a limit is left at night and at weekends
 * @param afterRecovery how long the tighter limits last after a recovery
 * @param afterRecoveryFactor how much of a limit is left then
 */
public record Ceilings(
    Map<PeerGroup, List<Limit>> limits,
    List<Limit> fallback,
    ZoneId zone,
    LocalTime nightStarts,
    LocalTime nightEnds,
    double offHoursFactor,
    Duration afterRecovery,
    double afterRecoveryFactor) {
  public Ceilings {
    limits = Map.copyOf(requireNonNull(limits, "limits is null"));
    fallback = List.copyOf(requireNonNull(fallback, "fallback is null"));
    requireNonNull(zone, "zone is null");
    requireNonNull(nightStarts, "nightStarts is null");
    requireNonNull(nightEnds, "nightEnds is null");
    requireNonNull(afterRecovery, "afterRecovery is null");
    checkFactor("offHoursFactor", offHoursFactor);
    checkFactor("afterRecoveryFactor", afterRecoveryFactor);
  }

  /**
   * Vigie's defaults. An advisor follows up to a few hundred persons and meets a few dozen a day;
   * the promise is "its own caseload and at most 50 others a day". Ten distinct persons within one
   * minute is no one's work: it suspends.
   */
  public static Ceilings defaults() {
    List<Limit> advisor =
        List.of(
            new Limit("burst", Measure.PERSONS, Duration.ofMinutes(1), 10, OnBreach.SUSPEND),
            new Limit("hourly", Measure.PERSONS, Duration.ofHours(1), 60, OnBreach.REFUSE),
            new Limit("daily", Measure.PERSONS, Duration.ofDays(1), 200, OnBreach.REFUSE),
            new Limit(
                "outside-daily", Measure.OUTSIDE_PERSONS, Duration.ofDays(1), 50, OnBreach.REFUSE),
            new Limit("searches", Measure.SEARCHES, Duration.ofHours(1), 60, OnBreach.REFUSE),
            new Limit(
                "empty-searches", Measure.EMPTY_SEARCHES, Duration.ofHours(1), 20, OnBreach.REFUSE),
            accessesPerMinute(30),
            accessesPerHour(600),
            changesPerHour(20));
    List<Limit> manager =
        List.of(
            new Limit("burst", Measure.PERSONS, Duration.ofMinutes(1), 10, OnBreach.SUSPEND),
            new Limit("hourly", Measure.PERSONS, Duration.ofHours(1), 30, OnBreach.REFUSE),
            new Limit("daily", Measure.PERSONS, Duration.ofDays(1), 100, OnBreach.REFUSE),
            new Limit("searches", Measure.SEARCHES, Duration.ofHours(1), 30, OnBreach.REFUSE),
            accessesPerMinute(30),
            accessesPerHour(600),
            changesPerHour(200));
    Map<PeerGroup, List<Limit>> byGroup = new HashMap<>();
    for (OrganizationKind kind : OrganizationKind.values()) {
      byGroup.put(new PeerGroup(kind, Role.ADVISOR), advisor);
      byGroup.put(new PeerGroup(kind, Role.MANAGER), manager);
    }
    List<Limit> others =
        List.of(
            new Limit("burst", Measure.PERSONS, Duration.ofMinutes(1), 5, OnBreach.SUSPEND),
            new Limit("daily", Measure.PERSONS, Duration.ofDays(1), 20, OnBreach.REFUSE),
            new Limit("searches", Measure.SEARCHES, Duration.ofHours(1), 10, OnBreach.REFUSE),
            accessesPerMinute(30),
            accessesPerHour(300),
            changesPerHour(10));
    return new Ceilings(
        byGroup,
        others,
        ZoneId.of("Europe/Paris"),
        LocalTime.of(20, 0),
        LocalTime.of(7, 0),
        0.25,
        Duration.ofDays(7),
        0.5);
  }

  /**
   * Every access, the same person read again included: one account once read one person 1,412 times
   * a second, each read one more audit entry, and no ceiling on distinct persons saw it.
   */
  private static Limit accessesPerMinute(int max) {
    return new Limit(
        "accesses-minute", Measure.ACCESSES, Duration.ofMinutes(1), max, OnBreach.REFUSE);
  }

  private static Limit accessesPerHour(int max) {
    return new Limit(
        "accesses-hourly", Measure.ACCESSES, Duration.ofHours(1), max, OnBreach.REFUSE);
  }

  /**
   * Referrals and assignments: a referral opens a person to a whole partner organization, so a
   * throttled or stolen account must not refer a caseload at full speed.
   */
  private static Limit changesPerHour(int max) {
    return new Limit("changes", Measure.CHANGES, Duration.ofHours(1), max, OnBreach.REFUSE);
  }

  /**
   * The same ceilings with some maxima changed, as settings name them: {@code ROLE.limit} for every
   * organization kind, or {@code ROLE.KIND.limit} for one, such as {@code ADVISOR.hourly} or {@code
   * ADVISOR.CAP_EMPLOI.outside-daily}. A name that matches no limit is an error, not a no-op.
   */
  public Ceilings withMaxima(Map<String, Integer> maxima) {
    Map<PeerGroup, List<Limit>> changed = new HashMap<>(limits);
    maxima.forEach(
        (key, max) -> {
          String[] parts = key.split("\\.");
          if (parts.length < 2 || parts.length > 3) {
            throw new IllegalArgumentException(
                "ceiling " + key + ": expected ROLE.limit or ROLE.KIND.limit");
          }
          Role role = Role.valueOf(parts[0].toUpperCase(java.util.Locale.ROOT));
          String name = parts[parts.length - 1];
          List<OrganizationKind> kinds =
              parts.length == 3
                  ? List.of(OrganizationKind.valueOf(parts[1].toUpperCase(java.util.Locale.ROOT)))
                  : List.of(OrganizationKind.values());
          for (OrganizationKind kind : kinds) {
            PeerGroup group = new PeerGroup(kind, role);
            List<Limit> current = changed.getOrDefault(group, fallback);
            if (current.stream().noneMatch(l -> l.name().equals(name))) {
              throw new IllegalArgumentException(
                  "ceiling " + key + ": " + role + " has no limit named " + name);
            }
            changed.put(
                group,
                current.stream().map(l -> l.name().equals(name) ? withMax(l, max) : l).toList());
          }
        });
    return new Ceilings(
        changed,
        fallback,
        zone,
        nightStarts,
        nightEnds,
        offHoursFactor,
        afterRecovery,
        afterRecoveryFactor);
  }

  /** The same ceilings with other factors for the night, the weekends and after a recovery. */
  public Ceilings withFactors(double offHours, Duration recoveryWatch, double afterRecoveryShare) {
    return new Ceilings(
        limits,
        fallback,
        zone,
        nightStarts,
        nightEnds,
        offHours,
        recoveryWatch,
        afterRecoveryShare);
  }

  private static Limit withMax(Limit limit, int max) {
    return new Limit(limit.name(), limit.measure(), limit.window(), max, limit.onBreach());
  }

  /** The same ceilings with {@code group}'s limits replaced. */
  public Ceilings with(PeerGroup group, List<Limit> groupLimits) {
    Map<PeerGroup, List<Limit>> changed = new HashMap<>(limits);
    changed.put(group, groupLimits);
    return new Ceilings(
        changed,
        fallback,
        zone,
        nightStarts,
        nightEnds,
        offHoursFactor,
        afterRecovery,
        afterRecoveryFactor);
  }

  /** The limits of {@code profile} at {@code at}, tightened for the night, weekend or recovery. */
  public List<Limit> limitsAt(AccountProfile profile, Instant at) {
    List<Limit> base = limits.getOrDefault(profile.peers(), fallback);
    double factor = factorAt(profile, at);
    if (factor == 1.0) {
      return base;
    }
    Map<Duration, Integer> floors = refusingFloors(base);
    Limit[] scaled = new Limit[base.size()];
    for (int i = 0; i < scaled.length; i++) {
      Limit limit = base.get(i);
      scaled[i] = scaledUnlessBurst(limit, factor, floors.getOrDefault(limit.window(), 0));
    }
    return List.of(scaled);
  }

  /**
   * The burst limit is already below any honest pace; tightening it would only catch the honest. A
   * limit that refuses stays above every limit that suspends over the same window: a quarter of the
   * accesses a minute at night (7) under the burst (10) would only pace a full-speed reader,
   * refused at its eighth access each minute and never suspended.
   */
  private static Limit scaledUnlessBurst(Limit limit, double factor, int floor) {
    if (limit.onBreach() == OnBreach.SUSPEND) {
      return limit;
    }
    Limit scaled = limit.scaled(factor);
    return scaled.max() >= floor
        ? scaled
        : new Limit(
            limit.name(),
            limit.measure(),
            limit.window(),
            Math.min(floor, limit.max()),
            limit.onBreach());
  }

  /** Per window, one more than the largest limit that suspends over it. */
  private static Map<Duration, Integer> refusingFloors(List<Limit> limits) {
    return limits.stream()
        .filter(l -> l.onBreach() == OnBreach.SUSPEND)
        .collect(toMap(Limit::window, l -> l.max() + 1, Math::max));
  }

  /** The smallest factor among those that apply at {@code at}: 1 in working hours. */
  double factorAt(AccountProfile profile, Instant at) {
    double factor = 1.0;
    if (offHours(at)) {
      factor = Math.min(factor, offHoursFactor);
    }
    if (profile.recoveredAt() != null
        && !at.isBefore(profile.recoveredAt())
        && at.isBefore(profile.recoveredAt().plus(afterRecovery))) {
      factor = Math.min(factor, afterRecoveryFactor);
    }
    return factor;
  }

  /** At night or at a weekend, in the ceilings' zone. */
  public boolean offHours(Instant at) {
    ZonedDateTime local = at.atZone(zone);
    DayOfWeek day = local.getDayOfWeek();
    if (day == DayOfWeek.SATURDAY || day == DayOfWeek.SUNDAY) {
      return true;
    }
    LocalTime time = local.toLocalTime();
    return nightStarts.isAfter(nightEnds)
        ? !time.isBefore(nightStarts) || time.isBefore(nightEnds)
        : !time.isBefore(nightStarts) && time.isBefore(nightEnds);
  }

  /**
   * The night or weekend {@code at} belongs to, by the day it began on: a night runs past midnight
   * to the first hour of the day, and a weekend, from Friday evening to Monday morning, is one
   * period (its Friday). Meaningful for an instant {@link #offHours} holds.
   */
  public LocalDate offHoursPeriod(Instant at) {
    LocalDate day =
        at.atZone(zone)
            .minusHours(nightEnds.getHour())
            .minusMinutes(nightEnds.getMinute())
            .toLocalDate();
    return switch (day.getDayOfWeek()) {
      case SATURDAY -> day.minusDays(1);
      case SUNDAY -> day.minusDays(2);
      default -> day;
    };
  }

  /** The longest window of any limit: how far back the counters must remember. */
  Duration longestWindow() {
    Duration longest = Duration.ZERO;
    for (List<Limit> group : limits.values()) {
      for (Limit limit : group) {
        longest = limit.window().compareTo(longest) > 0 ? limit.window() : longest;
      }
    }
    for (Limit limit : fallback) {
      longest = limit.window().compareTo(longest) > 0 ? limit.window() : longest;
    }
    return longest;
  }

  private static void checkFactor(String name, double factor) {
    if (!(factor > 0 && factor <= 1)) {
      throw new IllegalArgumentException(name + ": must be in (0, 1]");
    }
  }
}
