package fr.vigie.transfer;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.util.Date;
import org.bouncycastle.bcpg.PublicKeyAlgorithmTags;
import org.bouncycastle.bcpg.SymmetricKeyAlgorithmTags;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.openpgp.PGPEncryptedDataGenerator;
import org.bouncycastle.openpgp.PGPLiteralData;
import org.bouncycastle.openpgp.PGPLiteralDataGenerator;
import org.bouncycastle.openpgp.PGPPublicKey;
import org.bouncycastle.openpgp.operator.jcajce.JcaPGPKeyPair;
import org.bouncycastle.openpgp.operator.jcajce.JcePGPDataEncryptorBuilder;
import org.bouncycastle.openpgp.operator.jcajce.JcePublicKeyKeyEncryptionMethodGenerator;

/**
 * OpenPGP encryption for the tests, as the register's {@code exchange.OpenPgp} does it (AES-256,
 * integrity-protected, to a recipient's RSA key): what reaches the exchange.
 */
final class Sealed {
  private static final BouncyCastleProvider PROVIDER = new BouncyCastleProvider();

  private Sealed() {}

  /** A fresh RSA-2048 OpenPGP encryption key whose private half the test throws away. */
  static PGPPublicKey recipient() throws Exception {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
    generator.initialize(2048, new SecureRandom());
    return new JcaPGPKeyPair(
            PublicKeyAlgorithmTags.RSA_GENERAL, generator.generateKeyPair(), new Date())
        .getPublicKey();
  }

  static byte[] encrypt(byte[] plaintext, PGPPublicKey recipient, String name) throws Exception {
    PGPEncryptedDataGenerator generator =
        new PGPEncryptedDataGenerator(
            new JcePGPDataEncryptorBuilder(SymmetricKeyAlgorithmTags.AES_256)
                .setWithIntegrityPacket(true)
                .setSecureRandom(new SecureRandom())
                .setProvider(PROVIDER));
    generator.addMethod(
        new JcePublicKeyKeyEncryptionMethodGenerator(recipient).setProvider(PROVIDER));
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (OutputStream encrypted = generator.open(bytes, new byte[1 << 16]);
        OutputStream literal =
            new PGPLiteralDataGenerator()
                .open(encrypted, PGPLiteralData.BINARY, name, new Date(), new byte[1 << 16])) {
      literal.write(plaintext);
    } catch (IOException e) {
      throw e;
    }
    return bytes.toByteArray();
  }
}
