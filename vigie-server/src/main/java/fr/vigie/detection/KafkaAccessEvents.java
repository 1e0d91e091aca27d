package fr.vigie.detection;

import fr.vigie.ProblemCode;
import fr.vigie.VigieException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The bus on Apache Kafka. Each access is a record keyed by its account, so one account's accesses
 * stay in one partition, in order; the producer (acks=all, idempotent) waits for the broker's
 * acknowledgement before the read's answer leaves, and refuses the read when none comes ({@link
 * ProblemCode#EVENTS_UNAVAILABLE}), as the audit does. The node's consumer, one of the detectors'
 * consumer group, applies what its partitions carry through {@link OnceApplied}, then commits the
 * offsets by hand; a partition handed to it starts where PostgreSQL says the detectors stopped.
 */
final class KafkaAccessEvents implements AccessEvents {
  private static final Logger log = LoggerFactory.getLogger(KafkaAccessEvents.class);
  private static final Duration POLL = Duration.ofMillis(200);
  private static final Duration RETRY_AFTER = Duration.ofSeconds(5);

  private final KafkaSettings settings;
  private final OnceApplied applier;
  private final KafkaProducer<byte[], byte[]> producer;
  private final KafkaConsumer<byte[], byte[]> consumer;
  private final Thread consuming;
  private final AtomicLong lag = new AtomicLong();
  private final Map<Integer, Long> published = new ConcurrentHashMap<>();
  private volatile boolean open = true;

  KafkaAccessEvents(KafkaSettings settings, OnceApplied applier) {
    this.settings = settings;
    this.applier = applier;
    KafkaClients.createTopic(settings);
    this.producer = new KafkaProducer<>(KafkaClients.producer(settings));
    this.consumer = new KafkaConsumer<>(KafkaClients.consumer(settings));
    this.consuming =
        Thread.ofPlatform().name("access-events-kafka").daemon().start(this::consumeUntilClosed);
  }

  @Override
  public void publish(AccountProfile profile, Access access) {
    if (!open) {
      throw new IllegalStateException("the access event bus is closed");
    }
    ProducerRecord<byte[], byte[]> record =
        new ProducerRecord<>(
            settings.topic(),
            access.account().toString().getBytes(StandardCharsets.US_ASCII),
            AccessCodec.write(profile, access));
    try {
      RecordMetadata sent =
          producer
              .send(record)
              .get(settings.ackTimeout().toMillis() + 1_000, TimeUnit.MILLISECONDS);
      published.merge(sent.partition(), sent.offset(), Math::max);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw unavailable(e);
    } catch (ExecutionException | TimeoutException | KafkaException e) {
      throw unavailable(e);
    }
  }

  private static VigieException unavailable(Exception cause) {
    // The account and the kind only go to the log; the cause says which broker condition it was.
    log.error("access events: the broker did not acknowledge ({})", cause.toString());
    return new VigieException(
        ProblemCode.EVENTS_UNAVAILABLE,
        "the access event bus did not acknowledge this access in time",
        RETRY_AFTER);
  }

  /** The consumer lag of this node's partitions, as of its last poll. */
  @Override
  public long pending() {
    return lag.get();
  }

  /**
   * Waits until the detectors, on whichever node, applied every access this node published so far:
   * the partitions' next offsets in PostgreSQL are past them.
   */
  @Override
  public boolean drain(Duration timeout) throws InterruptedException {
    Map<Integer, Long> target = new HashMap<>(published);
    long deadline = System.nanoTime() + timeout.toNanos();
    for (Map.Entry<Integer, Long> partition : target.entrySet()) {
      while (applier.next(settings.topic(), partition.getKey()) <= partition.getValue()) {
        if (System.nanoTime() > deadline) {
          return false;
        }
        Thread.sleep(10);
      }
    }
    return true;
  }

  private void consumeUntilClosed() {
    try {
      consumer.subscribe(List.of(settings.topic()), new HandOver());
      while (open) {
        pollOnce();
      }
    } catch (WakeupException e) {
      // Closing.
    } finally {
      consumer.close(Duration.ofSeconds(5));
    }
  }

  /** One poll and what it brought; an error other than closing is logged and the loop goes on. */
  private void pollOnce() {
    try {
      ConsumerRecords<byte[], byte[]> records = consumer.poll(POLL);
      for (TopicPartition partition : records.partitions()) {
        applyOrRewind(partition, records.records(partition));
      }
      lag.set(currentLag());
    } catch (WakeupException e) {
      throw e;
    } catch (RuntimeException e) {
      // A consumer that stopped would leave the detectors blind while reads go on: it polls again.
      log.error("access events: the detectors' consumer failed, polling again ({})", e.toString());
      pause();
    }
  }

  private void applyOrRewind(
      TopicPartition partition, List<ConsumerRecord<byte[], byte[]>> records) {
    List<OnceApplied.Offered> batch = new ArrayList<>(records.size());
    for (ConsumerRecord<byte[], byte[]> record : records) {
      decode(record).ifPresent(batch::add);
    }
    long first = records.getFirst().offset();
    long next = records.getLast().offset() + 1;
    try {
      applier.apply(partition.topic(), partition.partition(), batch, next);
    } catch (RuntimeException e) {
      // Nothing of this batch was applied: it comes again after a pause (PostgreSQL down, say).
      log.error(
          "access events: partition {} from offset {} not applied, retried ({})",
          partition.partition(),
          first,
          e.toString());
      consumer.seek(partition, first);
      pause();
      return;
    }
    try {
      consumer.commitSync(Map.of(partition, new OffsetAndMetadata(next)));
    } catch (KafkaException e) {
      // The partition moved meanwhile: PostgreSQL holds where the detectors are, its next owner
      // starts from there.
      log.info("access events: offset of partition {} not committed ({})", partition, e.toString());
    }
  }

  private static Optional<OnceApplied.Offered> decode(ConsumerRecord<byte[], byte[]> record) {
    try {
      AccessCodec.Event event = AccessCodec.read(record.value());
      return Optional.of(new OnceApplied.Offered(record.offset(), event.profile(), event.access()));
    } catch (IllegalArgumentException e) {
      // Vigie's own producer wrote it: a record that does not read is skipped, named by place.
      log.error(
          "access events: partition {} offset {} skipped: {}",
          record.partition(),
          record.offset(),
          e.getMessage());
      return Optional.empty();
    }
  }

  private long currentLag() {
    long total = 0;
    for (TopicPartition partition : consumer.assignment()) {
      total += consumer.currentLag(partition).orElse(0);
    }
    return total;
  }

  private void pause() {
    try {
      Thread.sleep(1_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      open = false;
    }
  }

  /** Partitions given to this node start where the detectors stopped, as PostgreSQL holds it. */
  private final class HandOver implements ConsumerRebalanceListener {
    @Override
    public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
      applier.handedOver();
    }

    @Override
    public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
      applier.handedOver();
      for (TopicPartition partition : partitions) {
        consumer.seek(partition, applier.next(partition.topic(), partition.partition()));
      }
    }
  }

  @Override
  public void close() throws InterruptedException {
    open = false;
    consumer.wakeup();
    consuming.join(10_000);
    producer.close(Duration.ofSeconds(5));
  }
}
