package fr.vigie.transfer;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Seals the people's TOTP secrets (AES-256-GCM, bound to the login) under a key kept in a file of
 * the data directory readable by its owner only, so that a copy of the database alone (a dump, a
 * backup) does not let anyone compute their codes.
 */
@Component
class TotpSecrets {
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final int NONCE = 12;

  private final SecretKey key;

  TotpSecrets(
      @Value("${vigie.exchange.totp-key-file:${vigie.exchange.data-dir}/totp-key}") Path file) {
    byte[] bytes = Base64.getUrlDecoder().decode(ApiToken.readOrCreate(file));
    this.key = new SecretKeySpec(bytes, "AES");
  }

  /** A new random secret of 20 bytes, as RFC 4226 recommends. */
  static byte[] newSecret() {
    byte[] secret = new byte[20];
    RANDOM.nextBytes(secret);
    return secret;
  }

  byte[] seal(String login, byte[] secret) {
    byte[] nonce = new byte[NONCE];
    RANDOM.nextBytes(nonce);
    byte[] sealed = cipher(Cipher.ENCRYPT_MODE, login, nonce, secret);
    return ByteBuffer.allocate(NONCE + sealed.length).put(nonce).put(sealed).array();
  }

  byte[] openSecret(String login, byte[] sealed) {
    ByteBuffer buffer = ByteBuffer.wrap(sealed);
    byte[] nonce = new byte[NONCE];
    buffer.get(nonce);
    byte[] rest = new byte[buffer.remaining()];
    buffer.get(rest);
    return cipher(Cipher.DECRYPT_MODE, login, nonce, rest);
  }

  private byte[] cipher(int mode, String login, byte[] nonce, byte[] input) {
    try {
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(mode, key, new GCMParameterSpec(128, nonce));
      cipher.updateAAD(("web_user|" + login).getBytes(StandardCharsets.UTF_8));
      return cipher.doFinal(input);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("A TOTP secret could not be sealed or opened", e);
    }
  }
}
