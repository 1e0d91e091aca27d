package fr.vigie.detection;

import static java.util.Objects.requireNonNull;

import fr.vigie.detection.AccountProfile.PeerGroup;
import fr.vigie.identity.AccountId;
import fr.vigie.registry.PersonId;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the detectors remember of one account beyond a restart: its first and last use, its baseline
 * days, hours, devices and networks (pseudonymous tokens), as a JSON text that {@link Detection}
 * writes and reads back with a plain tree read (never Java deserialization). Stored by the server
 * ({@code detection_memory}), carried across a restart by the simulation.
 *
 * @param peers the account's peer group, whose statistics learn its baseline days again
 * @param state the JSON text; no personal data, only counts, instants, tokens and the fingerprints
 *     of the persons read before ({@link ReadBefore})
 */
public record AccountMemory(AccountId account, PeerGroup peers, String state) {
  public AccountMemory {
    requireNonNull(account, "account is null");
    requireNonNull(peers, "peers is null");
    requireNonNull(state, "state is null");
  }

  /**
   * The memory of an account used from {@code first} to {@code last} on these devices and networks,
   * before the detectors saw any of it: what a deployment's store holds of an account it has known
   * for longer than a run (the simulated agency existed before its day 0). Which device used which
   * network is not known: each counts as having used them all.
   */
  public static AccountMemory ofPastUse(
      AccountId account,
      PeerGroup peers,
      ZoneId zone,
      Instant first,
      Instant last,
      Set<String> devices,
      Set<String> addresses) {
    Map<String, Set<String>> networks = new HashMap<>();
    devices.forEach(d -> networks.put(d, addresses));
    return ofPastUse(account, peers, zone, first, last, networks);
  }

  /**
   * The same, knowing which networks each device used ({@code networks}: device to its networks),
   * each since {@code first}.
   */
  public static AccountMemory ofPastUse(
      AccountId account,
      PeerGroup peers,
      ZoneId zone,
      Instant first,
      Instant last,
      Map<String, Set<String>> networks) {
    return ofPastUse(account, peers, zone, first, last, networks, List.of());
  }

  /**
   * The same, with the persons the account read in that time (what the audit log holds of it): a
   * person read before is not a stranger to it after a restart or a long absence.
   */
  public static AccountMemory ofPastUse(
      AccountId account,
      PeerGroup peers,
      ZoneId zone,
      Instant first,
      Instant last,
      Map<String, Set<String>> networks,
      Collection<PersonId> read) {
    AccountHistory history = new AccountHistory(zone);
    read.forEach(history.readBefore::add);
    history.firstActive = requireNonNull(first, "first is null");
    history.lastActive = requireNonNull(last, "last is null");
    networks.forEach(
        (device, used) -> {
          history.devices.put(device, last);
          Map<String, Instant> since = new HashMap<>();
          used.forEach(
              address -> {
                history.addresses.put(address, last);
                since.put(address, first);
              });
          if (used.size() <= DeviceNetworks.MOST_NETWORKS) {
            history.deviceNetworks.networks.put(device, since);
          }
        });
    return new AccountMemory(account, peers, HistoryCodec.write(history));
  }

  @Override
  public String toString() {
    return "AccountMemory[account=" + account + ", " + state.length() + " characters]";
  }
}
