package fr.vigie.identity;

import fr.vigie.crypto.KeyRing;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Arrays;
import java.util.HexFormat;
import org.springframework.stereotype.Component;

/**
 * Turns a request's device and network into pseudonymous tokens: keyed hashes that tell one device
 * or network from another without naming it. Neither an address nor a user agent is kept.
 */
@Component
public class Channels {
  /** The long-lived cookie that tells one browser from another; random, set at sign-in. */
  static final String DEVICE_COOKIE = "vigie_device";

  private final KeyRing keys;

  Channels(KeyRing keys) {
    this.keys = keys;
  }

  /** The pseudonymous device and network of {@code request}. */
  public Channel of(HttpServletRequest request) {
    String device = deviceCookie(request);
    if (device == null) {
      String agent = request.getHeader("User-Agent");
      device = "agent:" + (agent == null ? "" : agent);
    } else {
      device = "cookie:" + device;
    }
    return new Channel(token("device|" + device), token("network|" + network(request)));
  }

  /** A new random device cookie, for a year and more, sent back on this site only. */
  static Cookie newDeviceCookie(boolean secure) {
    byte[] random = new byte[16];
    RANDOM.nextBytes(random);
    Cookie cookie = new Cookie(DEVICE_COOKIE, HexFormat.of().formatHex(random));
    cookie.setHttpOnly(true);
    cookie.setSecure(secure);
    cookie.setPath("/");
    cookie.setMaxAge((int) Duration.ofDays(400).toSeconds());
    cookie.setAttribute("SameSite", "Strict");
    return cookie;
  }

  private static final SecureRandom RANDOM = new SecureRandom();

  static String deviceCookie(HttpServletRequest request) {
    Cookie[] cookies = request.getCookies();
    if (cookies == null) {
      return null;
    }
    return Arrays.stream(cookies)
        .filter(c -> DEVICE_COOKIE.equals(c.getName()))
        .map(Cookie::getValue)
        .findFirst()
        .orElse(null);
  }

  /** The /24 of an IPv4 address, the /48 of an IPv6 one: the network, not the machine. */
  static String network(HttpServletRequest request) {
    try {
      byte[] address = InetAddress.getByName(request.getRemoteAddr()).getAddress();
      int keep = address.length == 4 ? 3 : 6;
      return HexFormat.of().formatHex(Arrays.copyOf(address, keep));
    } catch (UnknownHostException e) {
      return "unknown";
    }
  }

  private String token(String value) {
    try {
      return HexFormat.of().formatHex(keys.blindIndex().compute("channel", value), 0, 8);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("the channel key is not available", e);
    }
  }
}
