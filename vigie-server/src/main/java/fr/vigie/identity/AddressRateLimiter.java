package fr.vigie.identity;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * A token bucket per source address, in memory. The bean limits the sign-in endpoints; other
 * features build their own instance (the public audit endpoints). Each node limits on its own,
 * which bounds a single address's guesses per node, not across a cluster (a shared store would be
 * needed for that). Behind a reverse proxy the address is the one the proxy forwards, if {@code
 * server.forward-headers-strategy} is set.
 */
@Component
public class AddressRateLimiter {
  /** Above this many tracked addresses, full buckets are forgotten, so memory stays bounded. */
  private static final int MAX_TRACKED = 100_000;

  private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();
  private final Clock clock;
  private final int capacity;
  private final long refillNanos;

  /** {@code capacity} tokens per address, one more each {@code refillPeriod}. */
  public AddressRateLimiter(
      Clock clock,
      @Value("${vigie.sign-in.rate-limit.capacity:20}") int capacity,
      @Value("${vigie.sign-in.rate-limit.refill-period:PT3S}") Duration refillPeriod) {
    this.clock = clock;
    this.capacity = capacity;
    this.refillNanos = refillPeriod.toNanos();
  }

  /** Takes one token for {@code address}; false when its bucket is empty. */
  public boolean tryAcquire(String address) {
    long now = nanos();
    if (buckets.size() > MAX_TRACKED) {
      buckets.values().removeIf(bucket -> bucket.isFull(now));
    }
    return buckets.computeIfAbsent(address, a -> new Bucket(now)).tryTake(now);
  }

  private long nanos() {
    java.time.Instant now = clock.instant();
    return now.getEpochSecond() * 1_000_000_000L + now.getNano();
  }

  private final class Bucket {
    private double tokens = capacity;
    private long updated;

    Bucket(long now) {
      this.updated = now;
    }

    synchronized boolean tryTake(long now) {
      refill(now);
      if (tokens < 1) {
        return false;
      }
      tokens -= 1;
      return true;
    }

    synchronized boolean isFull(long now) {
      refill(now);
      return tokens >= capacity;
    }

    private void refill(long now) {
      if (now > updated) {
        tokens = Math.min(capacity, tokens + (double) (now - updated) / refillNanos);
        updated = now;
      }
    }
  }
}
