package fr.vigie.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AuditSignerTest {
  private static final byte[] NOTE = "vigie/audit\n42\nAAAA\n".getBytes(StandardCharsets.UTF_8);

  @TempDir Path keys;

  @Test
  void verify_signatureOfTheNote_passesWithThePublicKeyAlone() throws Exception {
    AuditSigner signer = open().auditSigner();

    byte[] signature = signer.sign(NOTE);

    assertThat(signature).hasSize(AuditSigner.SIGNATURE_BYTES);
    assertThat(signer.publicKey()).hasSize(AuditSigner.PUBLIC_KEY_BYTES);
    assertThatCode(() -> AuditSigner.verify(signer.publicKey(), signature, NOTE))
        .doesNotThrowAnyException();
  }

  @Test
  void verify_changedNote_fails() throws Exception {
    AuditSigner signer = open().auditSigner();
    byte[] signature = signer.sign(NOTE);
    byte[] changed = NOTE.clone();
    changed[12] ^= 1;

    assertThatThrownBy(() -> AuditSigner.verify(signer.publicKey(), signature, changed))
        .isInstanceOf(GeneralSecurityException.class);
  }

  @Test
  void open_twice_keepsTheSameKeyStoredEncryptedOwnerOnly() throws Exception {
    byte[] first = open().auditSigner().publicKey();

    byte[] second = open().auditSigner().publicKey();

    assertThat(second).isEqualTo(first);
    Path file = keys.resolve(TinkAuditSigner.FILE);
    assertThat(Files.readString(file)).contains("encryptedKeyset");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
        .isEqualTo("rw-------");
  }

  private KeyRing open() throws GeneralSecurityException, IOException {
    return KeyRing.open("file:" + keys.resolve("kek.json"), keys, List.of("nir"));
  }
}
