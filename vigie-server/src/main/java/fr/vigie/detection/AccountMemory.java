package fr.vigie.detection;

import static java.util.Objects.requireNonNull;

import fr.vigie.detection.AccountProfile.PeerGroup;
import fr.vigie.identity.AccountId;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Set;

/**
 * What the detectors remember of one account beyond a restart: its first and last use, its baseline
 * days, hours, devices and networks (pseudonymous tokens), as a JSON text that {@link Detection}
 * writes and reads back with a plain tree read (never Java deserialization). Stored by the server
 * ({@code detection_memory}), carried across a restart by the simulation.
 *
 * @param peers the account's peer group, whose statistics learn its baseline days again
 * @param state the JSON text; no personal data, only counts, instants and tokens
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
   * for longer than a run (the simulated agency existed before its day 0).
   */
  public static AccountMemory ofPastUse(
      AccountId account,
      PeerGroup peers,
      ZoneId zone,
      Instant first,
      Instant last,
      Set<String> devices,
      Set<String> addresses) {
    AccountHistory history = new AccountHistory(zone);
    history.firstActive = requireNonNull(first, "first is null");
    history.lastActive = requireNonNull(last, "last is null");
    devices.forEach(d -> history.devices.put(d, last));
    addresses.forEach(a -> history.addresses.put(a, last));
    return new AccountMemory(account, peers, HistoryCodec.write(history));
  }

  @Override
  public String toString() {
    return "AccountMemory[account=" + account + ", " + state.length() + " characters]";
  }
}
