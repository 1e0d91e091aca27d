package fr.vigie.portal;

import fr.vigie.ProblemCode;
import fr.vigie.identity.AddressRateLimiter;
import fr.vigie.registry.PersonId;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The space's own rate limit, in its filter chain once the session's person is known: a token
 * bucket per source address (and its network, as for sign-in), then one per signed-in person, so
 * that a script holding a person's session reads their file no faster than a person would. Over
 * either, a 429 problem detail with {@code Retry-After}; nothing in it names the person.
 */
final class SpaceRateLimit extends OncePerRequestFilter {
  private static final ProblemCode CODE = ProblemCode.SPACE_RATE_LIMITED;

  private final AddressRateLimiter addresses;
  private final PersonBuckets persons;

  SpaceRateLimit(AddressRateLimiter addresses, PersonBuckets persons) {
    this.addresses = addresses;
    this.persons = persons;
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    if (!addresses.tryAcquire(request.getRemoteAddr())) {
      refuse(response, addresses.retryAfter(), "too many requests from this address");
      return;
    }
    Optional<PersonId> person = PersonAuthentication.current();
    if (person.isPresent() && !persons.tryAcquire(person.get())) {
      refuse(response, persons.retryAfter(), "too many requests in this session");
      return;
    }
    chain.doFilter(request, response);
  }

  private static void refuse(HttpServletResponse response, Duration retryAfter, String detail)
      throws IOException {
    response.setStatus(CODE.httpStatus());
    response.setHeader("Retry-After", Long.toString(Math.max(1, retryAfter.toSeconds())));
    response.setHeader("Cache-Control", "no-store");
    response.setContentType("application/problem+json");
    response.setCharacterEncoding(StandardCharsets.UTF_8.name());
    response
        .getWriter()
        .write(
            "{\"type\":\"https://vigie.example/problems/space-rate-limited\",\"title\":\""
                + CODE.title()
                + "\",\"status\":"
                + CODE.httpStatus()
                + ",\"detail\":\""
                + detail
                + "\",\"code\":\""
                + CODE.name()
                + "\"}");
  }

  /** Token buckets per person, in memory, on the given clock; full ones forgotten past a bound. */
  static final class PersonBuckets {
    private static final int MAX_TRACKED = 100_000;

    private final Map<PersonId, long[]> buckets = new ConcurrentHashMap<>();
    private final Clock clock;
    private final int capacity;
    private final long refillNanos;

    PersonBuckets(Clock clock, int capacity, Duration refillPeriod) {
      if (capacity < 1 || refillPeriod.isNegative() || refillPeriod.isZero()) {
        throw new IllegalArgumentException(
            "space rate limit: capacity must be at least 1, the period positive");
      }
      this.clock = clock;
      this.capacity = capacity;
      this.refillNanos = refillPeriod.toNanos();
    }

    /** Takes one token of {@code person}'s bucket; false when it is empty. */
    boolean tryAcquire(PersonId person) {
      long now = nanos();
      if (buckets.size() > MAX_TRACKED) {
        buckets.values().removeIf(b -> tokens(b, now) >= capacity);
      }
      // {tokens, time up to which refills are counted}: one array, locked while it changes.
      long[] bucket = buckets.computeIfAbsent(person, p -> new long[] {capacity, now});
      synchronized (bucket) {
        long refilled = Math.max(0, now - bucket[1]) / refillNanos;
        bucket[0] = Math.min(capacity, bucket[0] + refilled);
        // Time already counted moves on by whole periods; a full bucket starts counting anew.
        bucket[1] =
            bucket[0] == capacity ? Math.max(now, bucket[1]) : bucket[1] + refilled * refillNanos;
        if (bucket[0] < 1) {
          return false;
        }
        bucket[0]--;
        return true;
      }
    }

    Duration retryAfter() {
      return Duration.ofNanos(refillNanos);
    }

    private long tokens(long[] bucket, long now) {
      long refilled = Math.max(0, now - bucket[1]) / refillNanos;
      return Math.min(capacity, bucket[0] + refilled);
    }

    private long nanos() {
      java.time.Instant now = clock.instant();
      return now.getEpochSecond() * 1_000_000_000L + now.getNano();
    }
  }
}
