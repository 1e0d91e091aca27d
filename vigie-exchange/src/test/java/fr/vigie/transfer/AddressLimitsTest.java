package fr.vigie.transfer;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class AddressLimitsTest {
  private static final Instant NOW = Instant.parse("2026-11-30T12:00:00Z");

  @Test
  void address_afterItsFailures_isBlockedUntilTheOldestLeavesTheWindow() {
    AddressLimits limits = new AddressLimits(3, 4, Duration.ofMinutes(10));
    for (int i = 0; i < 3; i++) {
      assertThat(limits.blocked("192.0.2.7", NOW)).isEmpty();
      limits.failed("192.0.2.7", NOW.plusSeconds(i));
    }

    assertThat(limits.blocked("192.0.2.7", NOW.plusSeconds(60))).hasValue(Duration.ofSeconds(540));
    assertThat(limits.blocked("192.0.2.8", NOW.plusSeconds(60))).isEmpty();
    assertThat(limits.blocked("192.0.2.7", NOW.plusSeconds(601))).isEmpty();
  }

  @Test
  void network_ofIpv4Slash24OrIpv6Slash64_isBlockedForAFreshAddressInIt() {
    AddressLimits limits = new AddressLimits(3, 2, Duration.ofMinutes(10));
    for (int host = 1; host <= 6; host++) {
      limits.failed("192.0.2." + host, NOW);
      limits.failed("2001:db8:1:2::" + host, NOW);
    }

    assertThat(limits.blocked("192.0.2.200", NOW)).isPresent();
    assertThat(limits.blocked("::ffff:192.0.2.201", NOW)).isPresent();
    assertThat(limits.blocked("2001:db8:1:2:ffff::1", NOW)).isPresent();
    assertThat(limits.blocked("192.0.3.1", NOW)).isEmpty();
    assertThat(limits.blocked("2001:db8:1:3::1", NOW)).isEmpty();
  }

  @Test
  void network_ofANameOrGarbage_isItsOwnAndLooksNothingUp() {
    assertThat(AddressLimits.network("example.org")).isEqualTo("other:example.org");
    assertThat(AddressLimits.network("abc")).isEqualTo("other:abc");
    assertThat(AddressLimits.network("10.1.2.3")).isEqualTo("10.1.2");
  }
}
