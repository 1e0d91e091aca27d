package fr.vigie.crypto;

import com.google.crypto.tink.Aead;
import java.security.GeneralSecurityException;

/** Adapts the key-encryption key to Tink's {@link Aead}, to encrypt keysets stored in files. */
record KekAead(KeyEncryptionKey kek) implements Aead {
  @Override
  public byte[] encrypt(byte[] plaintext, byte[] associatedData) throws GeneralSecurityException {
    return kek.wrap(plaintext, associatedData);
  }

  @Override
  public byte[] decrypt(byte[] ciphertext, byte[] associatedData) throws GeneralSecurityException {
    return kek.unwrap(ciphertext, associatedData);
  }
}
