package fr.vigie.transfer;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import org.junit.jupiter.api.Test;

class SignInGuardTest {

  @Test
  void guard_servesTheNetworksItKnows_andRefusesTheOthers() {
    Set<String> known =
        Set.of(AddressLimits.network("192.0.2.7"), AddressLimits.network("2001:db8:0:1::5"));

    assertThat(SignInGuard.serves(known, AddressLimits.network("192.0.2.200"))).isTrue();
    assertThat(SignInGuard.serves(known, AddressLimits.network("2001:db8:0:1::9"))).isTrue();
    assertThat(SignInGuard.serves(known, AddressLimits.network("198.51.100.1"))).isFalse();
  }

  /**
   * Found in review: an exchange with no sign-in in its log refused everyone, and a refused network
   * can never sign in to become known.
   */
  @Test
  void guard_knowingNoNetwork_refusesNobody() {
    assertThat(SignInGuard.serves(Set.of(), AddressLimits.network("198.51.100.1"))).isTrue();
  }
}
