package fr.vigie.simulation;

import java.util.Map;
import java.util.TreeMap;

/**
 * What one simulated agency gave: the clean advisors' counts, and each attack's run against Vigie
 * and against the plain daily cap, by scenario name.
 */
record ShardResult(
    ShardResult.Counts counts, Map<String, ScenarioRun> runs, Map<String, ScenarioRun> baseline) {

  /** What the clean advisors of one agency went through, from the end of the warm-up. */
  static final class Counts {
    long advisorDays;
    long stepUps;
    long throttles;
    long suspensions;
    long refusals;
    long capBlockedDays;

    /** Wrongful suspensions by the detectors behind them, such as "new-device+unfamiliar-place". */
    final Map<String, Long> suspensionReasons = new TreeMap<>();
  }
}
