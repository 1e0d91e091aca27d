package fr.vigie.benchmark;

import java.util.Arrays;
import java.util.concurrent.CountDownLatch;

/**
 * Runs {@code total} operations spread over {@code threads} threads started together, and keeps the
 * latency of each operation, to report a rate and percentiles.
 */
final class ConcurrentLoad {
  /** One operation: the {@code n}th of the whole load, on thread {@code thread}. */
  interface Operation {
    void run(int thread, int n) throws Exception;
  }

  /** Rate and latencies of one load. */
  record Figures(int operations, double seconds, long[] sortedNanos) {
    double perSecond() {
      return operations / seconds;
    }

    double percentileMicros(double p) {
      int i = (int) Math.min(sortedNanos.length - 1, Math.ceil(p / 100 * sortedNanos.length) - 1);
      return sortedNanos[Math.max(0, i)] / 1e3;
    }
  }

  private ConcurrentLoad() {}

  static Figures run(int threads, int total, Operation operation) throws Exception {
    long[] nanos = new long[total];
    Exception[] failure = new Exception[1];
    CountDownLatch start = new CountDownLatch(1);
    Thread[] workers = new Thread[threads];
    for (int t = 0; t < threads; t++) {
      int thread = t;
      workers[t] =
          Thread.ofPlatform()
              .start(
                  () -> {
                    try {
                      start.await();
                      // Thread t runs operations t, t + threads, t + 2 * threads, ...
                      for (int n = thread; n < total; n += threads) {
                        long begun = System.nanoTime();
                        operation.run(thread, n);
                        nanos[n] = System.nanoTime() - begun;
                      }
                    } catch (Exception e) {
                      synchronized (failure) {
                        failure[0] = e;
                      }
                    }
                  });
    }
    long started = System.nanoTime();
    start.countDown();
    for (Thread worker : workers) {
      worker.join();
    }
    double seconds = (System.nanoTime() - started) / 1e9;
    if (failure[0] != null) {
      throw failure[0];
    }
    Arrays.sort(nanos);
    return new Figures(total, seconds, nanos);
  }
}
