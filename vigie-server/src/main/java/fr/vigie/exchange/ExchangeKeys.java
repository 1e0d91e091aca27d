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
 * that opens inbound results, and the key of the batch tokens. Each is created on first use; the
 * public OpenPGP key is also written in clear ({@code exchange-register.asc}) for subcontractors.
 */
public final class ExchangeKeys {
  static final String OPENPGP_FILE = "exchange-openpgp.sealed";
  static final String TOKENS_FILE = "exchange-tokens.sealed";
  public static final String PUBLIC_KEY_FILE = "exchange-register.asc";
  private static final String OWNER = "register";

  private final Path directory;
  private final SecretBox box;
  private PGPSecretKeyRing openPgp;
  private BatchTokens tokens;

  private ExchangeKeys(Path directory, SecretBox box) {
    this.directory = directory;
    this.box = box;
  }

  /**
   * The keys in {@code directory}, each created the first time it is needed (an RSA key pair takes
   * a while to make, and most registers' contexts never exchange anything).
   */
  public static ExchangeKeys openOrCreate(Path directory, KeyRing keys) {
    return new ExchangeKeys(directory, keys.secretBox());
  }

  synchronized PGPSecretKeyRing openPgp() {
    if (openPgp == null) {
      try {
        byte[] ring =
            openOrCreate(
                box,
                file(OPENPGP_FILE),
                "exchange-openpgp",
                () -> OpenPgp.generate("Vigie register <register@vigie.invalid>").getEncoded());
        openPgp =
            new PGPSecretKeyRing(new ByteArrayInputStream(ring), new JcaKeyFingerprintCalculator());
        Path publicKey = directory.resolve(PUBLIC_KEY_FILE);
        if (!Files.exists(publicKey)) {
          Files.write(publicKey, OpenPgp.armoredPublicKey(openPgp));
        }
      } catch (IOException e) {
        throw new UncheckedIOException("Could not open the exchange's OpenPGP key", e);
      } catch (GeneralSecurityException | PGPException e) {
        throw new IllegalStateException("Could not open the exchange's OpenPGP key", e);
      }
    }
    return openPgp;
  }

  public synchronized BatchTokens tokens() {
    if (tokens == null) {
      try {
        tokens =
            new BatchTokens(
                openOrCreate(
                    box,
                    file(TOKENS_FILE),
                    "exchange-tokens",
                    () -> {
                      byte[] key = new byte[32];
                      new SecureRandom().nextBytes(key);
                      return key;
                    }));
      } catch (IOException e) {
        throw new UncheckedIOException("Could not open the exchange's token key", e);
      } catch (GeneralSecurityException e) {
        throw new IllegalStateException("Could not open the exchange's token key", e);
      }
    }
    return tokens;
  }

  /** The armored public key to give subcontractors: results are encrypted to it. */
  public Path publicKey() {
    openPgp();
    return directory.resolve(PUBLIC_KEY_FILE);
  }

  private Path file(String name) throws IOException {
    Files.createDirectories(directory);
    return directory.resolve(name);
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
    return "ExchangeKeys[" + directory + "]";
  }
}
