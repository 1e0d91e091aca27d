package fr.vigie.crypto;

import com.google.crypto.tink.subtle.Ed25519Verify;
import java.security.GeneralSecurityException;

/**
 * Signs the audit log's checkpoints with an Ed25519 key kept encrypted under the key-encryption
 * key; only the public key leaves, for outside witnesses. Signatures are plain RFC 8032 ones (no
 * Tink prefix), so any Ed25519 implementation checks them.
 */
public interface AuditSigner {
  /** Bytes of a public key. */
  int PUBLIC_KEY_BYTES = 32;

  /** Bytes of a signature. */
  int SIGNATURE_BYTES = 64;

  /** The Ed25519 signature of {@code message}. */
  byte[] sign(byte[] message) throws GeneralSecurityException;

  /** The raw Ed25519 public key. */
  byte[] publicKey();

  /** Checks a signature with a public key alone, as a witness would; throws if it is not valid. */
  static void verify(byte[] publicKey, byte[] signature, byte[] message)
      throws GeneralSecurityException {
    if (publicKey.length != PUBLIC_KEY_BYTES || signature.length != SIGNATURE_BYTES) {
      throw new GeneralSecurityException("not an Ed25519 public key and signature");
    }
    new Ed25519Verify(publicKey).verify(signature, message);
  }
}
