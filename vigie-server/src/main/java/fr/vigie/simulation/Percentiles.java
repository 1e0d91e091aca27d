package fr.vigie.simulation;

import java.util.Arrays;

/** Median, nearest-rank percentiles and maximum of a sample. */
final class Percentiles {
  private Percentiles() {}

  static double median(double[] values) {
    double[] sorted = sorted(values);
    int n = sorted.length;
    return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
  }

  /** The smallest value with at least {@code p} of the sample at or below it (nearest rank). */
  static double percentile(double[] values, double p) {
    double[] sorted = sorted(values);
    int rank = (int) Math.ceil(p * sorted.length);
    return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
  }

  static double max(double[] values) {
    return sorted(values)[values.length - 1];
  }

  private static double[] sorted(double[] values) {
    if (values.length == 0) {
      throw new IllegalArgumentException("values: empty");
    }
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    return sorted;
  }
}
