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
 */
record RefusalThresholds(
    Duration window,
    int addressGuesses,
    Duration addressBlock,
    int accountStepUp,
    int accountSuspend) {
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
        || accountSuspend < accountStepUp) {
      throw new IllegalArgumentException(
          "exchange refusals: window and block must be positive, thresholds at least 1, the"
              + " suspension's at least the step-up's");
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
