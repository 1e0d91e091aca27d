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

  @Test
  void tryAcquire_manyAddressesOfOneIpv4Slash24_shareTheNetworkBucket() {
    // 3 per address, 12 per /24: four addresses spend the network's tokens.
    int granted = 0;
    for (int host = 1; host <= 10; host++) {
      for (int n = 0; n < 3; n++) {
        if (limiter.tryAcquire("127.0.1." + host)) {
          granted++;
        }
      }
    }

    assertThat(granted).isEqualTo(12);
    assertThat(limiter.tryAcquire("127.0.1.200")).isFalse();
    assertThat(limiter.tryAcquire("127.0.2.1")).isTrue();
  }

  @Test
  void tryAcquire_addressesOfOtherSlash24_haveTheirOwnNetworkBucket() {
    for (int host = 1; host <= 4; host++) {
      for (int n = 0; n < 3; n++) {
        limiter.tryAcquire("127.0.0." + host);
      }
    }

    assertThat(limiter.tryAcquire("127.0.0.5")).isFalse();
    assertThat(limiter.tryAcquire("127.0.1.5")).isTrue();
    assertThat(limiter.tryAcquire("127.1.2.3")).isTrue();
  }

  @Test
  void tryAcquire_manyAddressesOfOneIpv6Slash64_shareTheNetworkBucket() {
    int granted = 0;
    for (int host = 1; host <= 10; host++) {
      for (int n = 0; n < 3; n++) {
        if (limiter.tryAcquire("2001:db8:1:2::" + Integer.toHexString(host))) {
          granted++;
        }
      }
    }

    assertThat(granted).isEqualTo(12);
    assertThat(limiter.tryAcquire("2001:db8:1:2:ffff:ffff:ffff:ffff")).isFalse();
    assertThat(limiter.tryAcquire("2001:db8:1:3::1")).isTrue();
  }

  @Test
  void tryAcquire_networkBucket_refillsFasterThanAnAddress() {
    for (int host = 1; host <= 4; host++) {
      for (int n = 0; n < 3; n++) {
        limiter.tryAcquire("198.51.100." + host);
      }
    }
    assertThat(limiter.tryAcquire("198.51.100.9")).isFalse();

    clock.advance(Duration.ofMillis(2_500));

    assertThat(limiter.tryAcquire("198.51.100.9")).isTrue();
  }

  @Test
  void network_ipv4_isItsSlash24() {
    assertThat(AddressRateLimiter.network("192.0.2.7")).isEqualTo("192.0.2");
    assertThat(AddressRateLimiter.network("192.0.2.250")).isEqualTo("192.0.2");
    assertThat(AddressRateLimiter.network("192.0.3.7")).isEqualTo("192.0.3");
  }

  @Test
  void network_ipv4MappedIpv6_isTheIpv4Slash24() {
    assertThat(AddressRateLimiter.network("::ffff:192.0.2.7")).isEqualTo("192.0.2");
    assertThat(AddressRateLimiter.network("0:0:0:0:0:ffff:c000:0207")).isEqualTo("192.0.2");
  }

  @Test
  void network_ipv6_isItsSlash64() {
    assertThat(AddressRateLimiter.network("2001:db8:1:2::1"))
        .isEqualTo(AddressRateLimiter.network("2001:0db8:0001:0002:ffff:0:0:9"))
        .isEqualTo("20010db800010002::/64");
    assertThat(AddressRateLimiter.network("2001:db8:1:3::1")).isNotEqualTo("20010db800010002::/64");
    assertThat(AddressRateLimiter.network("::1")).isEqualTo("0000000000000000::/64");
  }

  @Test
  void prefix_ofAnAddress_isItsNetworkWrittenAsAPrefix() {
    assertThat(AddressRateLimiter.prefix("192.0.2.7")).hasValue("192.0.2.0/24");
    assertThat(AddressRateLimiter.prefix("::ffff:192.0.2.7")).hasValue("192.0.2.0/24");
    assertThat(AddressRateLimiter.prefix("2001:db8:1:2:ffff::9"))
        .hasValue("2001:db8:1:2:0:0:0:0/64");
    assertThat(AddressRateLimiter.prefix("localhost")).isEmpty();
    assertThat(AddressRateLimiter.prefix("other")).isEmpty();
    assertThat(AddressRateLimiter.prefix(null)).isEmpty();
  }

  @Test
  void network_notAnAddressLiteral_isItsOwnWithoutLookingItUp() {
    assertThat(AddressRateLimiter.network("localhost")).isEqualTo("other:localhost");
    assertThat(AddressRateLimiter.network("")).isEqualTo("other:");
  }
}
