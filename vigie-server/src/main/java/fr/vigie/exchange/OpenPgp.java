package fr.vigie.exchange;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.security.GeneralSecurityException;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.util.Date;
import java.util.Iterator;
import org.bouncycastle.bcpg.ArmoredOutputStream;
import org.bouncycastle.bcpg.HashAlgorithmTags;
import org.bouncycastle.bcpg.PublicKeyAlgorithmTags;
import org.bouncycastle.bcpg.SymmetricKeyAlgorithmTags;
import org.bouncycastle.bcpg.sig.KeyFlags;
import org.bouncycastle.openpgp.PGPCompressedData;
import org.bouncycastle.openpgp.PGPEncryptedData;
import org.bouncycastle.openpgp.PGPEncryptedDataGenerator;
import org.bouncycastle.openpgp.PGPEncryptedDataList;
import org.bouncycastle.openpgp.PGPException;
import org.bouncycastle.openpgp.PGPKeyPair;
import org.bouncycastle.openpgp.PGPKeyRingGenerator;
import org.bouncycastle.openpgp.PGPLiteralData;
import org.bouncycastle.openpgp.PGPLiteralDataGenerator;
import org.bouncycastle.openpgp.PGPObjectFactory;
import org.bouncycastle.openpgp.PGPPrivateKey;
import org.bouncycastle.openpgp.PGPPublicKey;
import org.bouncycastle.openpgp.PGPPublicKeyEncryptedData;
import org.bouncycastle.openpgp.PGPPublicKeyRing;
import org.bouncycastle.openpgp.PGPSecretKey;
import org.bouncycastle.openpgp.PGPSecretKeyRing;
import org.bouncycastle.openpgp.PGPSignature;
import org.bouncycastle.openpgp.PGPSignatureSubpacketGenerator;
import org.bouncycastle.openpgp.PGPUtil;
import org.bouncycastle.openpgp.jcajce.JcaPGPObjectFactory;
import org.bouncycastle.openpgp.jcajce.JcaPGPPublicKeyRingCollection;
import org.bouncycastle.openpgp.operator.jcajce.JcaPGPContentSignerBuilder;
import org.bouncycastle.openpgp.operator.jcajce.JcaPGPDigestCalculatorProviderBuilder;
import org.bouncycastle.openpgp.operator.jcajce.JcaPGPKeyPair;
import org.bouncycastle.openpgp.operator.jcajce.JcePBESecretKeyDecryptorBuilder;
import org.bouncycastle.openpgp.operator.jcajce.JcePGPDataEncryptorBuilder;
import org.bouncycastle.openpgp.operator.jcajce.JcePublicKeyDataDecryptorFactoryBuilder;
import org.bouncycastle.openpgp.operator.jcajce.JcePublicKeyKeyEncryptionMethodGenerator;

/**
 * OpenPGP (RFC 4880, as GnuPG 2.2 reads and writes it) through BouncyCastle: files encrypted to a
 * recipient's public key (AES-256, integrity-protected), decrypted with the register's own key.
 * Streaming both ways, so a batch of any size never sits whole in memory.
 *
 * <p>The plaintext comes out of {@link #decryptTo} only, one easy name to search for.
 */
public final class OpenPgp {
  private static final int BUFFER = 1 << 16;

  private OpenPgp() {}

  /** The encryption key of an armored or binary public key (a GnuPG {@code --export}). */
  public static PGPPublicKey encryptionKey(InputStream publicKey) throws IOException {
    try {
      JcaPGPPublicKeyRingCollection rings =
          new JcaPGPPublicKeyRingCollection(PGPUtil.getDecoderStream(publicKey));
      for (PGPPublicKeyRing ring : rings) {
        PGPPublicKey found = null;
        for (PGPPublicKey key : ring) {
          if (key.isEncryptionKey() && !key.hasRevocation()) {
            found = key; // the last one: GnuPG's subkey rather than its signing primary
          }
        }
        if (found != null) {
          return found;
        }
      }
    } catch (PGPException e) {
      throw new IOException("not an OpenPGP public key: " + e.getMessage(), e);
    }
    throw new IOException("the OpenPGP public key has no key that can encrypt");
  }

  /**
   * Encrypts {@code plaintext} to {@code recipient}, writing binary OpenPGP to {@code out}; {@code
   * name} is the literal data's file name (a batch name, never personal data).
   */
  public static void encrypt(
      InputStream plaintext, OutputStream out, PGPPublicKey recipient, String name)
      throws IOException {
    PGPEncryptedDataGenerator generator =
        new PGPEncryptedDataGenerator(
            new JcePGPDataEncryptorBuilder(SymmetricKeyAlgorithmTags.AES_256)
                .setWithIntegrityPacket(true)
                .setSecureRandom(new SecureRandom())
                .setProvider(Bouncy.PROVIDER));
    generator.addMethod(
        new JcePublicKeyKeyEncryptionMethodGenerator(recipient).setProvider(Bouncy.PROVIDER));
    try (OutputStream encrypted = generator.open(out, new byte[BUFFER]);
        OutputStream literal =
            new PGPLiteralDataGenerator()
                .open(encrypted, PGPLiteralData.BINARY, name, new Date(), new byte[BUFFER])) {
      plaintext.transferTo(literal);
    } catch (PGPException e) {
      throw new IOException("OpenPGP encryption failed: " + e.getMessage(), e);
    }
  }

  /**
   * Decrypts a message encrypted to {@code secretKeys} into {@code out}, after checking its
   * integrity; a message for another key, altered or cut short fails and what was written must be
   * discarded.
   */
  public static void decryptTo(InputStream message, OutputStream out, PGPSecretKeyRing secretKeys)
      throws IOException {
    try {
      PGPEncryptedDataList list = encryptedDataList(message);
      for (PGPEncryptedData data : list) {
        if (!(data instanceof PGPPublicKeyEncryptedData encrypted)) {
          continue;
        }
        PGPSecretKey secret = secretKeys.getSecretKey(encrypted.getKeyID());
        if (secret == null) {
          continue;
        }
        PGPPrivateKey privateKey =
            secret.extractPrivateKey(
                new JcePBESecretKeyDecryptorBuilder()
                    .setProvider(Bouncy.PROVIDER)
                    .build(new char[0]));
        if (!encrypted.isIntegrityProtected()) {
          throw new IOException("the OpenPGP message has no integrity protection: refused");
        }
        InputStream clear =
            encrypted.getDataStream(
                new JcePublicKeyDataDecryptorFactoryBuilder()
                    .setProvider(Bouncy.PROVIDER)
                    .build(privateKey));
        copyLiteral(new JcaPGPObjectFactory(clear), out);
        if (!encrypted.verify()) {
          throw new IOException("the OpenPGP message was altered: its integrity check fails");
        }
        return;
      }
      throw new IOException("the OpenPGP message is not encrypted to the register's key");
    } catch (PGPException e) {
      throw new IOException("OpenPGP decryption failed: " + e.getMessage(), e);
    }
  }

  private static PGPEncryptedDataList encryptedDataList(InputStream message) throws IOException {
    JcaPGPObjectFactory factory = new JcaPGPObjectFactory(PGPUtil.getDecoderStream(message));
    Object first = factory.nextObject();
    while (first != null && !(first instanceof PGPEncryptedDataList)) {
      first = factory.nextObject(); // a marker packet may come first
    }
    if (first == null) {
      throw new IOException("not an encrypted OpenPGP message");
    }
    return (PGPEncryptedDataList) first;
  }

  private static void copyLiteral(PGPObjectFactory factory, OutputStream out)
      throws IOException, PGPException {
    Object packet = factory.nextObject();
    if (packet instanceof PGPCompressedData compressed) {
      factory = new JcaPGPObjectFactory(compressed.getDataStream());
      packet = factory.nextObject();
    }
    if (!(packet instanceof PGPLiteralData literal)) {
      throw new IOException("the OpenPGP message holds no literal data");
    }
    try (InputStream content = literal.getInputStream()) {
      content.transferTo(out);
    }
  }

  /**
   * A new RSA-3072 key ring: a certifying and signing primary key and an encryption subkey, with no
   * passphrase (it is sealed under the key-encryption key where it is stored).
   */
  public static PGPSecretKeyRing generate(String userId) throws GeneralSecurityException {
    try {
      Date now = new Date();
      PGPKeyPair primary = new JcaPGPKeyPair(PublicKeyAlgorithmTags.RSA_GENERAL, rsa(), now);
      PGPKeyPair encryption = new JcaPGPKeyPair(PublicKeyAlgorithmTags.RSA_GENERAL, rsa(), now);
      PGPSignatureSubpacketGenerator primaryFlags = new PGPSignatureSubpacketGenerator();
      primaryFlags.setKeyFlags(false, KeyFlags.CERTIFY_OTHER | KeyFlags.SIGN_DATA);
      primaryFlags.setPreferredSymmetricAlgorithms(
          false, new int[] {SymmetricKeyAlgorithmTags.AES_256});
      primaryFlags.setPreferredHashAlgorithms(false, new int[] {HashAlgorithmTags.SHA256});
      PGPSignatureSubpacketGenerator encryptionFlags = new PGPSignatureSubpacketGenerator();
      encryptionFlags.setKeyFlags(false, KeyFlags.ENCRYPT_COMMS | KeyFlags.ENCRYPT_STORAGE);
      PGPKeyRingGenerator generator =
          new PGPKeyRingGenerator(
              PGPSignature.POSITIVE_CERTIFICATION,
              primary,
              userId,
              new JcaPGPDigestCalculatorProviderBuilder()
                  .setProvider(Bouncy.PROVIDER)
                  .build()
                  .get(HashAlgorithmTags.SHA1),
              primaryFlags.generate(),
              null,
              new JcaPGPContentSignerBuilder(
                      PublicKeyAlgorithmTags.RSA_GENERAL, HashAlgorithmTags.SHA256)
                  .setProvider(Bouncy.PROVIDER),
              null);
      generator.addSubKey(encryption, encryptionFlags.generate(), null);
      return generator.generateSecretKeyRing();
    } catch (PGPException e) {
      throw new GeneralSecurityException("Could not generate the OpenPGP key", e);
    }
  }

  /** The public half of a key ring, ASCII-armored, for subcontractors ({@code gpg --import}). */
  public static byte[] armoredPublicKey(PGPSecretKeyRing secretKeys) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ArmoredOutputStream armored = ArmoredOutputStream.builder().build(bytes)) {
      Iterator<PGPPublicKey> keys = secretKeys.getPublicKeys();
      java.util.List<PGPPublicKey> list = new java.util.ArrayList<>();
      keys.forEachRemaining(list::add);
      new PGPPublicKeyRing(list).encode(armored);
    }
    return bytes.toByteArray();
  }

  private static java.security.KeyPair rsa() throws GeneralSecurityException {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
    generator.initialize(3072, new SecureRandom());
    return generator.generateKeyPair();
  }

  /** BouncyCastle's JCA provider, registered once. */
  private static final class Bouncy {
    static final java.security.Provider PROVIDER = provider();

    private static java.security.Provider provider() {
      java.security.Provider installed = java.security.Security.getProvider("BC");
      return installed != null
          ? installed
          : new org.bouncycastle.jce.provider.BouncyCastleProvider();
    }
  }
}
