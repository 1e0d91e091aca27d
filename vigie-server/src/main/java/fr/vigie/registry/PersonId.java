package fr.vigie.registry;

import static java.util.Objects.requireNonNull;

import java.security.SecureRandom;
import java.util.UUID;

/**
 * The pseudonymous identifier of a person in the register: the only way other features and the
 * audit log name a person. It carries no personal data.
 */
public record PersonId(UUID value) {
  private static final SecureRandom RANDOM = new SecureRandom();

  public PersonId {
    requireNonNull(value, "value is null");
  }

  /**
   * A new identifier in the UUID version 7 layout: milliseconds first, so that rows inserted
   * together sit together in the primary key index, then 74 random bits.
   */
  public static PersonId newId() {
    long millis = System.currentTimeMillis();
    byte[] random = new byte[10];
    RANDOM.nextBytes(random);
    long high = (millis << 16) | 0x7000L | ((random[0] & 0x0fL) << 8) | (random[1] & 0xffL);
    long low = 0x8000000000000000L | (random[2] & 0x3fL) << 56;
    for (int i = 3; i < 10; i++) {
      low |= (random[i] & 0xffL) << (8 * (9 - i));
    }
    return new PersonId(new UUID(high, low));
  }

  public static PersonId parse(String text) {
    return new PersonId(UUID.fromString(text));
  }

  @Override
  public String toString() {
    return value.toString();
  }
}
