package fr.vigie.detection;

/** The upper tail of a binomial distribution, in log10, without overflow for any n. */
final class Binomial {
  private Binomial() {}

  /** log10 of P(X >= k) for X ~ Binomial(n, p); 0 when k <= 0. */
  static double log10UpperTail(int n, int k, double p) {
    if (k <= 0) {
      return 0;
    }
    if (k > n) {
      return Double.NEGATIVE_INFINITY;
    }
    // Sum the terms from k up in natural logs, scaled by the largest.
    double first = logChoose(n, k) + k * Math.log(p) + (n - k) * Math.log1p(-p);
    double sum = 1;
    double term = 1;
    for (int i = k; i < n; i++) {
      term *= (double) (n - i) / (i + 1) * p / (1 - p);
      sum += term;
      if (term < 1e-17 * sum) {
        break;
      }
    }
    return Math.min(0, (first + Math.log(sum)) / Math.log(10));
  }

  /** log10 of P(X >= k) for X Poisson of mean {@code mean}: how surprising k events are. */
  static double log10PoissonUpperTail(double mean, int k) {
    if (k <= 0) {
      return 0;
    }
    double first = -mean + k * Math.log(mean) - logFactorial(k);
    double sum = 1;
    double term = 1;
    for (int i = k; i < k + 10_000; i++) {
      term *= mean / (i + 1);
      sum += term;
      if (term < 1e-17 * sum) {
        break;
      }
    }
    return Math.min(0, (first + Math.log(sum)) / Math.log(10));
  }

  private static double logChoose(int n, int k) {
    return logFactorial(n) - logFactorial(k) - logFactorial(n - k);
  }

  private static final double[] LOG_FACTORIALS = new double[4096];

  static {
    for (int i = 2; i < LOG_FACTORIALS.length; i++) {
      LOG_FACTORIALS[i] = LOG_FACTORIALS[i - 1] + Math.log(i);
    }
  }

  private static double logFactorial(int n) {
    if (n < LOG_FACTORIALS.length) {
      return LOG_FACTORIALS[n];
    }
    double sum = LOG_FACTORIALS[LOG_FACTORIALS.length - 1];
    for (int i = LOG_FACTORIALS.length; i <= n; i++) {
      sum += Math.log(i);
    }
    return sum;
  }
}
