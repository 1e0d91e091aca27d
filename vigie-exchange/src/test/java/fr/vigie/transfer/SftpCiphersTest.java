package fr.vigie.transfer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.apache.sshd.common.NamedResource;
import org.junit.jupiter.api.Test;

class SftpCiphersTest {
  @Test
  void offersTheNamedCiphersInTheirOrder() {
    assertThat(
            SftpServer.cipherFactories(List.of("aes256-gcm@openssh.com", " aes128-ctr")).stream()
                .map(NamedResource::getName))
        .containsExactly("aes256-gcm@openssh.com", "aes128-ctr");
  }

  @Test
  void refusesAnUnknownCipher_orNone_naming_it() {
    assertThatThrownBy(() -> SftpServer.cipherFactories(List.of("aes128-ctr", "rot13")))
        .hasMessageContaining("rot13");
    assertThatThrownBy(() -> SftpServer.cipherFactories(List.of("none")))
        .hasMessageContaining("none");
    assertThatThrownBy(() -> SftpServer.cipherFactories(List.of()))
        .hasMessageContaining("no cipher");
  }
}
