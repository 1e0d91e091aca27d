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

/**
 * What each detector contributes: the same evaluation, smaller, once with every detector and once
 * with each one switched off; persons leaked per scenario (median over the seeds) and wrongful
 * suspensions.
 */
public final class Ablation {
  private Ablation() {}

  /** One row: the detector switched off ("none" for all of them on) and its evaluation. */
  public record Row(String without, EvaluationResult result) {}

  /** A third of the seeds and a fifth of the advisor-days of {@code settings}, per row. */
  public static List<Row> run(Evaluation.Settings settings, LongConsumer progress)
      throws InterruptedException {
    Evaluation.Settings smaller =
        settings.withSize(
            Math.max(3, settings.seeds() / 3), Math.max(1000, settings.advisorDays() / 5));
    List<Row> rows = new ArrayList<>();
    rows.add(new Row("none", Evaluation.run(smaller, progress)));
    rows.add(
        new Row(
            Detection.ACROSS_ACCOUNTS,
            Evaluation.run(
                smaller.withDetection(() -> Detection.withDefaults().withoutAcrossAccounts()),
                progress)));
    for (Detector off : Detectors.defaults()) {
      List<Detector> others =
          Detectors.defaults().stream().filter(d -> !d.name().equals(off.name())).toList();
      rows.add(
          new Row(
              off.name(),
              Evaluation.run(
                  smaller.withDetection(
                      () -> new Detection(Ceilings.defaults(), others, Thresholds.defaults())),
                  progress)));
    }
    return rows;
  }

  /** A markdown table: one row per detector switched off, one column per scenario. */
  public static String markdown(List<Row> rows) {
    StringBuilder out = new StringBuilder("| switched off |");
    StringBuilder rule = new StringBuilder("|---|");
    for (EvaluationResult.ScenarioStats s : rows.getFirst().result().scenarios()) {
      out.append(' ').append(s.name()).append(" |");
      rule.append("---:|");
    }
    out.append(" wrongful suspensions per 10,000 |\n").append(rule).append("---:|\n");
    for (Row row : rows) {
      out.append("| ").append(row.without()).append(" |");
      for (EvaluationResult.ScenarioStats s : row.result().scenarios()) {
        out.append(' ').append(String.format(Locale.ROOT, "%.1f", s.leakedMedian())).append(" |");
      }
      out.append(String.format(Locale.ROOT, " %.3f |", row.result().falseSuspensionsPer10k()))
          .append('\n');
    }
    return out.toString();
  }
}
