package fr.vigie.transfer;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Per-account pace over SFTP and HTTPS together: a bucket of {@code operations} operations and one
 * of {@code bytes} bytes, each refilled in full over {@code period}. An operation (opening a file
 * or folder, deleting, renaming, an HTTPS request) takes one from the first; the bytes it moves are
 * taken from the second as they flow, which may run it into debt: the account's next operation then
 * waits until the debt is paid back. So a stolen account cannot empty or flood the exchange faster
 * than its pace, and one large file is never cut in the middle by the limit.
 */
@Component
class AccountRateLimits {
  private final Map<String, Bucket> operations = new ConcurrentHashMap<>();
  private final Map<String, Bucket> bytes = new ConcurrentHashMap<>();
  private final Clock clock = Clock.systemUTC();
  private final long operationCapacity;
  private final long byteCapacity;
  private final long periodNanos;

  AccountRateLimits(
      @Value("${vigie.exchange.rate-limit.operations}") long operationCapacity,
      @Value("${vigie.exchange.rate-limit.bytes}") long byteCapacity,
      @Value("${vigie.exchange.rate-limit.period}") Duration period) {
    if (operationCapacity < 1 || byteCapacity < 1 || period.isNegative() || period.isZero()) {
      throw new IllegalArgumentException("rate limit: capacities and period must be positive");
    }
    this.operationCapacity = operationCapacity;
    this.byteCapacity = byteCapacity;
    this.periodNanos = period.toNanos();
  }

  /**
   * Takes one operation for {@code account}; empty if allowed, else how long to wait (nothing is
   * taken then).
   */
  Optional<Duration> tryOperation(String account) {
    long now = nanos();
    Bucket owed = bytes.computeIfAbsent(account, a -> new Bucket(byteCapacity, now));
    Optional<Duration> debt = owed.waitFor(0, now);
    if (debt.isPresent()) {
      return debt; // the bytes moved already are paid back before anything more is done
    }
    return operations
        .computeIfAbsent(account, a -> new Bucket(operationCapacity, now))
        .take(1, now);
  }

  /** Counts {@code count} bytes moved for {@code account}, into debt if need be. */
  void moved(String account, long count) {
    if (count > 0) {
      long now = nanos();
      bytes.computeIfAbsent(account, a -> new Bucket(byteCapacity, now)).charge(count, now);
    }
  }

  private long nanos() {
    java.time.Instant now = clock.instant();
    return now.getEpochSecond() * 1_000_000_000L + now.getNano();
  }

  private final class Bucket {
    private final long capacity;
    private double tokens;
    private long updated;

    Bucket(long capacity, long now) {
      this.capacity = capacity;
      this.tokens = capacity;
      this.updated = now;
    }

    synchronized Optional<Duration> take(long count, long now) {
      Optional<Duration> wait = waitFor(count, now);
      if (wait.isEmpty()) {
        tokens -= count;
      }
      return wait;
    }

    /** Empty when the bucket holds at least {@code level} tokens, else the time until it does. */
    synchronized Optional<Duration> waitFor(long level, long now) {
      refill(now);
      return tokens >= level ? Optional.empty() : Optional.of(until(level));
    }

    synchronized void charge(long count, long now) {
      refill(now);
      tokens -= count;
    }

    private Duration until(long level) {
      double missing = level - tokens;
      long nanos = (long) Math.ceil(missing * periodNanos / capacity);
      return Duration.ofNanos(Math.max(nanos, 1_000_000_000L));
    }

    private void refill(long now) {
      if (now > updated) {
        tokens = Math.min(capacity, tokens + (double) (now - updated) * capacity / periodNanos);
        updated = now;
      }
    }
  }
}
