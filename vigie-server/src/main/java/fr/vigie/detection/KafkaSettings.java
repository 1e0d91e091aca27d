package fr.vigie.detection;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.Environment;

/**
 * The {@code vigie.events.kafka.*} settings: with {@code bootstrap-servers} set, the access events
 * go through Kafka instead of the in-process bus.
 *
 * @param topic the access events topic, created with {@code partitions} partitions when missing
 * @param group the detectors' consumer group: every node of one deployment uses the same
 * @param ackTimeout how long a read waits for the broker's acknowledgement before it is refused
 * @param client further Kafka client settings (TLS, SASL), given to the producer, the consumer and
 *     the admin client as they are
 */
record KafkaSettings(
    String bootstrapServers,
    String topic,
    String group,
    int partitions,
    Duration ackTimeout,
    Map<String, String> client) {
  private static final String PREFIX = "vigie.events.kafka.";

  KafkaSettings {
    requireNonNull(bootstrapServers, "bootstrapServers is null");
    requireNonNull(topic, "topic is null");
    requireNonNull(group, "group is null");
    requireNonNull(ackTimeout, "ackTimeout is null");
    client = Map.copyOf(client);
    if (partitions < 1) {
      throw new IllegalArgumentException(PREFIX + "partitions: at least 1");
    }
    if (ackTimeout.toMillis() < 1_000) {
      throw new IllegalArgumentException(PREFIX + "ack-timeout: at least one second");
    }
  }

  /** The settings, or empty when {@code vigie.events.kafka.bootstrap-servers} is not set. */
  static Optional<KafkaSettings> from(Environment environment) {
    Binder binder = Binder.get(environment);
    Optional<String> servers =
        Optional.ofNullable(binder.bind(PREFIX + "bootstrap-servers", String.class).orElse(null))
            .map(String::strip);
    if (servers.isEmpty() || servers.get().isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(
        new KafkaSettings(
            servers.get(),
            binder.bind(PREFIX + "topic", String.class).orElse("vigie.access-events"),
            binder.bind(PREFIX + "group", String.class).orElse("vigie-detectors"),
            binder.bind(PREFIX + "partitions", Integer.class).orElse(12),
            binder.bind(PREFIX + "ack-timeout", Duration.class).orElse(Duration.ofSeconds(5)),
            binder
                .bind(PREFIX + "client", Bindable.mapOf(String.class, String.class))
                .orElse(Map.of())));
  }

  @Override
  public String toString() {
    // Client settings may hold a SASL password: named, never shown.
    return "KafkaSettings[" + bootstrapServers + ", topic=" + topic + ", group=" + group + "]";
  }
}
