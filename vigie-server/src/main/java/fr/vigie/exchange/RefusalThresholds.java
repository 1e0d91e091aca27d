package fr.vigie.exchange;

import fr.vigie.exchange.ExchangeSignals.Finding;
import fr.vigie.identity.ContainmentState;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;

/**
 * What the exchange's refusals say, counted over {@code window}: pure functions of the counts.
 *
 * <p>Without an account (no valid token), refusals are someone guessing tokens or passwords: from
 * {@code addressGuesses} on, the address is refused for {@code addressBlock}. With an account (a
 * valid token), they are someone probing with it: paths outside the routes, other accounts' batch
 * names, bad ranges and offsets; from {@code accountStepUp} on, the operator is asked a fresh
 * second factor, from {@code accountSuspend} on, suspended. An honest client makes the odd 404 (a
 * batch already picked up), 409 (a resumed upload) or 401 (an expired token, then it signs in
 * again): a handful an hour, far below each threshold (see docs/exchange.md).
 *
 * <p>Guesses spread over many addresses are summed too: per network (the /24 of an IPv4 address,
 * the /64 of an IPv6 one), which is refused from {@code networkFactor} times an address's threshold
 * on, as the register's sign-in limit counts them; and across all addresses, which from {@code
 * allGuesses} on has the exchange serve only the networks that signed in successfully lately.
 */
record RefusalThresholds(
    Duration window,
    int addressGuesses,
    Duration addressBlock,
    int accountStepUp,
    int accountSuspend,
    int networkFactor,
    int allGuesses) {
  static final String DETECTOR = "exchange-refusals";

  /** Refusals of a request that had no valid token: guessing. */
  private static final Set<String> GUESSES = Set.of("bad-token", "sign-ins-limited", "bad-method");

  /** Refusals of a request with a valid token: probing. */
  private static final Set<String> PROBES =
      Set.of(
          "off-route",
          "bad-method",
          "not-found",
          "bad-header",
          "bad-offset",
          "bad-range",
          "path-refused");

  RefusalThresholds {
    if (window.isNegative()
        || window.isZero()
        || addressBlock.isNegative()
        || addressBlock.isZero()
        || addressGuesses < 1
        || accountStepUp < 1
        || accountSuspend < accountStepUp
        || networkFactor < 1
        || allGuesses < (long) addressGuesses * networkFactor) {
      throw new IllegalArgumentException(
          "exchange refusals: window and block must be positive, thresholds at least 1, the"
              + " suspension's at least the step-up's, all addresses' at least a network's");
    }
  }

  /** Whether a refusal without an account, with this outcome, counts against its address. */
  static boolean guess(String account, String outcome) {
    return "?".equals(account) && GUESSES.contains(outcome);
  }

  /** Whether a refusal of a signed-in account, with this outcome, counts against the account. */
  static boolean probe(String account, String outcome) {
    return !"?".equals(account) && PROBES.contains(outcome);
  }

  /** Whether {@code refusals} guesses from one address within the window block it. */
  boolean guessing(long refusals) {
    return refusals >= addressGuesses;
  }

  /**
   * How many of {@code added} guesses, made by an address that had made {@code before} within the
   * window, came while it was below its own threshold: those count for its network and for all.
   */
  long belowAddressThreshold(long before, long added) {
    return Math.max(0, Math.min(added, addressGuesses - 1 - before));
  }

  /**
   * Whether {@code refusals} guesses from the addresses of one network within the window block it.
   */
  boolean networkGuessing(long refusals) {
    return refusals >= (long) addressGuesses * networkFactor;
  }

  /** Whether {@code refusals} guesses from all addresses within the window raise the guard. */
  boolean flooding(long refusals) {
    return refusals >= allGuesses;
  }

  /** What {@code refusals} probes of one account within the window ask for. */
  Optional<Finding> probing(long refusals) {
    if (refusals >= accountSuspend) {
      return Optional.of(
          new Finding(
              ContainmentState.SUSPENDED,
              DETECTOR,
              "%d requests refused by the exchange within %d min (paths outside its routes, files"
                      .formatted(refusals, window.toMinutes())
                  + " not in its folders, bad headers): probing with this account's token"));
    }
    if (refusals >= accountStepUp) {
      return Optional.of(
          new Finding(
              ContainmentState.STEP_UP,
              DETECTOR,
              "%d requests refused by the exchange within %d min"
                  .formatted(refusals, window.toMinutes())));
    }
    return Optional.empty();
  }
}
