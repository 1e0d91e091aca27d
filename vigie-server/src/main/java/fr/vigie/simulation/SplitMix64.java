package fr.vigie.simulation;

/**
 * SplitMix64 (Steele, Lea and Flood, 2014), written out here rather than taken from the JDK so that
 * the sequence is fixed by this file alone, whatever the Java version: the generator's output must
 * stay the same byte for byte on every machine. Not for secrets.
 */
final class SplitMix64 {
  private static final long GAMMA = 0x9E3779B97F4A7C15L;

  private long state;

  SplitMix64(long seed) {
    this.state = seed;
  }

  /**
   * A generator of its own for {@code index} under {@code seed}: element i never depends on i-1.
   */
  static SplitMix64 forIndex(long seed, long index) {
    return new SplitMix64(mix(seed + index * GAMMA));
  }

  /** The SplitMix64 finalizer: a bijection of longs that spreads every input bit. */
  static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }

  long nextLong() {
    state += GAMMA;
    return mix(state);
  }

  /** Uniform in [0, bound), bound at most 2^31 - 1; the bias is below 2^-32. */
  int nextInt(int bound) {
    return (int) (((nextLong() >>> 32) * bound) >>> 32);
  }

  /** Uniform in [min, max], both included. */
  int between(int min, int max) {
    return min + nextInt(max - min + 1);
  }

  /** Uniform in [min, max], both included. */
  long between(long min, long max) {
    return min + Math.floorMod(nextLong(), max - min + 1);
  }

  /** Uniform in [0, 1). */
  double nextDouble() {
    return (nextLong() >>> 11) * 0x1.0p-53;
  }

  boolean chance(double probability) {
    return nextDouble() < probability;
  }

  /** An index drawn with the given weights, which need not sum to 1. */
  int weighted(double[] weights) {
    double total = 0;
    for (double weight : weights) {
      total += weight;
    }
    double point = nextDouble() * total;
    for (int i = 0; i < weights.length - 1; i++) {
      point -= weights[i];
      if (point < 0) {
        return i;
      }
    }
    return weights.length - 1;
  }

  <T> T pick(T[] values) {
    return values[nextInt(values.length)];
  }
}
