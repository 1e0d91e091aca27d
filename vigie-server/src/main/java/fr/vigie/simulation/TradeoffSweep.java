package fr.vigie.simulation;

import fr.vigie.detection.Ceilings;
import fr.vigie.detection.Detection;
import fr.vigie.detection.Detectors;
import fr.vigie.detection.Limit;
import fr.vigie.detection.Thresholds;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.LongConsumer;

/**
 * The trade-off between persons leaked and advisors wrongly suspended: the same evaluation,
 * smaller, with the suspension threshold and the suspending ceilings scaled by several factors.
 */
public final class TradeoffSweep {
  /** The factors applied to the suspension threshold and the suspending ceilings. */
  static final double[] FACTORS = {0.5, 0.7, 0.85, 1.0, 1.25, 1.6, 2.0};

  private TradeoffSweep() {}

  /** One evaluation per factor, a fifth of the advisor-days and a third of the seeds each. */
  public static Sweep run(Evaluation.Settings settings, LongConsumer progress)
      throws InterruptedException {
    Evaluation.Settings smaller =
        settings.withSize(
            Math.max(3, settings.seeds() / 3), Math.max(1000, settings.advisorDays() / 5));
    List<Point> points = new ArrayList<>();
    for (double factor : FACTORS) {
      EvaluationResult result =
          Evaluation.run(smaller.withDetection(() -> scaled(factor)), progress);
      points.add(new Point(factor, result));
    }
    return new Sweep(smaller, points);
  }

  /** Vigie's defaults with the suspension threshold and the suspending ceilings times {@code f}. */
  public static Detection scaled(double f) {
    Thresholds base = Thresholds.defaults();
    int suspend = Math.max(2, (int) Math.round(base.suspend() * f));
    int throttle = Math.min(base.throttle(), suspend);
    int stepUp = Math.min(base.stepUp(), throttle);
    Ceilings ceilings = Ceilings.defaults();
    Map<fr.vigie.detection.AccountProfile.PeerGroup, List<Limit>> limits = new HashMap<>();
    ceilings.limits().forEach((group, list) -> limits.put(group, scaled(list, f)));
    Ceilings scaledCeilings =
        new Ceilings(
            limits,
            scaled(ceilings.fallback(), f),
            ceilings.zone(),
            ceilings.nightStarts(),
            ceilings.nightEnds(),
            ceilings.offHoursFactor(),
            ceilings.afterRecovery(),
            ceilings.afterRecoveryFactor());
    return new Detection(
        scaledCeilings,
        Detectors.defaults(),
        new Thresholds(stepUp, throttle, suspend, base.detectorsToSuspend()));
  }

  private static List<Limit> scaled(List<Limit> limits, double f) {
    return limits.stream()
        .map(
            l ->
                l.onBreach() == Limit.OnBreach.SUSPEND
                    ? new Limit(
                        l.name(),
                        l.measure(),
                        l.window(),
                        Math.max(1, (int) Math.round(l.max() * f)),
                        l.onBreach())
                    : l)
        .toList();
  }

  /** One factor and what it gave. */
  public record Point(double factor, EvaluationResult result) {
    double leaked(String scenario) {
      return result.scenarios().stream()
          .filter(s -> s.name().equals(scenario))
          .mapToDouble(EvaluationResult.ScenarioStats::leakedP95)
          .findFirst()
          .orElse(Double.NaN);
    }

    double leakedAll() {
      return result.scenarios().stream()
          .mapToDouble(EvaluationResult.ScenarioStats::leakedMedian)
          .sum();
    }
  }

  /** The points of a sweep. */
  public record Sweep(Evaluation.Settings settings, List<Point> points) {
    public String table() {
      StringBuilder out =
          new StringBuilder(
              String.format(
                  Locale.ROOT,
                  "sweep (%d seeds, %,d advisor-days each)%n%8s %12s %12s %14s %16s%n",
                  settings.seeds(),
                  settings.advisorDays(),
                  "factor",
                  "susp/10k",
                  "upper/10k",
                  "leaked (sum)",
                  "low-and-slow-20"));
      for (Point p : points) {
        out.append(
            String.format(
                Locale.ROOT,
                "%8.2f %12.3f %12.3f %14.1f %16.0f%n",
                p.factor(),
                p.result().falseSuspensionsPer10k(),
                p.result().falseSuspensionsPer10kUpper(),
                p.leakedAll(),
                p.leaked("low-and-slow-20")));
      }
      return out.toString();
    }

    public String markdown() {
      StringBuilder out =
          new StringBuilder(
              String.format(
                  Locale.ROOT,
                  "Each point: %d seeds, %,d clean advisor-days.%n%n"
                      + "| factor | wrongful suspensions per 10,000 | 95%% upper bound |"
                      + " leaked, sum of scenario medians | low-and-slow-20 leaked p95 |"
                      + " replay-2024 leaked p95 |%n|---:|---:|---:|---:|---:|---:|%n",
                  settings.seeds(),
                  settings.advisorDays()));
      for (Point p : points) {
        out.append(
            String.format(
                Locale.ROOT,
                "| %.2f | %.3f | %.3f | %.1f | %.0f | %.0f |%n",
                p.factor(),
                p.result().falseSuspensionsPer10k(),
                p.result().falseSuspensionsPer10kUpper(),
                p.leakedAll(),
                p.leaked("low-and-slow-20"),
                p.leaked("replay-2024")));
      }
      return out.toString();
    }

    public void plot(Path file) throws IOException {
      TradeoffPlot.draw(this, file);
    }
  }
}
