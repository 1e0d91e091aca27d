package fr.vigie.crypto;

import java.io.IOException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.List;

/**
 * The crypto feature's entry point: opens the key-encryption key named by a URI and the blind index
 * keys beside it, and hands out the {@link FieldCipher}, {@link BlindIndex} and {@link AuditSigner}
 * built on them.
 *
 * <p>URIs: {@code file:PATH} for a local Tink keyset (created owner-only on first use); any URI a
 * registered Tink {@link com.google.crypto.tink.KmsClient} supports ({@code gcp-kms://...}, {@code
 * aws-kms://...}, {@code hcvault://...}) for a key held by a KMS or Vault.
 */
public final class KeyRing {
  /**
   * The fields that get a blind index: exact lookups, the row digest of the import, and the
   * pseudonymous tokens of the devices and networks staff sign in from.
   */
  public static final List<String> INDEX_FIELDS =
      List.of("identifier", "nir", "email", "name_birth", "row", "channel");

  private final KeyEncryptionKey kek;
  private final FieldCipher fieldCipher;
  private final BlindIndex blindIndex;
  private final AuditSigner auditSigner;
  private final SecretBox secretBox;

  private KeyRing(KeyEncryptionKey kek, BlindIndex blindIndex, AuditSigner auditSigner) {
    this.kek = kek;
    this.fieldCipher = new FieldCipher(kek);
    this.blindIndex = blindIndex;
    this.auditSigner = auditSigner;
    this.secretBox = new SecretBox(kek);
  }

  /**
   * Opens the keys.
   *
   * @param kekUri where the key-encryption key lives
   * @param keysDirectory where the encrypted blind-index and audit signing keysets live
   * @param indexFields the fields that get a blind index, one key each
   */
  public static KeyRing open(String kekUri, Path keysDirectory, List<String> indexFields)
      throws GeneralSecurityException, IOException {
    KeyEncryptionKey kek = openKek(kekUri);
    BlindIndex blindIndex = BlindIndex.openOrCreate(keysDirectory, kek, indexFields);
    return new KeyRing(kek, blindIndex, TinkAuditSigner.openOrCreate(keysDirectory, kek));
  }

  private static KeyEncryptionKey openKek(String uri) throws GeneralSecurityException, IOException {
    if (uri.startsWith("file:")) {
      return LocalKeysetKek.openOrCreate(Path.of(uri.substring("file:".length())));
    }
    return new KmsKek(uri);
  }

  public FieldCipher fieldCipher() {
    return fieldCipher;
  }

  public BlindIndex blindIndex() {
    return blindIndex;
  }

  /** The key that signs the audit log's checkpoints. */
  public AuditSigner auditSigner() {
    return auditSigner;
  }

  /** Seals small secrets (second-factor seeds, staff addresses) under the key-encryption key. */
  public SecretBox secretBox() {
    return secretBox;
  }

  /** Makes a new key-encryption key primary; data keys must then be rewrapped. */
  public void rotateKeyEncryptionKey() throws GeneralSecurityException {
    kek.rotate();
  }

  public String describe() {
    return kek.describe();
  }
}
