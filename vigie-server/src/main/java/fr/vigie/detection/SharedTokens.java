package fr.vigie.detection;

import fr.vigie.identity.AccountId;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The networks, or the devices (pseudonymous tokens, one instance for each), more than one account
 * used: an office's network, as opposed to a home box or a phone's connection, which one account
 * uses; a shared office PC, as opposed to an advisor's own. Learnt from every access and from every
 * account's remembered networks and devices on a start, so nothing more is stored. Bounded: past
 * {@link #MOST_TOKENS}, the token used longest ago is forgotten, so that a new office's network is
 * still learnt. Thread-safe.
 */
final class SharedTokens {
  /** Tokens remembered at most. */
  static final int MOST_TOKENS = 100_000;

  private final int most;

  /** By token, least recently used first. */
  private final LinkedHashMap<String, Use> uses = new LinkedHashMap<>();

  /** The first account seen on a token, whether another one used it too, and when last used. */
  private static final class Use {
    private final AccountId first;
    private boolean shared;
    private Instant lastSeen;

    private Use(AccountId first, Instant lastSeen) {
      this.first = first;
      this.lastSeen = lastSeen;
    }
  }

  SharedTokens() {
    this(MOST_TOKENS);
  }

  SharedTokens(int most) {
    if (most < 1) {
      throw new IllegalArgumentException("most must be positive");
    }
    this.most = most;
  }

  /** Takes in that {@code account} used {@code token}, last at {@code at}. */
  synchronized void used(String token, AccountId account, Instant at) {
    Use use = uses.get(token);
    if (use == null) {
      uses.put(token, new Use(account, at));
      forgetOldest();
      return;
    }
    use.shared |= !use.first.equals(account);
    if (at.isAfter(use.lastSeen)) {
      use.lastSeen = at;
      uses.remove(token);
      uses.put(token, use);
    }
  }

  /**
   * Drops the token used longest ago once past the bound. Tokens are kept in the order of their
   * last use as it was taken in; one taken in late (a start replaying what accounts remember) with
   * an older last use may stay a little longer than a more recent one.
   */
  private void forgetOldest() {
    if (uses.size() <= most) {
      return;
    }
    Iterator<Map.Entry<String, Use>> oldest = uses.entrySet().iterator();
    oldest.next();
    oldest.remove();
  }

  /** True when more than one account used {@code token}. */
  synchronized boolean shared(String token) {
    Use use = uses.get(token);
    return use != null && use.shared;
  }

  /** Tokens remembered now. */
  synchronized int size() {
    return uses.size();
  }
}
