package fr.vigie.crypto;

import java.security.GeneralSecurityException;

/**
 * The key that wraps every other key: a local Tink keyset file by default, a KMS or Vault key in
 * production. It never sits in the database.
 */
public interface KeyEncryptionKey {

  /** Encrypts key material; {@code context} binds the result to its owner. */
  byte[] wrap(byte[] keyMaterial, byte[] context) throws GeneralSecurityException;

  /** Decrypts what {@link #wrap} produced with this key or an earlier primary of it. */
  byte[] unwrap(byte[] wrapped, byte[] context) throws GeneralSecurityException;

  /**
   * An id of the key that {@link #wrap} uses now, so that rotation can find what an older key
   * wrapped; 0 when the key's versions are managed outside (a KMS).
   */
  long primaryKeyId();

  /**
   * Makes a new key primary, keeping the older ones to unwrap what they wrapped.
   *
   * @throws UnsupportedOperationException when the key lives in a KMS, which rotates it itself
   */
  void rotate() throws GeneralSecurityException;

  /** A short description that names where the key lives, never its bytes. */
  String describe();
}
