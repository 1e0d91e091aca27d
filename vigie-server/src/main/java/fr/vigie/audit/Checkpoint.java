package fr.vigie.audit;

import fr.vigie.crypto.AuditSigner;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;

/**
 * A signed tree head: the log's size and root at a time, signed with Ed25519. Its text form is a
 * C2SP signed note whose body is a C2SP tlog-checkpoint with one extension line for the time:
 *
 * <pre>
 * ORIGIN
 * TREE SIZE (decimal)
 * ROOT (base64)
 * time INSTANT (RFC 3339, UTC, milliseconds)
 *
 * — ORIGIN BASE64(KEY ID (4 bytes) || SIGNATURE (64 bytes))
 * </pre>
 *
 * The signature covers the body, every line ending with a newline. The key is named by the origin;
 * its id is the first 4 bytes of SHA-256(name || "\n" || 0x01 || public key), and {@link
 * #verifierKey} gives the {@code name+hex id+base64(0x01 || public key)} form that note verifiers
 * take.
 */
public record Checkpoint(
    String origin, long treeSize, byte[] root, Instant at, long keyId, byte[] signature) {
  private static final byte ED25519 = 1;

  /** The text that is signed. */
  public String body() {
    return origin + "\n" + treeSize + "\n" + base64(root) + "\ntime " + at + "\n";
  }

  /** The checkpoint as a signed note, for an outside witness. */
  public String signedNote() {
    byte[] keyIdAndSignature =
        ByteBuffer.allocate(4 + signature.length).putInt((int) keyId).put(signature).array();
    return body() + "\n\u2014 " + origin + " " + base64(keyIdAndSignature) + "\n";
  }

  /** Checks the key id and the signature with the log's public key. */
  public void verify(byte[] publicKey) throws ProofException {
    if (keyId != keyId(origin, publicKey)) {
      throw new ProofException(
          "checkpoint at size " + treeSize + ": signed by another key", treeSize);
    }
    try {
      AuditSigner.verify(publicKey, signature, body().getBytes(StandardCharsets.UTF_8));
    } catch (GeneralSecurityException e) {
      throw new ProofException(
          "checkpoint at size " + treeSize + ": signature does not verify", treeSize);
    }
  }

  static Checkpoint sign(String origin, long treeSize, byte[] root, Instant at, AuditSigner signer)
      throws GeneralSecurityException {
    // Kept to the millisecond so that the time read back from PostgreSQL signs the same text.
    Instant time = at.truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
    Checkpoint unsigned =
        new Checkpoint(
            origin, treeSize, root, time, keyId(origin, signer.publicKey()), new byte[0]);
    byte[] signature = signer.sign(unsigned.body().getBytes(StandardCharsets.UTF_8));
    return new Checkpoint(origin, treeSize, root, time, unsigned.keyId(), signature);
  }

  /** The note verifier key of the log: {@code name+hex key id+base64(0x01 || public key)}. */
  public static String verifierKey(String origin, byte[] publicKey) {
    return origin
        + "+"
        + HexFormat.of().toHexDigits((int) keyId(origin, publicKey))
        + "+"
        + base64(prefixed(publicKey));
  }

  static long keyId(String origin, byte[] publicKey) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      sha.update((origin + "\n").getBytes(StandardCharsets.UTF_8));
      byte[] hash = sha.digest(prefixed(publicKey));
      return Integer.toUnsignedLong(ByteBuffer.wrap(hash, 0, 4).getInt());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }

  /** An origin names the log in a note: no whitespace, no '+', as C2SP key names require. */
  static String checkOrigin(String origin) {
    if (origin == null || !origin.matches("[\\x21-\\x2a\\x2c-\\x7e]{1,128}")) {
      throw new IllegalArgumentException("vigie.audit.origin must be printable ASCII without '+'");
    }
    return origin;
  }

  private static byte[] prefixed(byte[] publicKey) {
    return ByteBuffer.allocate(1 + publicKey.length).put(ED25519).put(publicKey).array();
  }

  private static String base64(byte[] bytes) {
    return Base64.getEncoder().encodeToString(bytes);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Checkpoint c
        && origin.equals(c.origin)
        && treeSize == c.treeSize
        && Arrays.equals(root, c.root)
        && at.equals(c.at)
        && keyId == c.keyId
        && Arrays.equals(signature, c.signature);
  }

  @Override
  public int hashCode() {
    return Long.hashCode(treeSize) * 31 + Arrays.hashCode(root);
  }

  @Override
  public String toString() {
    return "Checkpoint[" + origin + " " + treeSize + " " + base64(root) + " " + at + "]";
  }
}
