package fr.vigie.transfer;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Bearer tokens of the people signed in over HTTPS, in memory and by hash only: a restart signs
 * everyone out, and a memory dump holds no usable token. A token lasts {@code session-duration}.
 */
@Component
class WebSessions {
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final int MAX_SESSIONS = 10_000;

  private final Map<String, Session> sessions = new ConcurrentHashMap<>();
  private final Duration duration;
  private final Clock clock = Clock.systemUTC();

  WebSessions(@Value("${vigie.exchange.https.session-duration}") Duration duration) {
    this.duration = duration;
  }

  /** Who a token stands for, until when. */
  record Session(String login, String account, Instant expiresAt) {}

  /** A new token for {@code login} in {@code account}. */
  String open(String login, String account) {
    Instant now = clock.instant();
    if (sessions.size() >= MAX_SESSIONS) {
      sessions.values().removeIf(session -> !session.expiresAt().isAfter(now));
    }
    byte[] random = new byte[32];
    RANDOM.nextBytes(random);
    String token = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
    sessions.put(hash(token), new Session(login, account, now.plus(duration)));
    return token;
  }

  Optional<Session> find(String token) {
    if (token == null || token.isEmpty() || token.length() > 128) {
      return Optional.empty();
    }
    String key = hash(token);
    Session session = sessions.get(key);
    if (session == null) {
      return Optional.empty();
    }
    if (!session.expiresAt().isAfter(clock.instant())) {
      sessions.remove(key);
      return Optional.empty();
    }
    return Optional.of(session);
  }

  void close(String token) {
    if (token != null && token.length() <= 128) {
      sessions.remove(hash(token));
    }
  }

  /** Signs out every person of {@code account}. */
  void closeAll(String account) {
    sessions.values().removeIf(session -> session.account().equals(account));
  }

  private static String hash(String token) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256")
                  .digest(token.getBytes(StandardCharsets.US_ASCII)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is not available", e);
    }
  }
}
