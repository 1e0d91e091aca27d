package fr.vigie.exchange;

import static java.util.Objects.requireNonNull;

import fr.vigie.registry.PersonId;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The pseudonymous token that stands for a person in one batch's manifest: HMAC-SHA256 of (batch,
 * person) under a key only the register holds, truncated to 128 bits. Not the NIR, not the
 * register's id: the same person has an unrelated token in every batch, and nobody without the key
 * can link a token to a person or two batches to each other. The register maps tokens back through
 * the batch's own entries ({@link ExchangeBatches}).
 */
public final class BatchTokens {
  private static final String ALGORITHM = "HmacSHA256";
  private final SecretKeySpec key;

  BatchTokens(byte[] key) {
    requireNonNull(key, "key is null");
    if (key.length < 32) {
      throw new IllegalArgumentException("the token key must have at least 32 bytes");
    }
    this.key = new SecretKeySpec(key.clone(), ALGORITHM);
  }

  /** The token of {@code person} in {@code batch}: 32 lower-case hexadecimal digits. */
  public String token(BatchId batch, PersonId person) {
    requireNonNull(batch, "batch is null");
    requireNonNull(person, "person is null");
    try {
      Mac mac = Mac.getInstance(ALGORITHM);
      mac.init(key);
      byte[] digest =
          mac.doFinal((batch.value() + "|" + person.value()).getBytes(StandardCharsets.US_ASCII));
      return HexFormat.of().formatHex(Arrays.copyOf(digest, 16));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HMAC-SHA256 is unavailable", e);
    }
  }

  @Override
  public String toString() {
    return "BatchTokens[HMAC-SHA256]";
  }
}
