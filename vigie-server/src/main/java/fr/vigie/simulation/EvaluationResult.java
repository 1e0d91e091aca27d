package fr.vigie.simulation;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.List;
import java.util.Map;

/**
 * The figures of one evaluation: per scenario, persons leaked and time to containment over the
 * seeds, against Vigie and against the plain daily cap; over the clean advisor-days, wrongful
 * suspensions (with a 95% Clopper-Pearson upper bound), step-ups and ceiling refusals.
 */
public record EvaluationResult(
    int seeds,
    long advisorDays,
    long falseSuspensions,
    long stepUps,
    long throttles,
    long refusals,
    int dailyCap,
    long capBlockedDays,
    Map<String, Long> suspensionReasons,
    List<ScenarioStats> scenarios) {
  public EvaluationResult {
    suspensionReasons = Map.copyOf(suspensionReasons);
    scenarios = List.copyOf(scenarios);
  }

  /** One scenario over every seed. */
  public record ScenarioStats(
      String name,
      double leakedMedian,
      double leakedP95,
      double leakedMax,
      double containSecondsMedian,
      double containSecondsP95,
      double containedShare,
      double capLeakedMedian,
      double capLeakedP95,
      double capLeakedMax,
      long refusals,
      List<String> ceilings,
      boolean ownPace) {
    public ScenarioStats {
      ceilings = List.copyOf(ceilings);
    }

    /** Of an attack faster than its owners, or whose pace is not known. */
    public ScenarioStats(
        String name,
        double leakedMedian,
        double leakedP95,
        double leakedMax,
        double containSecondsMedian,
        double containSecondsP95,
        double containedShare,
        double capLeakedMedian,
        double capLeakedP95,
        double capLeakedMax,
        long refusals,
        List<String> ceilings) {
      this(
          name,
          leakedMedian,
          leakedP95,
          leakedMax,
          containSecondsMedian,
          containSecondsP95,
          containedShare,
          capLeakedMedian,
          capLeakedP95,
          capLeakedMax,
          refusals,
          ceilings,
          false);
    }

    /** Without the names of the ceilings met. */
    public ScenarioStats(
        String name,
        double leakedMedian,
        double leakedP95,
        double leakedMax,
        double containSecondsMedian,
        double containSecondsP95,
        double containedShare,
        double capLeakedMedian,
        double capLeakedP95,
        double capLeakedMax,
        long refusals) {
      this(
          name,
          leakedMedian,
          leakedP95,
          leakedMax,
          containSecondsMedian,
          containSecondsP95,
          containedShare,
          capLeakedMedian,
          capLeakedP95,
          capLeakedMax,
          refusals,
          List.of());
    }

    /** Without the count of refusals. */
    public ScenarioStats(
        String name,
        double leakedMedian,
        double leakedP95,
        double leakedMax,
        double containSecondsMedian,
        double containSecondsP95,
        double containedShare,
        double capLeakedMedian,
        double capLeakedP95,
        double capLeakedMax) {
      this(
          name,
          leakedMedian,
          leakedP95,
          leakedMax,
          containSecondsMedian,
          containSecondsP95,
          containedShare,
          capLeakedMedian,
          capLeakedP95,
          capLeakedMax,
          0);
    }

    static ScenarioStats of(String name, List<ScenarioRun> runs, List<ScenarioRun> cap) {
      double[] leaked = runs.stream().mapToDouble(ScenarioRun::leaked).toArray();
      double[] seconds = runs.stream().mapToDouble(ScenarioRun::containSeconds).toArray();
      double[] capLeaked = cap.stream().mapToDouble(ScenarioRun::leaked).toArray();
      return new ScenarioStats(
          name,
          Percentiles.median(leaked),
          Percentiles.percentile(leaked, 0.95),
          Percentiles.max(leaked),
          Percentiles.median(seconds),
          Percentiles.percentile(seconds, 0.95),
          runs.stream().filter(ScenarioRun::contained).count() / (double) runs.size(),
          Percentiles.median(capLeaked),
          Percentiles.percentile(capLeaked, 0.95),
          Percentiles.max(capLeaked),
          runs.stream().mapToLong(ScenarioRun::refusals).sum(),
          runs.stream().flatMap(run -> run.ceilings().stream()).distinct().sorted().toList(),
          runs.stream().allMatch(ScenarioRun::ownPace));
    }
  }

  public double falseSuspensionsPer10k() {
    return 10_000.0 * falseSuspensions / advisorDays;
  }

  /** The 95% Clopper-Pearson upper bound of wrongful suspensions per 10,000 advisor-days. */
  public double falseSuspensionsPer10kUpper() {
    return 10_000.0 * ClopperPearson.upper95(falseSuspensions, advisorDays);
  }

  public double stepUpsPerAdvisorDay() {
    return (double) stepUps / advisorDays;
  }

  public double refusalsPerAdvisorDay() {
    return (double) refusals / advisorDays;
  }

  /** Advisor-days on which the plain cap would have refused a real advisor, per 10,000. */
  public double capBlocksPer10k() {
    return 10_000.0 * capBlockedDays / advisorDays;
  }

  public double capBlocksPer10kUpper() {
    return 10_000.0 * ClopperPearson.upper95(capBlockedDays, advisorDays);
  }

  /** One JSON object on one line, as {@code vigie eval --json} ends with. */
  public String json() {
    StringBuilder out = new StringBuilder("{\"scenarios\":[");
    for (int i = 0; i < scenarios.size(); i++) {
      ScenarioStats s = scenarios.get(i);
      out.append(i == 0 ? "" : ",")
          .append("{\"name\":\"")
          .append(s.name().replace("\\", "\\\\").replace("\"", "\\\""))
          .append("\",\"leaked_median\":")
          .append(number(s.leakedMedian()))
          .append(",\"leaked_p95\":")
          .append(number(s.leakedP95()))
          .append(",\"leaked_max\":")
          .append(number(s.leakedMax()))
          .append(",\"contain_seconds_median\":")
          .append(number(s.containSecondsMedian()))
          .append(",\"contain_seconds_p95\":")
          .append(number(s.containSecondsP95()))
          .append(",\"contained_share\":")
          .append(number(s.containedShare()))
          .append(",\"baseline_leaked_median\":")
          .append(number(s.capLeakedMedian()))
          .append(",\"baseline_leaked_p95\":")
          .append(number(s.capLeakedP95()))
          .append(",\"baseline_leaked_max\":")
          .append(number(s.capLeakedMax()))
          .append(",\"refusals\":")
          .append(s.refusals())
          .append(",\"ceilings\":[")
          .append(String.join(",", s.ceilings().stream().map(c -> "\"" + c + "\"").toList()))
          .append("]}");
    }
    return out.append("],\"seeds\":")
        .append(seeds)
        .append(",\"advisor_days\":")
        .append(advisorDays)
        .append(",\"false_suspensions\":")
        .append(falseSuspensions)
        .append(",\"false_suspensions_per_10k\":")
        .append(number(falseSuspensionsPer10k()))
        .append(",\"false_suspensions_per_10k_upper\":")
        .append(number(falseSuspensionsPer10kUpper()))
        .append(",\"stepups_per_advisor_day\":")
        .append(number(stepUpsPerAdvisorDay()))
        .append(",\"throttles\":")
        .append(throttles)
        .append(",\"refusals_per_advisor_day\":")
        .append(number(refusalsPerAdvisorDay()))
        .append(",\"baseline\":{\"daily_cap\":")
        .append(dailyCap)
        .append(",\"blocked_advisor_days\":")
        .append(capBlockedDays)
        .append(",\"blocked_per_10k\":")
        .append(number(capBlocksPer10k()))
        .append(",\"blocked_per_10k_upper\":")
        .append(number(capBlocksPer10kUpper()))
        .append("}}")
        .toString();
  }

  /** A JSON number; a containment that never came is null. */
  static String number(double value) {
    if (!Double.isFinite(value)) {
      return "null";
    }
    return new BigDecimal(value).round(new MathContext(6)).stripTrailingZeros().toPlainString();
  }
}
