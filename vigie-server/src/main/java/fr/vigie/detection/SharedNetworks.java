package fr.vigie.detection;

import fr.vigie.identity.AccountId;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The networks (pseudonymous tokens) more than one account used: an office's, as opposed to a home
 * box or a phone's connection, which one account uses. Learnt from every access and from every
 * account's remembered networks on a start, so nothing more is stored. Thread-safe.
 */
final class SharedNetworks {
  /** Accounts that make a network shared. */
  static final int ACCOUNTS = 2;

  /** Networks remembered at most: past it, new ones are not learnt (and count as not shared). */
  static final int MOST_NETWORKS = 1_000_000;

  private final ConcurrentHashMap<String, Set<AccountId>> users = new ConcurrentHashMap<>();

  /** Takes in that {@code account} used {@code network}. */
  void used(String network, AccountId account) {
    Set<AccountId> seen = users.get(network);
    if (seen == null) {
      if (users.size() >= MOST_NETWORKS) {
        return;
      }
      seen = users.computeIfAbsent(network, n -> ConcurrentHashMap.newKeySet());
    }
    if (seen.size() < ACCOUNTS) {
      seen.add(account);
    }
  }

  /** True when more than one account used {@code network}. */
  boolean shared(String network) {
    Set<AccountId> seen = users.get(network);
    return seen != null && seen.size() >= ACCOUNTS;
  }
}
