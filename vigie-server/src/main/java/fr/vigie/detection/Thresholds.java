package fr.vigie.detection;

/**
 * Where the risk score leads: a fresh second factor, then a slower pace, then suspension.
 * Suspension also needs {@code detectorsToSuspend} detectors that agree, because one anomaly score
 * alone is not precise enough to stop an advisor's work.
 */
public record Thresholds(int stepUp, int throttle, int suspend, int detectorsToSuspend) {
  public Thresholds {
    if (!(0 < stepUp && stepUp <= throttle && throttle <= suspend)) {
      throw new IllegalArgumentException("thresholds: expected 0 < stepUp <= throttle <= suspend");
    }
    if (detectorsToSuspend < 1) {
      throw new IllegalArgumentException("detectorsToSuspend: at least 1");
    }
  }

  public static Thresholds defaults() {
    return new Thresholds(40, 70, 100, 2);
  }
}
