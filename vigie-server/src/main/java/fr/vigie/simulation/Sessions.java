package fr.vigie.simulation;

import fr.vigie.identity.ContainmentState;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * The sessions of simulated accounts as the server's guard sees them ({@code
 * identity.AccountStateFilter}): a step-up is answered by the session that proves a fresh second
 * factor, not by the account, so a thief's session that answers nothing stays held while the
 * owner's own session goes on. One session per account and device (a device's browser keeps its
 * session, as {@link ServerExecutor} keeps one per device); a session proves a second factor when
 * it signs in, at its first access, and at each step-up it answers.
 */
final class Sessions {
  /** When each account's step-up was asked, while the stored containment is a step-up. */
  private final Map<Integer, Instant> stepUpSince = new HashMap<>();

  /** When each session (account and device) last proved a second factor. */
  private final Map<String, Instant> provedAt = new HashMap<>();

  /** True when the account's step-up was asked after this session last proved a second factor. */
  boolean held(SimulatedAccount account, String device, Instant at) {
    Instant proved = provedAt.computeIfAbsent(key(account, device), k -> at);
    Instant since = stepUpSince.get(account.index());
    return since != null && proved.isBefore(since);
  }

  /** The session on {@code device} answered the step-up at {@code at}. */
  void proved(SimulatedAccount account, String device, Instant at) {
    provedAt.put(key(account, device), at);
  }

  /** The account's containment rose: a step-up holds its sessions, a higher state replaces it. */
  void raised(SimulatedAccount account, ContainmentState state, Instant at) {
    switch (state) {
      case STEP_UP -> stepUpSince.put(account.index(), at);
      case THROTTLED, SUSPENDED -> stepUpSince.remove(account.index());
      case ACTIVE -> {}
    }
  }

  /** An analyst released the account: no step-up holds it any more. */
  void released(SimulatedAccount account) {
    stepUpSince.remove(account.index());
  }

  private static String key(SimulatedAccount account, String device) {
    return account.index() + "|" + device;
  }
}
