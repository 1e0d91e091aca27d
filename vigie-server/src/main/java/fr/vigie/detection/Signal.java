package fr.vigie.detection;

import static java.util.Objects.requireNonNull;

import java.util.Optional;
import java.util.function.Supplier;

/**
 * One detector's contribution to an account's risk, with a reason a person can read and no personal
 * data: "read 48 distinct persons today, 6 times its usual".
 */
public record Signal(String detector, int points, String reason) {
  public Signal {
    requireNonNull(detector, "detector is null");
    requireNonNull(reason, "reason is null");
    if (points <= 0) {
      throw new IllegalArgumentException("points: must be positive");
    }
  }

  /**
   * The signal of {@code detector} for what was {@code surprise} orders of magnitude unlikely
   * (minus the log10 of its tail): 10 points an order, less {@code offset}, at most {@code most};
   * none when that is not above 0. {@code reason} is only written when there is a signal.
   */
  static Optional<Signal> ofSurprise(
      String detector, double surprise, int offset, int most, Supplier<String> reason) {
    int points = (int) Math.min(most, 10 * surprise - offset);
    return points <= 0 ? Optional.empty() : Optional.of(new Signal(detector, points, reason.get()));
  }
}
