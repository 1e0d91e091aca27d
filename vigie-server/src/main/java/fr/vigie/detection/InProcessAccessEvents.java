package fr.vigie.detection;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The bus inside one process: a few partitions, each a queue and a thread, an account always on the
 * same one, so that each account's accesses reach the detectors in order, as on a Kafka topic keyed
 * by account. When a partition's queue is full the publisher waits: an access is never dropped.
 */
final class InProcessAccessEvents implements AccessEvents {
  private static final Logger log = LoggerFactory.getLogger(InProcessAccessEvents.class);

  private record Event(AccountProfile profile, Access access) {}

  private final List<BlockingQueue<Event>> partitions = new ArrayList<>();
  private final List<Thread> consumers = new ArrayList<>();
  private volatile boolean open = true;
  private final AtomicLong published = new AtomicLong();
  private final AtomicLong handled = new AtomicLong();

  InProcessAccessEvents(int partitionCount, int capacity, BiConsumer<AccountProfile, Access> sink) {
    for (int p = 0; p < partitionCount; p++) {
      BlockingQueue<Event> queue = new ArrayBlockingQueue<>(capacity);
      partitions.add(queue);
      Thread consumer =
          Thread.ofPlatform().name("access-events-" + p).daemon().start(() -> consume(queue, sink));
      consumers.add(consumer);
    }
  }

  @Override
  public void publish(AccountProfile profile, Access access) {
    if (!open) {
      throw new IllegalStateException("the access event bus is closed");
    }
    int partition = Math.floorMod(access.account().hashCode(), partitions.size());
    try {
      published.incrementAndGet();
      partitions.get(partition).put(new Event(profile, access));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while publishing an access", e);
    }
  }

  private void consume(BlockingQueue<Event> queue, BiConsumer<AccountProfile, Access> sink) {
    while (open || !queue.isEmpty()) {
      Event event;
      try {
        event = queue.poll(100, TimeUnit.MILLISECONDS);
      } catch (InterruptedException e) {
        return;
      }
      if (event == null) {
        continue;
      }
      try {
        sink.accept(event.profile(), event.access());
      } catch (RuntimeException e) {
        // One bad event must not stop the partition; the account and kind say which, no data.
        log.error(
            "detectors failed on an access of account {} ({})",
            event.access().account(),
            event.access().kind(),
            e);
      } finally {
        handled.incrementAndGet();
      }
    }
  }

  @Override
  public long pending() {
    return Math.max(0, published.get() - handled.get());
  }

  @Override
  public boolean drain(Duration timeout) throws InterruptedException {
    long target = published.get();
    long deadline = System.nanoTime() + timeout.toNanos();
    while (handled.get() < target) {
      if (System.nanoTime() > deadline) {
        return false;
      }
      Thread.sleep(1);
    }
    return true;
  }

  @Override
  public void close() throws InterruptedException {
    open = false;
    for (Thread consumer : consumers) {
      consumer.join(5_000);
    }
  }
}
