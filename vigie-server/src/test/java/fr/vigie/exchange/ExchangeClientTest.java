package fr.vigie.exchange;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ExchangeClientTest {
  @Test
  void addressLiteral_takesIpv4AndIpv6_andRefusesNamesAndTheFoldedSources() {
    assertThat(ExchangeClient.addressLiteral("192.0.2.7")).isTrue();
    assertThat(ExchangeClient.addressLiteral("0:0:0:0:0:0:0:1")).isTrue();
    assertThat(ExchangeClient.addressLiteral("2001:db8::7")).isTrue();
    assertThat(ExchangeClient.addressLiteral("other")).isFalse();
    assertThat(ExchangeClient.addressLiteral("exchange")).isFalse();
    assertThat(ExchangeClient.addressLiteral("example.org")).isFalse();
    assertThat(ExchangeClient.addressLiteral("fe80::1%eth0")).isFalse();
    assertThat(ExchangeClient.addressLiteral("192.0.2.7/../x")).isFalse();
    assertThat(ExchangeClient.addressLiteral(null)).isFalse();
  }
}
