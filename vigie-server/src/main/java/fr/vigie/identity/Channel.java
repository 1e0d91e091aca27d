package fr.vigie.identity;

import static java.util.Objects.requireNonNull;

import java.io.Serializable;

/**
 * Where a request came from, pseudonymously: a keyed hash of the device (its device cookie, or its
 * user agent) and of the network (the /24 of an IPv4 address, the /48 of an IPv6 one). The
 * detectors compare them with the account's usual ones; the audit log records the network's.
 */
public record Channel(String device, String network) implements Serializable {
  /** Before the first request of a session is seen. */
  public static final Channel UNKNOWN = new Channel("unknown", "unknown");

  public Channel {
    requireNonNull(device, "device is null");
    requireNonNull(network, "network is null");
  }
}
