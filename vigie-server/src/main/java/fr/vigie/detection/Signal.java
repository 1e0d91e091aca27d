package fr.vigie.detection;

import static java.util.Objects.requireNonNull;

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
}
