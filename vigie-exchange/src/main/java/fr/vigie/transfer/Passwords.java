package fr.vigie.transfer;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;

/**
 * Argon2id password hashes (OWASP's minimum: 19 MiB, 2 passes), stored as {@code
 * argon2id$SALT$HASH} in base64, and the random passwords the register's administrators hand out.
 */
final class Passwords {
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final int MEMORY_KIB = 19 * 1024;
  private static final int ITERATIONS = 2;
  private static final String PREFIX = "argon2id$";

  private Passwords() {}

  /** A new password of 24 URL-safe characters (144 bits). */
  static String generate() {
    byte[] random = new byte[18];
    RANDOM.nextBytes(random);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(random);
  }

  static String hash(String password) {
    byte[] salt = new byte[16];
    RANDOM.nextBytes(salt);
    Base64.Encoder base64 = Base64.getEncoder().withoutPadding();
    return PREFIX
        + base64.encodeToString(salt)
        + "$"
        + base64.encodeToString(derive(password, salt));
  }

  /** Whether {@code password} matches {@code stored}, compared in constant time. */
  static boolean matches(String password, String stored) {
    if (password == null || stored == null || !stored.startsWith(PREFIX)) {
      return false;
    }
    String[] parts = stored.substring(PREFIX.length()).split("\\$");
    if (parts.length != 2) {
      return false;
    }
    byte[] salt = Base64.getDecoder().decode(parts[0]);
    byte[] expected = Base64.getDecoder().decode(parts[1]);
    return MessageDigest.isEqual(expected, derive(password, salt));
  }

  private static byte[] derive(String password, byte[] salt) {
    Argon2BytesGenerator generator = new Argon2BytesGenerator();
    generator.init(
        new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id)
            .withVersion(Argon2Parameters.ARGON2_VERSION_13)
            .withMemoryAsKB(MEMORY_KIB)
            .withIterations(ITERATIONS)
            .withParallelism(1)
            .withSalt(salt)
            .build());
    byte[] out = new byte[32];
    generator.generateBytes(password.getBytes(StandardCharsets.UTF_8), out);
    return out;
  }
}
