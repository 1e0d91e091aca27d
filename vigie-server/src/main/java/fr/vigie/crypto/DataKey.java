package fr.vigie.crypto;

import com.google.crypto.tink.Aead;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;

/**
 * One owner's unwrapped data key, living only as long as the work on that owner. Plaintext comes
 * out of it only through {@link #decryptField}, so that every place that decrypts can be listed by
 * searching for that name.
 */
public final class DataKey {
  private final String owner;
  private final Aead aead;
  private final byte[] wrapped;
  private final long kekId;

  DataKey(String owner, Aead aead, byte[] wrapped, long kekId) {
    this.owner = owner;
    this.aead = aead;
    this.wrapped = wrapped;
    this.kekId = kekId;
  }

  /** The wrapped form, to store beside the ciphertexts. */
  public byte[] wrapped() {
    return wrapped.clone();
  }

  /** The id of the key-encryption key that wrapped a new key; -1 for a key that was opened. */
  public long kekId() {
    return kekId;
  }

  public byte[] encrypt(String field, byte[] plaintext) throws GeneralSecurityException {
    return aead.encrypt(plaintext, context(field));
  }

  public byte[] encrypt(String field, String plaintext) throws GeneralSecurityException {
    return encrypt(field, plaintext.getBytes(StandardCharsets.UTF_8));
  }

  /** Decrypts one field of this owner; fails if the ciphertext belongs elsewhere. */
  public byte[] decryptField(String field, byte[] ciphertext) throws GeneralSecurityException {
    return aead.decrypt(ciphertext, context(field));
  }

  private byte[] context(String field) {
    return (owner + "|" + field).getBytes(StandardCharsets.UTF_8);
  }

  @Override
  public String toString() {
    return "DataKey[owner=" + owner + "]";
  }
}
