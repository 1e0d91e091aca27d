package fr.vigie.detection;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * The Kafka clients' settings of the access event bus, and its topic: what Vigie requires
 * (acks=all, idempotence, the acknowledgement within the read's wait, manual commits) over what the
 * operator gives in {@code vigie.events.kafka.client.*}.
 */
final class KafkaClients {
  private KafkaClients() {}

  /** Creates the topic when missing; a broker that does not answer stops the start. */
  static void createTopic(KafkaSettings settings) {
    Map<String, Object> admin = new HashMap<>(settings.client());
    admin.put("bootstrap.servers", settings.bootstrapServers());
    try (Admin client = Admin.create(admin)) {
      client
          .createTopics(
              List.of(
                  new NewTopic(
                      settings.topic(), Optional.of(settings.partitions()), Optional.empty())))
          .all()
          .get(settings.ackTimeout().toMillis() * 2, TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      if (!(e.getCause() instanceof TopicExistsException)) {
        throw new IllegalStateException(
            "Kafka at "
                + settings.bootstrapServers()
                + ": topic "
                + settings.topic()
                + " not created",
            e.getCause());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while creating the access events topic", e);
    } catch (TimeoutException e) {
      throw new IllegalStateException(
          "Kafka at " + settings.bootstrapServers() + " did not answer: the server does not start",
          e);
    }
  }

  static Map<String, Object> producer(KafkaSettings settings) {
    Map<String, Object> p = new HashMap<>(settings.client());
    p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, settings.bootstrapServers());
    p.put(ProducerConfig.ACKS_CONFIG, "all");
    p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    p.put(ProducerConfig.LINGER_MS_CONFIG, 0);
    int ack = (int) settings.ackTimeout().toMillis();
    p.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, ack);
    p.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, ack / 2);
    p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, ack);
    p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
    p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
    return p;
  }

  static Map<String, Object> consumer(KafkaSettings settings) {
    Map<String, Object> c = new HashMap<>(settings.client());
    c.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, settings.bootstrapServers());
    c.put(ConsumerConfig.GROUP_ID_CONFIG, settings.group());
    c.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    c.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    c.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
    c.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
    return c;
  }
}
