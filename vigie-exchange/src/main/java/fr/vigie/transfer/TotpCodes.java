package fr.vigie.transfer;

import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.OptionalLong;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * RFC 6238 time-based one-time passwords (HMAC-SHA1, 30-second steps, 6 digits), as every
 * authenticator app reads them from an {@code otpauth://} URI. The same thirty lines as the
 * register's {@code identity.TotpCodes}, copied rather than shared: the exchange must not carry the
 * register's jar, and a module for one class would be heavier than the class.
 */
final class TotpCodes {
  static final int DIGITS = 6;
  static final long STEP_SECONDS = 30;

  /** Steps accepted either side of the current one, for clock drift and typing time. */
  static final int WINDOW = 1;

  private static final char[] BASE32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567".toCharArray();

  private TotpCodes() {}

  static long step(Instant at) {
    return Math.floorDiv(at.getEpochSecond(), STEP_SECONDS);
  }

  /** The 6-digit code of {@code step} (RFC 4226 dynamic truncation). */
  static String code(byte[] key, long step) {
    try {
      Mac mac = Mac.getInstance("HmacSHA1");
      mac.init(new SecretKeySpec(key, "HmacSHA1"));
      byte[] hash = mac.doFinal(ByteBuffer.allocate(8).putLong(step).array());
      int offset = hash[hash.length - 1] & 0x0f;
      int binary = ByteBuffer.wrap(hash, offset, 4).getInt() & 0x7fffffff;
      return String.format("%06d", binary % 1_000_000);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA1 is not available", e);
    }
  }

  /**
   * The latest step within {@link #WINDOW} of {@code current} whose code is {@code candidate};
   * empty if none. Every step is compared in constant time.
   */
  static OptionalLong matchingStep(byte[] key, String candidate, long current) {
    if (candidate == null || !candidate.matches("\\d{" + DIGITS + "}")) {
      return OptionalLong.empty();
    }
    long found = Long.MIN_VALUE;
    for (long step = current - WINDOW; step <= current + WINDOW; step++) {
      if (MessageDigest.isEqual(code(key, step).getBytes(), candidate.getBytes())) {
        found = Math.max(found, step);
      }
    }
    return found == Long.MIN_VALUE ? OptionalLong.empty() : OptionalLong.of(found);
  }

  /** RFC 4648 base32 without padding, as {@code otpauth://} URIs carry secrets. */
  static String base32(byte[] bytes) {
    StringBuilder out = new StringBuilder((bytes.length * 8 + 4) / 5);
    int buffer = 0;
    int bits = 0;
    for (byte b : bytes) {
      buffer = (buffer << 8) | (b & 0xff);
      bits += 8;
      while (bits >= 5) {
        out.append(BASE32[(buffer >>> (bits - 5)) & 0x1f]);
        bits -= 5;
      }
    }
    if (bits > 0) {
      out.append(BASE32[(buffer << (5 - bits)) & 0x1f]);
    }
    return out.toString();
  }
}
