package fr.vigie.simulation;

import fr.vigie.identity.ContainmentState;
import java.time.Instant;
import java.util.List;

/**
 * Hears what an executor learns of containment: an account's state rose (with the detectors behind
 * it), or a ceiling refused one of its accesses. The in-memory executor hears it from {@code
 * Detection} itself; an executor against a server reads it from the alerts.
 */
public interface ContainmentListener {
  /**
   * @param detectors the names of the detectors or ceilings behind the rise, such as {@code
   *     new-device} or {@code ceiling:burst}
   */
  void raised(SimulatedAccount account, ContainmentState state, Instant at, List<String> detectors);

  /**
   * A ceiling refused an access of {@code account}; {@code ceiling} names it, such as {@code
   * hourly}.
   */
  void refused(SimulatedAccount account, Instant at, String ceiling);
}
