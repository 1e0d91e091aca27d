package fr.vigie.detection;

/**
 * The bus that carries each access to the detectors. In process by default ({@link
 * InProcessAccessEvents}); past one machine a Kafka topic partitioned by account implements it: the
 * producer keys each record by {@code access.account()}, and the consumer of each partition hands
 * the records, in order, to {@link AccessWatch#observe}.
 */
public interface AccessEvents {
  /** Hands {@code access} to the detectors; returns at once. */
  void publish(AccountProfile profile, Access access);
}
