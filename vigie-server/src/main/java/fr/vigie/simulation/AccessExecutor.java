package fr.vigie.simulation;

import fr.vigie.detection.AccountMemory;
import java.time.Instant;

/**
 * Carries out simulated accesses: the in-memory {@link InMemoryExecutor} drives the real guard,
 * policy, ceilings and detectors directly; an executor over HTTP can drive a running server the
 * same way, with the same behaviours and attacks.
 */
public interface AccessExecutor {
  /** Attempts {@code access} as {@code account} and says what came back. */
  Outcome execute(SimulatedAccount account, SimulatedAccess access);

  /**
   * The session that attempted {@code asked} proves a fresh second factor, as asked by a {@link
   * Outcome#STEP_UP}: that session goes on; the account's other sessions that have not proved one
   * since the step-up was asked stay held (the server's guard, {@code AccountStateFilter}).
   */
  void stepUp(SimulatedAccount account, SimulatedAccess asked);

  /** A helpdesk recovers the account at {@code at} (the start of some attacks). */
  void recovered(SimulatedAccount account, Instant at);

  /** A security analyst releases a suspended account, having found nothing wrong. */
  void release(SimulatedAccount account, Instant at);

  /**
   * The detection restarts at {@code at}: it keeps what it stored of each account and the stored
   * containments, nothing else. Executors that cannot restart refuse it.
   */
  default void restart(Instant at) {
    throw new UnsupportedOperationException("this executor cannot restart the detection");
  }

  /**
   * What the detection's store held of {@code account} before the run began: the simulated agency
   * existed before its day 0. Executors with a store of their own ignore it.
   */
  default void usedBefore(SimulatedAccount account, AccountMemory memory) {}
}
