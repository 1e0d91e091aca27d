package fr.vigie.simulation;

/**
 * The exact (Clopper-Pearson) binomial confidence bound: the upper end of the two-sided interval is
 * the {@code 1 - alpha/2} quantile of Beta(k + 1, n - k). Computed by bisection on the regularized
 * incomplete beta function (continued fraction, Numerical Recipes 6.4).
 */
public final class ClopperPearson {
  private ClopperPearson() {}

  /** Upper bound of the two-sided 95% interval of a rate, from {@code k} events in {@code n}. */
  public static double upper95(long k, long n) {
    return upper(k, n, 0.95);
  }

  /** Upper bound of the two-sided {@code confidence} interval. */
  public static double upper(long k, long n, double confidence) {
    if (n <= 0 || k < 0 || k > n) {
      throw new IllegalArgumentException("expected 0 <= k <= n and n > 0");
    }
    if (k == n) {
      return 1;
    }
    double target = 1 - (1 - confidence) / 2;
    return betaQuantile(target, k + 1, n - k);
  }

  /** The {@code p} quantile of Beta(a, b). */
  static double betaQuantile(double p, double a, double b) {
    double low = 0;
    double high = 1;
    for (int i = 0; i < 200 && high - low > 1e-15; i++) {
      double mid = (low + high) / 2;
      if (regularizedBeta(mid, a, b) < p) {
        low = mid;
      } else {
        high = mid;
      }
    }
    return (low + high) / 2;
  }

  /** I_x(a, b), the regularized incomplete beta function. */
  static double regularizedBeta(double x, double a, double b) {
    if (x <= 0) {
      return 0;
    }
    if (x >= 1) {
      return 1;
    }
    double front =
        Math.exp(
            logGamma(a + b) - logGamma(a) - logGamma(b) + a * Math.log(x) + b * Math.log1p(-x));
    if (x < (a + 1) / (a + b + 2)) {
      return front * continuedFraction(x, a, b) / a;
    }
    return 1 - front * continuedFraction(1 - x, b, a) / b;
  }

  private static double continuedFraction(double x, double a, double b) {
    final double tiny = 1e-300;
    double c = 1;
    double d = 1 - (a + b) * x / (a + 1);
    d = 1 / (Math.abs(d) < tiny ? tiny : d);
    double h = d;
    for (int m = 1; m <= 10_000; m++) {
      int m2 = 2 * m;
      double aa = m * (b - m) * x / ((a + m2 - 1) * (a + m2));
      d = 1 + aa * d;
      d = 1 / (Math.abs(d) < tiny ? tiny : d);
      c = 1 + aa / c;
      c = Math.abs(c) < tiny ? tiny : c;
      h *= d * c;
      aa = -(a + m) * (a + b + m) * x / ((a + m2) * (a + m2 + 1));
      d = 1 + aa * d;
      d = 1 / (Math.abs(d) < tiny ? tiny : d);
      c = 1 + aa / c;
      c = Math.abs(c) < tiny ? tiny : c;
      double delta = d * c;
      h *= delta;
      if (Math.abs(delta - 1) < 1e-15) {
        break;
      }
    }
    return h;
  }

  /** ln Γ(x) for x > 0 (Lanczos, g = 7, n = 9). */
  static double logGamma(double x) {
    double[] c = {
      0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313,
      -176.61502916214059, 12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6,
      1.5056327351493116e-7
    };
    if (x < 0.5) {
      return Math.log(Math.PI / Math.abs(Math.sin(Math.PI * x))) - logGamma(1 - x);
    }
    x -= 1;
    double sum = c[0];
    for (int i = 1; i < 9; i++) {
      sum += c[i] / (x + i);
    }
    double t = x + 7.5;
    return 0.5 * Math.log(2 * Math.PI) + (x + 0.5) * Math.log(t) - t + Math.log(sum);
  }
}
