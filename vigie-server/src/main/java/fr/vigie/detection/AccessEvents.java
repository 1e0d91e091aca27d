package fr.vigie.detection;

import java.time.Duration;

/**
 * The bus that carries each access to the detectors: in process by default ({@link
 * InProcessAccessEvents}), on Apache Kafka with {@code vigie.events.kafka.bootstrap-servers} set
 * ({@link KafkaAccessEvents}). Either way each account's accesses reach the detectors in order, and
 * each once.
 */
interface AccessEvents extends AutoCloseable {
  /**
   * Hands {@code access} to the bus; returns once the bus holds it (for Kafka, once the broker
   * acknowledged it).
   */
  void publish(AccountProfile profile, Access access);

  /** Accesses on the bus not yet seen by the detectors: the bus's lag, in accesses. */
  long pending();

  /** Waits until every access published here so far has been applied; false on timeout. */
  boolean drain(Duration timeout) throws InterruptedException;

  @Override
  void close() throws InterruptedException;
}
