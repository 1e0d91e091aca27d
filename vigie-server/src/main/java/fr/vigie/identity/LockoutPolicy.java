package fr.vigie.identity;

import java.time.Duration;
import java.time.Instant;

/**
 * How consecutive failures (password or second factor) slow and then stop guessing: the first three
 * cost nothing, then each waits twice as long as the one before (1, 2, 4 ... 64 seconds), and the
 * tenth locks the account until a recovery. Ten guesses in all, where the 2024 breach met fifty.
 */
final class LockoutPolicy {
  /** Consecutive failures that lock the account. */
  static final int MAX_FAILURES = 10;

  private static final int FREE_FAILURES = 3;

  private LockoutPolicy() {}

  /** How long to wait after {@code failures} consecutive failures before the next attempt. */
  static Duration delayAfter(int failures) {
    if (failures < FREE_FAILURES) {
      return Duration.ZERO;
    }
    int exponent = Math.min(failures - FREE_FAILURES, 20);
    return Duration.ofSeconds(1L << exponent);
  }

  /** Whether an attempt at {@code now} comes too early after the last failure. */
  static boolean tooEarly(int failures, Instant lastFailedAt, Instant now) {
    if (lastFailedAt == null) {
      return false;
    }
    return now.isBefore(lastFailedAt.plus(delayAfter(failures)));
  }

  static boolean locks(int failures) {
    return failures >= MAX_FAILURES;
  }
}
