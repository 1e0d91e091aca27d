package fr.vigie.identity;

import java.security.SecureRandom;

/** One-time passwords that an administrator hands over: random, without look-alike letters. */
public final class GeneratedPasswords {
  private static final String ALPHABET = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
  private static final SecureRandom RANDOM = new SecureRandom();

  private GeneratedPasswords() {}

  /** 20 characters from a 56-letter alphabet without look-alikes: about 116 bits. */
  public static String next() {
    StringBuilder password = new StringBuilder(20);
    for (int i = 0; i < 20; i++) {
      password.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
    }
    return password.toString();
  }
}
