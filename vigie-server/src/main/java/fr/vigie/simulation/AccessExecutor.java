package fr.vigie.simulation;

/**
 * Carries out simulated accesses: the in-memory {@link InMemoryExecutor} drives the real guard,
 * policy, ceilings and detectors directly; an executor over HTTP can drive a running server the
 * same way, with the same behaviours.
 */
public interface AccessExecutor {
  /** Attempts {@code access} as {@code account} and says what came back. */
  Outcome execute(SimulatedAccount account, SimulatedAccess access);

  /** The account's session proves a fresh second factor, as asked by a {@link Outcome#STEP_UP}. */
  void stepUp(SimulatedAccount account, java.time.Instant at);
}
