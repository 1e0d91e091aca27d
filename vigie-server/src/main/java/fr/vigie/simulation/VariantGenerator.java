package fr.vigie.simulation;

import fr.vigie.identity.OrganizationKind;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;

/**
 * Draws attack scenarios from ranges of every field (docs/evaluation.md, "Random attack variants"):
 * 1 to 100 accounts, a pace from one a day to full speed, any hours, the owner's or a new device
 * and network, each kind of target, dormancy, recovery or not, restarts of the detection.
 * Deterministic by seed: variant {@code i} of seed {@code s} is always the same file.
 */
public final class VariantGenerator {
  private static final OrganizationKind[] KINDS = {
    null,
    OrganizationKind.FRANCE_TRAVAIL_AGENCY,
    OrganizationKind.CAP_EMPLOI,
    OrganizationKind.MISSION_LOCALE
  };

  private VariantGenerator() {}

  /** {@code count} variants of {@code seed}. */
  public static List<AttackScenario> draw(int count, long seed) {
    List<AttackScenario> all = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      all.add(variant(seed, i));
    }
    return all;
  }

  static AttackScenario variant(long seed, int i) {
    SplitMix64 r = SplitMix64.forIndex(seed ^ 0x5641_5249_414EL, i);
    // Log-uniform from 1 to 100: as many single accounts as large groups.
    int accounts = (int) Math.min(100, Math.floor(Math.pow(101, r.nextDouble())));
    OrganizationKind kind = accounts <= 10 ? KINDS[r.nextInt(KINDS.length)] : null;
    int startDay = r.between(44, 50);
    LocalTime startTime = LocalTime.ofSecondOfDay(r.between(0, 95) * 900L);
    boolean recovery = r.chance(0.1);
    int dormantDays = !recovery && r.chance(0.15) ? r.between(31, 120) : 0;
    boolean ownerWorks = !recovery && dormantDays == 0 && r.chance(0.7);
    AttackScenario.Per per = AttackScenario.Per.values()[r.nextInt(5)];
    double reads =
        switch (per) {
          case SECOND -> r.between(1, 15);
          case MINUTE -> 0.5 + r.nextInt(18) / 2.0;
          case HOUR -> r.between(2, 60);
          case DAY -> r.between(1, 200);
          case USUAL_DAY -> 0.2 + r.nextInt(19) / 10.0;
        };
    AttackScenario.Targets targets =
        r.chance(0.1)
            ? AttackScenario.Targets.SEARCH_SWEEP
            : r.chance(0.5)
                ? AttackScenario.Targets.FOLLOWED
                : r.chance(0.3)
                    ? AttackScenario.Targets.ORGANIZATION_WALK
                    : AttackScenario.Targets.ORGANIZATION;
    double drawnDuration = r.between(2, 28);
    List<Integer> restarts = new ArrayList<>();
    if (r.chance(0.2)) {
      restarts.add(startDay + r.nextInt((int) drawnDuration));
    }
    List<AttackScenario.Window> hours = hours(r);
    // Weekend hours drawn with a few weekdays would never act: an attack that made no access is
    // neither contained nor not. The span is stretched to the end of the first window it meets.
    double duration = Math.max(drawnDuration, daysToFirstWindowEnd(startDay, startTime, hours));
    return new AttackScenario(
        "variant-" + seed + "-" + i,
        "drawn by vigie eval --variants (seed " + seed + ", number " + i + ")",
        accounts,
        kind,
        startDay,
        startTime,
        recovery,
        dormantDays,
        ownerWorks,
        reads,
        per,
        hours,
        r.chance(0.5),
        r.chance(0.5),
        r.chance(0.85),
        targets,
        0.02 + r.nextInt(19) / 100.0,
        duration,
        r.between(5, 120),
        restarts,
        AttackScenario.Act.READ,
        0,
        0);
  }

  /**
   * Days from the start at {@code startDay} and {@code startTime} to the end of the first of {@code
   * windows} that applies after it (local time of the simulated calendar).
   */
  static double daysToFirstWindowEnd(
      int startDay, LocalTime startTime, List<AttackScenario.Window> windows) {
    int start = startTime.toSecondOfDay();
    for (int day = startDay; day < startDay + 8; day++) {
      boolean weekend = SimulatedCalendar.weekend(SimulatedCalendar.START.plusDays(day));
      int earliestEnd = Integer.MAX_VALUE;
      for (AttackScenario.Window window : windows) {
        if (window.applies(weekend) && (day > startDay || window.toSecond() > start)) {
          earliestEnd = Math.min(earliestEnd, window.toSecond());
        }
      }
      if (earliestEnd != Integer.MAX_VALUE) {
        return (day - startDay) + (earliestEnd - start) / 86_400.0;
      }
    }
    throw new IllegalArgumentException("hours: no window applies on any day of a week");
  }

  private static List<AttackScenario.Window> hours(SplitMix64 r) {
    AttackScenario.Days weekdays = AttackScenario.Days.WEEKDAYS;
    AttackScenario.Days weekends = AttackScenario.Days.WEEKENDS;
    AttackScenario.Days all = AttackScenario.Days.ALL;
    return switch (r.nextInt(6)) {
      case 0 -> List.of(new AttackScenario.Window(all, 0, 86_400));
      case 1 -> List.of(new AttackScenario.Window(weekdays, 9 * 3600, 17 * 3600));
      case 2 ->
          List.of(
              new AttackScenario.Window(weekdays, 18 * 3600, 86_400),
              new AttackScenario.Window(weekends, 8 * 3600, 86_400));
      case 3 ->
          List.of(
              new AttackScenario.Window(all, 22 * 3600, 86_400),
              new AttackScenario.Window(all, 0, 5 * 3600));
      case 4 -> List.of(new AttackScenario.Window(weekends, 10 * 3600, 18 * 3600));
      default -> {
        int from = r.between(0, 22) * 3600;
        int to = Math.min(86_400, from + r.between(1, 10) * 3600);
        yield List.of(new AttackScenario.Window(r.chance(0.5) ? all : weekdays, from, to));
      }
    };
  }

  /**
   * True for an attack that cannot be told from the owner's own work: its own caseload, at most its
   * own pace, from its own PC and network, in working hours on weekdays, with the owner at work.
   * Need-to-know bounds it to the caseload; the evaluation reports it apart.
   */
  static boolean indistinguishable(AttackScenario s) {
    return indistinguishable(s, false);
  }

  /**
   * The same, where {@code ownPace} says that the run found the attack's persons a working day (at
   * a pace per second, minute, hour or day) at most each owner's usual day.
   */
  static boolean indistinguishable(AttackScenario s, boolean ownPace) {
    boolean workingHours =
        s.windows().stream()
            .allMatch(
                w ->
                    w.days() == AttackScenario.Days.WEEKDAYS
                        && w.fromSecond() >= 7 * 3600
                        && w.toSecond() <= 19 * 3600);
    return s.targets() == AttackScenario.Targets.FOLLOWED
        && !s.newDevice()
        && !s.newAddress()
        && s.ownerKeepsWorking()
        && !s.recovery()
        && s.dormantDays() == 0
        && workingHours
        && (ownPace || (s.per() == AttackScenario.Per.USUAL_DAY && s.reads() <= 1.0));
  }
}
