package fr.vigie.simulation;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeMap;

/** The evaluation's figures as a plain-text table and as Markdown for docs/evaluation.md. */
public final class EvaluationReport {
  private EvaluationReport() {}

  /** The table {@code vigie eval} prints. */
  public static String table(EvaluationResult r) {
    StringBuilder out = new StringBuilder();
    out.append(
        String.format(
            Locale.ROOT,
            "%-22s %8s %8s %8s %12s %10s | %8s %8s %8s%n",
            "scenario",
            "leaked",
            "p95",
            "max",
            "contain p95",
            "contained",
            "cap med",
            "cap p95",
            "cap max"));
    for (EvaluationResult.ScenarioStats s : r.scenarios()) {
      out.append(
          String.format(
              Locale.ROOT,
              "%-22s %8.1f %8.0f %8.0f %12s %9.0f%% | %8.1f %8.0f %8.0f%n",
              s.name(),
              s.leakedMedian(),
              s.leakedP95(),
              s.leakedMax(),
              seconds(s.containSecondsP95()),
              100 * s.containedShare(),
              s.capLeakedMedian(),
              s.capLeakedP95(),
              s.capLeakedMax()));
    }
    out.append(
        String.format(
            Locale.ROOT,
            "clean advisor-days %,d over %d agencies: %d wrongful suspensions, %.3f per 10,000"
                + " (95%% upper bound %.3f); %.4f step-ups, %.4f ceiling refusals per"
                + " advisor-day; %d throttles%n",
            r.advisorDays(),
            r.seeds(),
            r.falseSuspensions(),
            r.falseSuspensionsPer10k(),
            r.falseSuspensionsPer10kUpper(),
            r.stepUpsPerAdvisorDay(),
            r.refusalsPerAdvisorDay(),
            r.throttles()));
    if (!r.suspensionReasons().isEmpty()) {
      out.append("wrongful suspensions by reasons: ")
          .append(new TreeMap<>(r.suspensionReasons()))
          .append('\n');
    }
    out.append(
        String.format(
            Locale.ROOT,
            "baseline, a plain cap of %d distinct persons a day: blocks real advisors on %d"
                + " advisor-days, %.1f per 10,000 (95%% upper bound %.1f)%n",
            r.dailyCap(),
            r.capBlockedDays(),
            r.capBlocksPer10k(),
            r.capBlocksPer10kUpper()));
    return out.toString();
  }

  /** The same figures as Markdown. */
  public static String markdown(EvaluationResult r, String command, String when, String machine) {
    StringBuilder out = new StringBuilder();
    out.append("`")
        .append(command)
        .append("`, ")
        .append(when)
        .append(", ")
        .append(machine)
        .append(".\n\n");
    out.append(
        "| scenario | leaked median | leaked p95 | leaked max | contained after (p95) |"
            + " contained | daily cap: leaked median | p95 | max |\n");
    out.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|\n");
    for (EvaluationResult.ScenarioStats s : r.scenarios()) {
      out.append(
          String.format(
              Locale.ROOT,
              "| %s | %.1f | %.0f | %.0f | %s | %.0f%% | %.1f | %.0f | %.0f |%n",
              s.name(),
              s.leakedMedian(),
              s.leakedP95(),
              s.leakedMax(),
              seconds(s.containSecondsP95()),
              100 * s.containedShare(),
              s.capLeakedMedian(),
              s.capLeakedP95(),
              s.capLeakedMax()));
    }
    out.append(
        String.format(
            Locale.ROOT,
            "%n| clean run | Vigie | daily cap of %d persons |%n|---|---:|---:|%n",
            r.dailyCap()));
    out.append(
        String.format(
            Locale.ROOT, "| advisor-days | %,d | %,d |%n", r.advisorDays(), r.advisorDays()));
    out.append(
        String.format(
            Locale.ROOT,
            "| advisors wrongly stopped | %d suspensions | %d blocked days |%n",
            r.falseSuspensions(),
            r.capBlockedDays()));
    out.append(
        String.format(
            Locale.ROOT,
            "| per 10,000 advisor-days | %.3f | %.1f |%n",
            r.falseSuspensionsPer10k(),
            r.capBlocksPer10k()));
    out.append(
        String.format(
            Locale.ROOT,
            "| 95%% upper bound (Clopper-Pearson) | %.3f | %.1f |%n",
            r.falseSuspensionsPer10kUpper(),
            r.capBlocksPer10kUpper()));
    out.append(
        String.format(
            Locale.ROOT,
            "| step-ups per advisor-day | %.4f (%,d) | — |%n"
                + "| ceiling refusals per advisor-day | %.6f (%,d) | — |%n"
                + "| throttles | %,d | — |%n",
            r.stepUpsPerAdvisorDay(),
            r.stepUps(),
            r.refusalsPerAdvisorDay(),
            r.refusals(),
            r.throttles()));
    if (!r.suspensionReasons().isEmpty()) {
      out.append("\nWrongful suspensions by the detectors behind them: ");
      List<String> parts = new ArrayList<>();
      new TreeMap<>(r.suspensionReasons()).forEach((why, n) -> parts.add("`" + why + "` " + n));
      out.append(String.join(", ", parts)).append(".\n");
    }
    return out.toString();
  }

  /** Seconds, minutes, hours or days; "never" when some seed was never contained. */
  static String seconds(double seconds) {
    if (!Double.isFinite(seconds)) {
      return "never";
    }
    if (seconds < 60) {
      return String.format(Locale.ROOT, "%.2f s", seconds);
    }
    if (seconds < 3600) {
      return String.format(Locale.ROOT, "%.1f min", seconds / 60);
    }
    if (seconds < 86_400) {
      return String.format(Locale.ROOT, "%.1f h", seconds / 3600);
    }
    return String.format(Locale.ROOT, "%.1f d", seconds / 86_400);
  }
}
