package fr.vigie.identity;

import static org.assertj.core.api.Assertions.assertThat;

import fr.vigie.testing.TestingClock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class AddressRateLimiterTest {
  private final TestingClock clock = new TestingClock(Instant.parse("2026-01-01T00:00:00Z"));
  private final AddressRateLimiter limiter =
      new AddressRateLimiter(clock, 3, Duration.ofSeconds(10));

  @Test
  void tryAcquire_beyondCapacity_refusesUntilRefilled() {
    assertThat(limiter.tryAcquire("192.0.2.1")).isTrue();
    assertThat(limiter.tryAcquire("192.0.2.1")).isTrue();
    assertThat(limiter.tryAcquire("192.0.2.1")).isTrue();
    assertThat(limiter.tryAcquire("192.0.2.1")).isFalse();

    clock.advance(Duration.ofSeconds(10));

    assertThat(limiter.tryAcquire("192.0.2.1")).isTrue();
    assertThat(limiter.tryAcquire("192.0.2.1")).isFalse();
  }

  @Test
  void tryAcquire_otherAddress_hasItsOwnBucket() {
    for (int i = 0; i < 3; i++) {
      limiter.tryAcquire("192.0.2.1");
    }

    assertThat(limiter.tryAcquire("192.0.2.1")).isFalse();
    assertThat(limiter.tryAcquire("192.0.2.2")).isTrue();
  }
}
