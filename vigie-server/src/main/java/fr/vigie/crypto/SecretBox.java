package fr.vigie.crypto;

import static java.util.Objects.requireNonNull;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;

/**
 * Small secrets that must be stored but never in clear (second-factor seeds, staff contact
 * addresses): sealed directly under the key-encryption key, the same way the blind-index keysets
 * are, with associated data {@code purpose|owner} so a sealed value moved to another row or another
 * use does not open.
 */
public final class SecretBox {
  private final KeyEncryptionKey kek;

  SecretBox(KeyEncryptionKey kek) {
    this.kek = kek;
  }

  /** Encrypts {@code secret} for {@code owner}'s {@code purpose}. */
  public byte[] seal(String purpose, String owner, byte[] secret) throws GeneralSecurityException {
    requireNonNull(secret, "secret is null");
    return kek.wrap(secret, context(purpose, owner));
  }

  /** Decrypts what {@link #seal} made for the same purpose and owner; fails for any other. */
  public byte[] openSecret(String purpose, String owner, byte[] sealed)
      throws GeneralSecurityException {
    requireNonNull(sealed, "sealed is null");
    return kek.unwrap(sealed, context(purpose, owner));
  }

  private static byte[] context(String purpose, String owner) {
    requireNonNull(purpose, "purpose is null");
    requireNonNull(owner, "owner is null");
    return ("vigie-secret|" + purpose + "|" + owner).getBytes(StandardCharsets.UTF_8);
  }

  @Override
  public String toString() {
    return "SecretBox[" + kek.describe() + "]";
  }
}
