package fr.vigie.simulation;

/**
 * Makes the executor of one simulated agency: {@link InMemoryExecutor#factory} for the evaluation,
 * an executor over HTTP for a run through a whole server.
 */
@FunctionalInterface
public interface ExecutorFactory {
  AccessExecutor create(SyntheticAgency agency, ContainmentListener listener);
}
