package fr.vigie.crypto;

import com.google.crypto.tink.Aead;
import com.google.crypto.tink.KmsClients;
import java.security.GeneralSecurityException;

/**
 * A key-encryption key held by a KMS or Vault, reached through Tink's {@link KmsClients}: the key
 * never leaves it. Rotation happens in the KMS, which keeps the versions that unwrap old data.
 */
final class KmsKek implements KeyEncryptionKey {
  private final String uri;
  private final Aead remote;

  KmsKek(String uri) throws GeneralSecurityException {
    this.uri = uri;
    this.remote = KmsClients.get(uri).getAead(uri);
  }

  @Override
  public byte[] wrap(byte[] keyMaterial, byte[] context) throws GeneralSecurityException {
    return remote.encrypt(keyMaterial, context);
  }

  @Override
  public byte[] unwrap(byte[] wrapped, byte[] context) throws GeneralSecurityException {
    return remote.decrypt(wrapped, context);
  }

  @Override
  public long primaryKeyId() {
    return 0;
  }

  @Override
  public void rotate() {
    throw new UnsupportedOperationException(
        "the key-encryption key lives in a KMS: rotate it there, then run 'vigie keys rewrap'");
  }

  @Override
  public String describe() {
    // The URI names the key, not its material.
    return "KMS key " + uri;
  }
}
