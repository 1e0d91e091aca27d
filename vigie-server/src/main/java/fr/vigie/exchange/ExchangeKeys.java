package fr.vigie.exchange;

import fr.vigie.crypto.KeyRing;
import fr.vigie.crypto.SecretBox;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import org.bouncycastle.openpgp.PGPException;
import org.bouncycastle.openpgp.PGPSecretKeyRing;
import org.bouncycastle.openpgp.operator.jcajce.JcaKeyFingerprintCalculator;

/**
 * The register's keys for the exchange, kept like its other keys: in the keys directory, sealed
 * under the key-encryption key, never in the database and never on the exchange. The OpenPGP key
 * that opens inbound results, and the key of the batch tokens. Created on first use; the public
 * OpenPGP key is also written in clear ({@code exchange-register.asc}) for subcontractors.
 */
public final class ExchangeKeys {
  static final String OPENPGP_FILE = "exchange-openpgp.sealed";
  static final String TOKENS_FILE = "exchange-tokens.sealed";
  public static final String PUBLIC_KEY_FILE = "exchange-register.asc";
  private static final String OWNER = "register";

  private final PGPSecretKeyRing openPgp;
  private final BatchTokens tokens;
  private final Path publicKey;

  private ExchangeKeys(PGPSecretKeyRing openPgp, BatchTokens tokens, Path publicKey) {
    this.openPgp = openPgp;
    this.tokens = tokens;
    this.publicKey = publicKey;
  }

  /** Opens the keys in {@code directory}, creating them the first time. */
  public static ExchangeKeys openOrCreate(Path directory, KeyRing keys) {
    SecretBox box = keys.secretBox();
    try {
      Files.createDirectories(directory);
      byte[] tokenKey =
          openOrCreate(
              box,
              directory.resolve(TOKENS_FILE),
              "exchange-tokens",
              () -> {
                byte[] key = new byte[32];
                new SecureRandom().nextBytes(key);
                return key;
              });
      byte[] ring =
          openOrCreate(
              box,
              directory.resolve(OPENPGP_FILE),
              "exchange-openpgp",
              () -> OpenPgp.generate("Vigie register <register@vigie.invalid>").getEncoded());
      PGPSecretKeyRing secret =
          new PGPSecretKeyRing(new ByteArrayInputStream(ring), new JcaKeyFingerprintCalculator());
      Path publicKey = directory.resolve(PUBLIC_KEY_FILE);
      if (!Files.exists(publicKey)) {
        Files.write(publicKey, OpenPgp.armoredPublicKey(secret));
      }
      return new ExchangeKeys(secret, new BatchTokens(tokenKey), publicKey);
    } catch (IOException e) {
      throw new UncheckedIOException("Could not open the exchange keys", e);
    } catch (GeneralSecurityException | PGPException e) {
      throw new IllegalStateException("Could not open the exchange keys", e);
    }
  }

  PGPSecretKeyRing openPgp() {
    return openPgp;
  }

  public BatchTokens tokens() {
    return tokens;
  }

  /** The armored public key to give subcontractors: results are encrypted to it. */
  public Path publicKey() {
    return publicKey;
  }

  private interface Generator {
    byte[] generate() throws GeneralSecurityException, IOException;
  }

  private static byte[] openOrCreate(SecretBox box, Path file, String purpose, Generator generator)
      throws IOException, GeneralSecurityException {
    if (Files.exists(file)) {
      return box.openSecret(purpose, OWNER, Files.readAllBytes(file));
    }
    byte[] secret = generator.generate();
    Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
    Files.deleteIfExists(temporary);
    Files.createFile(
        temporary,
        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    Files.write(temporary, box.seal(purpose, OWNER, secret));
    Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE);
    return secret;
  }

  @Override
  public String toString() {
    return "ExchangeKeys[" + publicKey.getFileName() + "]";
  }
}
