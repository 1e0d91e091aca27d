package fr.vigie.transfer;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Failed sign-ins per source address and per network (the /24 of an IPv4 address, the /64 of an
 * IPv6 one), over SFTP and HTTPS together, as the register limits its own sign-in: an address that
 * failed {@code failures} times within the window, or a network that failed {@code networkFactor}
 * times as often, is refused whatever it tries until its oldest failure leaves the window. In
 * memory, per process: a restart forgets them, the accounts' lockout (in the database) does not.
 */
@Component
class AddressLimits {
  private static final int MAX_TRACKED = 100_000;

  private final Map<String, Deque<Instant>> failures = new ConcurrentHashMap<>();
  private final int addressFailures;
  private final int networkFactor;
  private final Duration window;

  AddressLimits(
      @Value("${vigie.exchange.address-limit.failures}") int addressFailures,
      @Value("${vigie.exchange.address-limit.network-factor:4}") int networkFactor,
      @Value("${vigie.exchange.address-limit.window}") Duration window) {
    this.addressFailures = addressFailures;
    this.networkFactor = networkFactor;
    this.window = window;
  }

  /** How long {@code address} must wait before trying again; empty when it may try now. */
  Optional<Duration> blocked(String address, Instant now) {
    Optional<Duration> own = wait("a|" + address, addressFailures, now);
    return own.isPresent()
        ? own
        : wait("n|" + network(address), addressFailures * networkFactor, now);
  }

  void failed(String address, Instant now) {
    if (failures.size() > MAX_TRACKED) {
      failures.values().removeIf(times -> expire(times, now).isEmpty());
    }
    for (String key : new String[] {"a|" + address, "n|" + network(address)}) {
      Deque<Instant> times = failures.computeIfAbsent(key, k -> new ArrayDeque<>());
      synchronized (times) {
        times.addLast(now);
      }
    }
  }

  private Optional<Duration> wait(String key, int limit, Instant now) {
    Deque<Instant> times = failures.get(key);
    if (times == null) {
      return Optional.empty();
    }
    synchronized (times) {
      expire(times, now);
      if (times.size() < limit) {
        return Optional.empty();
      }
      Duration left = Duration.between(now, times.peekFirst().plus(window));
      return Optional.of(left.isNegative() ? Duration.ZERO : left);
    }
  }

  private Deque<Instant> expire(Deque<Instant> times, Instant now) {
    synchronized (times) {
      while (!times.isEmpty() && !times.peekFirst().plus(window).isAfter(now)) {
        times.pollFirst();
      }
      return times;
    }
  }

  /**
   * The network of an address literal: {@code 192.0.2} for {@code 192.0.2.7} or an IPv4-mapped IPv6
   * address, the first 64 bits in hex for IPv6; anything else is its own network.
   */
  static String network(String address) {
    boolean v4 = address != null && address.matches("\\d{1,3}(\\.\\d{1,3}){3}");
    boolean v6 =
        address != null && address.contains(":") && address.matches("[0-9A-Fa-f:.]+(%\\w+)?");
    if (!v4 && !v6) {
      return "other:" + address;
    }
    try {
      // A literal: no name lookup is made.
      InetAddress parsed = InetAddress.getByName(address.replaceFirst("%.*$", ""));
      byte[] bytes = parsed.getAddress();
      if (parsed instanceof Inet4Address) {
        return (bytes[0] & 0xff) + "." + (bytes[1] & 0xff) + "." + (bytes[2] & 0xff);
      }
      return HexFormat.of().formatHex(Arrays.copyOf(bytes, 8)) + "::/64";
    } catch (UnknownHostException e) {
      return "other:" + address;
    }
  }
}
