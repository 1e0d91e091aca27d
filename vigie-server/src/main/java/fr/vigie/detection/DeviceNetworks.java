package fr.vigie.detection;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Which networks each device of one account used (pseudonymous tokens, at most {@link
 * #MOST_NETWORKS} a device), and the persons read from a device that only ever worked on networks
 * other accounts share (an office) since it appeared on a network of its own. An office PC stays on
 * the office network; its cookie read from a thief's box is the PC on a network nobody else uses. A
 * laptop that already went home or onto a phone's connection roams, and a new home box says nothing
 * of it. Part of {@link AccountHistory}; not thread-safe.
 */
final class DeviceNetworks {
  /** Networks kept a device: more than this, it roams anyway. */
  static final int MOST_NETWORKS = 4;

  /** How long a device must have worked from its networks before a move says anything. */
  static final Duration ANCHORED = Duration.ofDays(28);

  /** How long a network stays new to a device. */
  static final Duration YOUNG = Duration.ofDays(14);

  /** Device, then network, then when the device was first seen on it. */
  final Map<String, Map<String, Instant>> networks = new HashMap<>();

  /** Persons read from a moved device, by {@code device|network}. */
  final Map<String, Integer> movedPersons = new HashMap<>();

  /** The last access's moved place ({@code device|network}), or null. */
  private String moved;

  /**
   * Takes in that {@code device} was used on {@code network} at {@code at}; {@code shared} says
   * which networks other accounts use too.
   */
  void record(String device, String network, Instant at, Predicate<String> shared) {
    Map<String, Instant> used = networks.computeIfAbsent(device, d -> new HashMap<>());
    if (!used.containsKey(network)) {
      if (used.size() >= MOST_NETWORKS) {
        used.entrySet().stream()
            .min(Map.Entry.comparingByValue())
            .map(Map.Entry::getKey)
            .ifPresent(used::remove);
      }
      used.put(network, at);
    }
    moved = moved(used, network, at, shared) ? device + "|" + network : null;
  }

  /**
   * True when {@code network} is new to the device (first seen on it within {@link #YOUNG}), nobody
   * else uses it, and every other network the device used is shared and was used from {@link
   * #ANCHORED} before.
   */
  private static boolean moved(
      Map<String, Instant> used, String network, Instant at, Predicate<String> shared) {
    if (used.size() < 2
        || Duration.between(used.get(network), at).compareTo(YOUNG) >= 0
        || shared.test(network)) {
      return false;
    }
    Instant anchoredBefore = used.get(network).minus(ANCHORED);
    boolean anchored = false;
    for (Map.Entry<String, Instant> other : used.entrySet()) {
      if (other.getKey().equals(network)) {
        continue;
      }
      if (!shared.test(other.getKey())) {
        return false;
      }
      anchored |= !other.getValue().isAfter(anchoredBefore);
    }
    return anchored;
  }

  /** Counts a person first read in the last day from the last access's place. */
  void disclosed() {
    if (moved != null) {
      movedPersons.merge(moved, 1, Integer::sum);
    }
  }

  /** Persons read from the last access's device since it moved; 0 when it did not. */
  int movedPersons() {
    return moved == null ? 0 : movedPersons.getOrDefault(moved, 0);
  }

  /** Forgets the devices no longer remembered. */
  void retain(Set<String> devices) {
    networks.keySet().retainAll(devices);
    movedPersons.keySet().removeIf(k -> !devices.contains(k.substring(0, k.indexOf('|'))));
  }

  /** An analyst vouched for the account's places: no move counts against it any more. */
  void forgive() {
    movedPersons.clear();
    moved = null;
    networks.values().forEach(used -> used.replaceAll((network, first) -> Instant.EPOCH));
  }
}
