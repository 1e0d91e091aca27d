package fr.vigie.simulation;

import static java.util.Objects.requireNonNull;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.HttpCookie;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * One simulated staff member's browser talking to a running Vigie over HTTP: a cookie jar (session,
 * CSRF token, device cookie), sign-in with a password and a TOTP code computed as an authenticator
 * app would. For demos, benchmarks and the end-to-end evaluation; it holds no personal data itself.
 */
public final class StaffSession {
  private static final Pattern SECRET = Pattern.compile("secret=([A-Z2-7]+)");
  private static final long STEP_SECONDS = 30;

  /** A status and a body: JSON, a problem detail, or nothing. */
  public record Answer(int status, String body) {
    public boolean ok() {
      return status / 100 == 2;
    }

    @Override
    public String toString() {
      // Bodies may hold personal data: the status only.
      return "Answer[status=" + status + "]";
    }
  }

  private final String base;
  private final String login;
  private final CookieManager cookies = new CookieManager(null, CookiePolicy.ACCEPT_ALL);
  private final HttpClient http;
  private Authenticator authenticator;
  private String forwardedFor;

  /**
   * The account's authenticator app: its seed, the time it reads, and the last time step it gave a
   * code for. The server accepts each code once, and only a later step after it, so every session
   * of an account shares one.
   */
  public static final class Authenticator {
    private final byte[] seed;
    private final Clock clock;
    private long lastStep = Long.MIN_VALUE;

    Authenticator(byte[] seed, Clock clock) {
      this.seed = seed.clone();
      this.clock = requireNonNull(clock, "clock is null");
    }

    /**
     * The earliest time at which this authenticator's next code is accepted: now, unless codes were
     * asked faster than one a step (a simulation signing in several devices at once), in which case
     * the time of the step just before the next one.
     */
    public synchronized Instant readyAt() {
      Instant now = clock.instant();
      if (lastStep == Long.MIN_VALUE || lastStep + 1 <= step(now) + 1) {
        return now;
      }
      return Instant.ofEpochSecond(lastStep * STEP_SECONDS);
    }

    /** A code of a step not used before, as near the clock's as can be. */
    synchronized String nextCode() {
      long step = Math.max(step(clock.instant()), lastStep + 1);
      lastStep = step;
      return code(seed, step);
    }
  }

  private StaffSession(String base, String login) {
    this.base = requireNonNull(base, "base is null");
    this.login = requireNonNull(login, "login is null");
    this.http =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .cookieHandler(cookies)
            .followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(10))
            .build();
  }

  /**
   * Signs in for the first time: the password, then the enrollment of a new TOTP seed and its first
   * code. The session is then fully signed in; {@link #authenticator()} holds the new seed.
   */
  public static StaffSession firstSignIn(String base, String login, String password) {
    return firstSignIn(base, login, password, Clock.systemUTC(), null);
  }

  /**
   * As {@link #firstSignIn(String, String, String)}, with the authenticator reading {@code clock},
   * from the network {@code forwardedFor} (an address a reverse proxy would put in {@code
   * X-Forwarded-For}; null for none).
   */
  public static StaffSession firstSignIn(
      String base, String login, String password, Clock clock, String forwardedFor) {
    StaffSession session = new StaffSession(base, login);
    session.forwardedFor = forwardedFor;
    session.expect(session.get("/api/session"), "session");
    session.expect(session.post("/api/session", password(login, password)), "password");
    Answer enrollment = session.post("/api/me/totp", "{}");
    Matcher secret = SECRET.matcher(enrollment.body());
    if (!enrollment.ok() || !secret.find()) {
      throw new IllegalStateException("TOTP enrollment: status " + enrollment.status());
    }
    session.authenticator = new Authenticator(base32(secret.group(1)), clock);
    session.expect(
        session.post("/api/me/totp/confirmation", session.nextCode()), "TOTP confirmation");
    return session;
  }

  /** Signs in again, on another device (a fresh cookie jar), with the account's authenticator. */
  public static StaffSession signIn(
      String base,
      String login,
      String password,
      Authenticator authenticator,
      String forwardedFor) {
    StaffSession session = new StaffSession(base, login);
    session.authenticator = requireNonNull(authenticator, "authenticator is null");
    session.forwardedFor = forwardedFor;
    session.expect(session.get("/api/session"), "session");
    session.expect(session.post("/api/session", password(login, password)), "password");
    session.expect(session.post("/api/session/totp", session.nextCode()), "TOTP");
    return session;
  }

  /** A fresh second factor in this session, as the guard asks for a step-up. */
  public Answer stepUp() {
    return post("/api/session/step-up", nextCode());
  }

  /** From now on, requests come from the network {@code address} (through a reverse proxy). */
  public void from(String address) {
    this.forwardedFor = address;
  }

  private String nextCode() {
    return authenticator.nextCode();
  }

  public String login() {
    return login;
  }

  /** The account's authenticator app, for its other sessions. */
  public Authenticator authenticator() {
    return authenticator;
  }

  public Answer get(String path) {
    return send(HttpRequest.newBuilder(URI.create(base + path)).GET());
  }

  public Answer patch(String path, String json) {
    return send(
        withCsrf(
            HttpRequest.newBuilder(URI.create(base + path))
                .header("Content-Type", "application/json")
                .method("PATCH", HttpRequest.BodyPublishers.ofString(json))));
  }

  public Answer post(String path, String json) {
    return send(
        withCsrf(
            HttpRequest.newBuilder(URI.create(base + path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json))));
  }

  private HttpRequest.Builder withCsrf(HttpRequest.Builder request) {
    cookies.getCookieStore().getCookies().stream()
        .filter(c -> c.getName().equals("XSRF-TOKEN"))
        .map(HttpCookie::getValue)
        .findFirst()
        .ifPresent(token -> request.header("X-XSRF-TOKEN", token));
    return request;
  }

  private Answer send(HttpRequest.Builder request) {
    if (forwardedFor != null) {
      request.header("X-Forwarded-For", forwardedFor);
    }
    try {
      HttpResponse<String> response =
          http.send(
              request.timeout(Duration.ofSeconds(30)).build(),
              HttpResponse.BodyHandlers.ofString());
      return new Answer(response.statusCode(), response.body());
    } catch (IOException e) {
      throw new IllegalStateException("Vigie at " + base + " did not answer: " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  private void expect(Answer answer, String step) {
    if (!answer.ok()) {
      throw new IllegalStateException(step + ": status " + answer.status() + " for " + login);
    }
  }

  private static String password(String login, String password) {
    return "{\"login\":" + quoted(login) + ",\"password\":" + quoted(password) + "}";
  }

  private static String code(byte[] seed, long step) {
    return "{\"code\":\"" + totp(seed, step) + "\"}";
  }

  private static String quoted(String value) {
    return '"' + value.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
  }

  private static long step(Instant at) {
    return Math.floorDiv(at.getEpochSecond(), STEP_SECONDS);
  }

  /** RFC 6238 with HMAC-SHA1 and six digits, as an authenticator app computes it. */
  static String totp(byte[] key, long step) {
    try {
      Mac mac = Mac.getInstance("HmacSHA1");
      mac.init(new SecretKeySpec(key, "HmacSHA1"));
      byte[] hash = mac.doFinal(ByteBuffer.allocate(8).putLong(step).array());
      int offset = hash[hash.length - 1] & 0x0f;
      int binary = ByteBuffer.wrap(hash, offset, 4).getInt() & 0x7fffffff;
      return String.format(Locale.ROOT, "%06d", binary % 1_000_000);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA1 is not available", e);
    }
  }

  /** RFC 4648 base32, as {@code otpauth://} URIs carry secrets. */
  static byte[] base32(String text) {
    String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int buffer = 0;
    int bits = 0;
    for (char c : text.toCharArray()) {
      buffer = (buffer << 5) | alphabet.indexOf(c);
      bits += 5;
      if (bits >= 8) {
        out.write((buffer >>> (bits - 8)) & 0xff);
        bits -= 8;
      }
    }
    return out.toByteArray();
  }
}
