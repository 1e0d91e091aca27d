package fr.vigie.simulation;

/**
 * What one attack got in one simulated agency.
 *
 * @param leaked distinct persons whose data left in answers to the attacker's accounts
 * @param containSeconds from the attacker's first read that returned data to the containment of the
 *     last of its accounts; infinite when one was never contained within the scenario
 * @param refusals the attacker's accesses a ceiling refused
 */
public record ScenarioRun(int leaked, double containSeconds, int refusals) {
  public boolean contained() {
    return Double.isFinite(containSeconds);
  }
}
