package fr.vigie.crypto;

import com.google.crypto.tink.Aead;
import com.google.crypto.tink.InsecureSecretKeyAccess;
import com.google.crypto.tink.aead.AesGcmKey;
import com.google.crypto.tink.aead.AesGcmParameters;
import com.google.crypto.tink.subtle.AesGcmJce;
import com.google.crypto.tink.util.SecretBytes;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;

/**
 * Envelope encryption of personal fields: one AES-256-GCM data key per owner (a person), wrapped by
 * the {@link KeyEncryptionKey}. The associated data of every field ciphertext is {@code
 * owner|field}, so a ciphertext moved to another person or another field does not decrypt.
 */
public final class FieldCipher {
  private static final int DATA_KEY_BYTES = 32;
  private static final ThreadLocal<SecureRandom> RANDOM =
      ThreadLocal.withInitial(SecureRandom::new);
  private static final AesGcmParameters DATA_KEY_PARAMETERS = dataKeyParameters();

  private final KeyEncryptionKey kek;

  public FieldCipher(KeyEncryptionKey kek) {
    this.kek = kek;
  }

  /** A fresh data key for {@code owner}, already wrapped for storage. */
  public DataKey newDataKey(String owner) throws GeneralSecurityException {
    byte[] material = new byte[DATA_KEY_BYTES];
    RANDOM.get().nextBytes(material);
    try {
      byte[] wrapped = kek.wrap(material, wrapContext(owner));
      return new DataKey(owner, aeadOf(material), wrapped, kek.primaryKeyId());
    } finally {
      Arrays.fill(material, (byte) 0);
    }
  }

  /** Unwraps the stored data key of {@code owner}; fails if it was wrapped for another owner. */
  public DataKey openDataKey(String owner, byte[] wrapped) throws GeneralSecurityException {
    byte[] material = kek.unwrap(wrapped, wrapContext(owner));
    try {
      return new DataKey(owner, aeadOf(material), wrapped, -1);
    } finally {
      Arrays.fill(material, (byte) 0);
    }
  }

  /** Wraps {@code owner}'s data key again under the current primary key-encryption key. */
  public Rewrapped rewrap(String owner, byte[] wrapped) throws GeneralSecurityException {
    byte[] material = kek.unwrap(wrapped, wrapContext(owner));
    try {
      return new Rewrapped(kek.wrap(material, wrapContext(owner)), kek.primaryKeyId());
    } finally {
      Arrays.fill(material, (byte) 0);
    }
  }

  /** The id of the key-encryption key that wraps new data keys. */
  public long currentKekId() {
    return kek.primaryKeyId();
  }

  /** A data key wrapped anew, and the id of the key-encryption key that wrapped it. */
  public record Rewrapped(byte[] wrapped, long kekId) {}

  private static byte[] wrapContext(String owner) {
    return ("vigie-data-key|" + owner).getBytes(StandardCharsets.UTF_8);
  }

  /**
   * The AEAD of one data key, built straight from the key (Tink's AES-GCM over the JCE): a keyset
   * of one key with no prefix gives the same ciphertexts, at the cost of building a keyset and its
   * primitive wrapper for every person read or imported.
   */
  private static Aead aeadOf(byte[] material) throws GeneralSecurityException {
    return AesGcmJce.create(
        AesGcmKey.builder()
            .setParameters(DATA_KEY_PARAMETERS)
            .setKeyBytes(SecretBytes.copyFrom(material, InsecureSecretKeyAccess.get()))
            .build());
  }

  private static AesGcmParameters dataKeyParameters() {
    try {
      return AesGcmParameters.builder()
          .setKeySizeBytes(DATA_KEY_BYTES)
          .setIvSizeBytes(12)
          .setTagSizeBytes(16)
          // No Tink prefix: each person has a single key, so the 5-byte key id would be waste.
          .setVariant(AesGcmParameters.Variant.NO_PREFIX)
          .build();
    } catch (GeneralSecurityException e) {
      throw new ExceptionInInitializerError(e);
    }
  }
}
