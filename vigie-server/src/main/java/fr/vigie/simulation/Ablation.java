package fr.vigie.simulation;

import fr.vigie.detection.Ceilings;
import fr.vigie.detection.Detection;
import fr.vigie.detection.Detector;
import fr.vigie.detection.Detectors;
import fr.vigie.detection.Thresholds;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.LongConsumer;
import java.util.function.Supplier;

/**
 * What each detector contributes: the same evaluation, smaller, once with every detector and once
 * with each one switched off; persons leaked per scenario (median over the seeds) and wrongful
 * suspensions.
 */
public final class Ablation {
  private Ablation() {}

  /**
   * One row: the detector switched off ("none" for all of them on), its evaluation, and its
   * variants (null when none were drawn).
   */
  public record Row(String without, EvaluationResult result, Variants.Summary variants) {}

  /** A third of the seeds and a fifth of the advisor-days of {@code settings}, per row. */
  public static List<Row> run(Evaluation.Settings settings, LongConsumer progress)
      throws InterruptedException {
    return run(settings, List.of(), progress);
  }

  /** The same, and {@code variants} (whole) against each row's detectors. */
  public static List<Row> run(
      Evaluation.Settings settings, List<AttackScenario> variants, LongConsumer progress)
      throws InterruptedException {
    Evaluation.Settings smaller =
        settings.withSize(
            Math.max(3, settings.seeds() / 3), Math.max(1000, settings.advisorDays() / 5));
    List<Row> rows = new ArrayList<>();
    rows.add(row("none", () -> detection(Detectors.defaults()), smaller, variants, progress));
    rows.add(
        row(
            Detection.ACROSS_ACCOUNTS,
            () -> detection(Detectors.defaults()).withoutAcrossAccounts(),
            smaller,
            variants,
            progress));
    for (Detector off : Detectors.defaults()) {
      List<Detector> others =
          Detectors.defaults().stream().filter(d -> !d.name().equals(off.name())).toList();
      rows.add(row(off.name(), () -> detection(others), smaller, variants, progress));
    }
    return rows;
  }

  private static Detection detection(List<Detector> detectors) {
    return new Detection(Ceilings.defaults(), detectors, Thresholds.defaults());
  }

  private static Row row(
      String without,
      Supplier<Detection> detection,
      Evaluation.Settings settings,
      List<AttackScenario> variants,
      LongConsumer progress)
      throws InterruptedException {
    EvaluationResult result = Evaluation.run(settings.withDetection(detection), progress);
    Variants.Summary drawn =
        variants.isEmpty()
            ? null
            : Variants.run(
                variants, settings.personsPerAgency(), settings.threads(), detection, progress);
    return new Row(without, result, drawn);
  }

  /** A markdown table: one row per detector switched off, one column per scenario. */
  public static String markdown(List<Row> rows) {
    StringBuilder out = new StringBuilder("| switched off |");
    StringBuilder rule = new StringBuilder("|---|");
    for (EvaluationResult.ScenarioStats s : rows.getFirst().result().scenarios()) {
      out.append(' ').append(s.name()).append(" |");
      rule.append("---:|");
    }
    boolean drawn = rows.getFirst().variants() != null;
    if (drawn) {
      out.append(" variants: per account p95 | max | contained |");
      rule.append("---:|---:|---:|");
    }
    out.append(" wrongful suspensions per 10,000 |\n").append(rule).append("---:|\n");
    for (Row row : rows) {
      out.append("| ").append(row.without()).append(" |");
      for (EvaluationResult.ScenarioStats s : row.result().scenarios()) {
        out.append(' ').append(String.format(Locale.ROOT, "%.1f", s.leakedMedian())).append(" |");
      }
      if (drawn) {
        Variants.Summary v = row.variants();
        out.append(
            String.format(
                Locale.ROOT,
                " %.1f | %.1f | %.0f%% |",
                v.leakedPerAccountP95(),
                v.leakedPerAccountMax(),
                100 * v.containedShare()));
      }
      out.append(String.format(Locale.ROOT, " %.3f |", row.result().falseSuspensionsPer10k()))
          .append('\n');
    }
    return out.toString();
  }
}
