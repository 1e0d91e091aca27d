package fr.vigie.identity;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Token buckets per source address and per network, in memory: a request takes one token from its
 * address's bucket and one from its network's (the /24 of an IPv4 address, the /64 of an IPv6 one,
 * an IPv4-mapped IPv6 address counting as IPv4), so that the 256 addresses of a /24 or the 2^64 of
 * a /64 share one bucket {@code networkFactor} times the size of an address's. The bean limits the
 * sign-in endpoints; other features build their own instance (the public audit endpoints).
 *
 * <p>Each node limits on its own, which bounds a single network's guesses per node, not across a
 * cluster (a shared store would be needed for that). Behind a reverse proxy the address is the one
 * the proxy forwards, if {@code server.forward-headers-strategy} is set.
 */
@Component
public class AddressRateLimiter {
  /** Above this many tracked buckets, full ones are forgotten, so memory stays bounded. */
  private static final int MAX_TRACKED = 100_000;

  /** How much larger a network's bucket is than an address's, unless told otherwise. */
  public static final int DEFAULT_NETWORK_FACTOR = 4;

  private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();
  private final Clock clock;
  private final int capacity;
  private final long refillNanos;
  private final int networkFactor;

  /**
   * {@code capacity} tokens per address, one more each {@code refillPeriod}; {@code networkFactor}
   * times that per network.
   */
  @Autowired
  public AddressRateLimiter(
      Clock clock,
      @Value("${vigie.sign-in.rate-limit.capacity:20}") int capacity,
      @Value("${vigie.sign-in.rate-limit.refill-period:PT3S}") Duration refillPeriod,
      @Value("${vigie.sign-in.rate-limit.network-factor:4}") int networkFactor) {
    if (capacity < 1 || networkFactor < 1 || refillPeriod.isNegative() || refillPeriod.isZero()) {
      throw new IllegalArgumentException(
          "rate limit: capacity and network factor must be at least 1, the period positive");
    }
    this.clock = clock;
    this.capacity = capacity;
    this.refillNanos = refillPeriod.toNanos();
    this.networkFactor = networkFactor;
  }

  /** As above with the default network factor. */
  public AddressRateLimiter(Clock clock, int capacity, Duration refillPeriod) {
    this(clock, capacity, refillPeriod, DEFAULT_NETWORK_FACTOR);
  }

  /**
   * Takes one token for {@code address} and one for its network; false when either bucket is empty
   * (a token taken from the address's bucket is then not given back).
   */
  public boolean tryAcquire(String address) {
    long now = nanos();
    if (buckets.size() > MAX_TRACKED) {
      buckets.values().removeIf(bucket -> bucket.isFull(now));
    }
    String network = network(address);
    return buckets.computeIfAbsent("a|" + address, a -> new Bucket(now, 1)).tryTake(now)
        && buckets
            .computeIfAbsent("n|" + network, n -> new Bucket(now, networkFactor))
            .tryTake(now);
  }

  /** The longest a refused caller waits for a token of each of its buckets. */
  public Duration retryAfter() {
    return Duration.ofNanos(refillNanos);
  }

  /**
   * The network of an address literal: {@code 192.0.2} for {@code 192.0.2.7} or {@code
   * ::ffff:192.0.2.7}, the first 64 bits in hex for IPv6. Anything else is its own network.
   */
  public static String network(String address) {
    return literal(address)
        .map(
            parsed -> {
              byte[] bytes = parsed.getAddress();
              if (parsed instanceof Inet4Address) {
                return (bytes[0] & 0xff) + "." + (bytes[1] & 0xff) + "." + (bytes[2] & 0xff);
              }
              return HexFormat.of().formatHex(Arrays.copyOf(bytes, 8)) + "::/64";
            })
        .orElse("other:" + address);
  }

  /**
   * The same network as {@link #network}, written as a prefix: {@code 192.0.2.0/24}, or the /64 of
   * an IPv6 address with its last 64 bits zero ({@code 2001:db8:0:1:0:0:0:0/64}); empty for
   * anything but an address literal.
   */
  public static Optional<String> prefix(String address) {
    return literal(address)
        .map(
            parsed -> {
              boolean v4 = parsed instanceof Inet4Address;
              byte[] bytes = parsed.getAddress();
              Arrays.fill(bytes, v4 ? 3 : 8, bytes.length, (byte) 0);
              try {
                return InetAddress.getByAddress(bytes).getHostAddress() + (v4 ? "/24" : "/64");
              } catch (UnknownHostException e) {
                throw new IllegalStateException("an address of 4 or 16 bytes", e);
              }
            });
  }

  private static Optional<InetAddress> literal(String address) {
    if (address == null || address.isEmpty() || !isLiteral(address)) {
      return Optional.empty();
    }
    try {
      // A literal: no name lookup. IPv4-mapped IPv6 literals come back as IPv4 addresses.
      return Optional.of(InetAddress.getByName(address));
    } catch (UnknownHostException e) {
      return Optional.empty();
    }
  }

  private static boolean isLiteral(String address) {
    boolean colon = false;
    for (int i = 0; i < address.length(); i++) {
      char c = address.charAt(i);
      if (c == '%') {
        // The zone of a link-local IPv6 address: the address before it decides.
        return colon && i > 0;
      }
      colon |= c == ':';
      boolean allowed =
          (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F') || c == '.';
      if (!allowed && c != ':') {
        return false;
      }
    }
    return colon || address.chars().filter(c -> c == '.').count() == 3;
  }

  private long nanos() {
    java.time.Instant now = clock.instant();
    return now.getEpochSecond() * 1_000_000_000L + now.getNano();
  }

  private final class Bucket {
    private final int size;
    private final long refill;
    private double tokens;
    private long updated;

    /** A bucket {@code factor} times an address's: as many more tokens, refilled as much faster. */
    Bucket(long now, int factor) {
      this.size = capacity * factor;
      this.refill = Math.max(1, refillNanos / factor);
      this.tokens = size;
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
      return tokens >= size;
    }

    private void refill(long now) {
      if (now > updated) {
        tokens = Math.min(size, tokens + (double) (now - updated) / refill);
        updated = now;
      }
    }
  }
}
