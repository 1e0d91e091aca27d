package fr.vigie.exchange;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.bouncycastle.openpgp.PGPSecretKeyRing;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** OpenPGP through BouncyCastle against GnuPG's own {@code gpg}, both ways. */
class OpenPgpTest {
  private static final String SUBCONTRACTOR = "Digit <digit@example.test>";

  @TempDir static Path temp;
  static GnuPg gpg;
  static PGPSecretKeyRing register;

  @BeforeAll
  static void keys() throws Exception {
    gpg = new GnuPg(temp.resolve("gnupg"));
    gpg.generateKey(SUBCONTRACTOR);
    register = OpenPgp.generate("Vigie register <register@vigie.test>");
  }

  private static byte[] content(int size) {
    byte[] bytes = new byte[size];
    new Random(size).nextBytes(bytes);
    return bytes;
  }

  @Test
  void encrypt_toASubcontractorsGpgKey_isDecryptedByGpg() throws Exception {
    byte[] batch = content(300_000);
    Path sealed = temp.resolve("batch.pgp");
    try (OutputStream out = Files.newOutputStream(sealed)) {
      OpenPgp.encrypt(
          new ByteArrayInputStream(batch),
          out,
          OpenPgp.encryptionKey(new ByteArrayInputStream(gpg.exportPublicKey(SUBCONTRACTOR))),
          "batch.csv");
    }

    Path opened = temp.resolve("batch.csv");
    GnuPg.Result result = gpg.decrypt(sealed, opened);

    assertThat(result.exitCode()).as(result.output()).isZero();
    assertThat(Files.readAllBytes(opened)).isEqualTo(batch);
  }

  @Test
  void decrypt_ofResultsGpgEncryptedToTheRegistersKey_givesThemBack() throws Exception {
    Path publicKey = temp.resolve("register.asc");
    Files.write(publicKey, OpenPgp.armoredPublicKey(register));
    gpg.importKey(publicKey);
    byte[] results = content(500_000);
    Path clear = temp.resolve("results.csv");
    Files.write(clear, results);
    Path sealed = temp.resolve("results.pgp");
    gpg.encrypt(clear, sealed, "register@vigie.test");

    ByteArrayOutputStream opened = new ByteArrayOutputStream();
    try (InputStream in = Files.newInputStream(sealed)) {
      OpenPgp.decryptTo(in, opened, register);
    }

    assertThat(opened.toByteArray()).isEqualTo(results);
  }

  @Test
  void decrypt_ofAMessageForAnotherKey_fails() throws Exception {
    ByteArrayOutputStream sealed = new ByteArrayOutputStream();
    OpenPgp.encrypt(
        new ByteArrayInputStream(content(1000)),
        sealed,
        OpenPgp.encryptionKey(new ByteArrayInputStream(gpg.exportPublicKey(SUBCONTRACTOR))),
        "x");

    assertThatThrownBy(
            () ->
                OpenPgp.decryptTo(
                    new ByteArrayInputStream(sealed.toByteArray()),
                    new ByteArrayOutputStream(),
                    register))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("not encrypted to the register's key");
  }

  @Test
  void decrypt_ofAnAlteredMessage_fails() throws Exception {
    ByteArrayOutputStream sealed = new ByteArrayOutputStream();
    OpenPgp.encrypt(
        new ByteArrayInputStream(content(100_000)),
        sealed,
        OpenPgp.encryptionKey(new ByteArrayInputStream(OpenPgp.armoredPublicKey(register))),
        "x");
    byte[] altered = sealed.toByteArray();
    altered[altered.length / 2] ^= 1;

    assertThatThrownBy(
            () ->
                OpenPgp.decryptTo(
                    new ByteArrayInputStream(altered), new ByteArrayOutputStream(), register))
        .isInstanceOf(IOException.class);
  }

  @Test
  void decrypt_ofAMessageCutShort_fails() throws Exception {
    ByteArrayOutputStream sealed = new ByteArrayOutputStream();
    OpenPgp.encrypt(
        new ByteArrayInputStream(content(100_000)),
        sealed,
        OpenPgp.encryptionKey(new ByteArrayInputStream(OpenPgp.armoredPublicKey(register))),
        "x");
    byte[] cut = java.util.Arrays.copyOf(sealed.toByteArray(), sealed.size() / 2);

    assertThatThrownBy(
            () ->
                OpenPgp.decryptTo(
                    new ByteArrayInputStream(cut), new ByteArrayOutputStream(), register))
        .isInstanceOf(IOException.class);
  }

  @Test
  void encryptionKey_ofSomethingElse_isRefused() {
    assertThatThrownBy(
            () -> OpenPgp.encryptionKey(new ByteArrayInputStream("not a key".getBytes())))
        .isInstanceOf(IOException.class);
  }
}
