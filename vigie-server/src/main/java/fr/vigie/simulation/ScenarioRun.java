package fr.vigie.simulation;

import java.util.Set;

/**
 * What one attack got in one simulated agency.
 *
 * @param leaked distinct persons whose data left in answers to the attacker's accounts
 * @param containSeconds from the attacker's first read that returned data to the containment of the
 *     last of its accounts; infinite when one was never contained within the scenario
 * @param refusals the attacker's accesses a ceiling refused
 * @param ceilings the names of the ceilings that refused them, such as {@code hourly}
 * @param ownPace every account was read at most at its owner's usual persons a working day
 */
public record ScenarioRun(
    int leaked, double containSeconds, int refusals, Set<String> ceilings, boolean ownPace) {
  public ScenarioRun {
    ceilings = Set.copyOf(ceilings);
  }

  /** Of an attack faster than its owners, or whose pace is not known. */
  public ScenarioRun(int leaked, double containSeconds, int refusals, Set<String> ceilings) {
    this(leaked, containSeconds, refusals, ceilings, false);
  }

  public boolean contained() {
    return Double.isFinite(containSeconds);
  }
}
