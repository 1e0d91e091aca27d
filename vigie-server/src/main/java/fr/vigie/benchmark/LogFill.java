package fr.vigie.benchmark;

import fr.vigie.audit.AuditEvent;
import fr.vigie.audit.AuditLog;
import java.io.PrintStream;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Grows the audit log to a size through the real appender, in large calls from two threads, so that
 * each group commit carries thousands of entries: the fastest honest way to a big log.
 */
final class LogFill {
  private static final int CHUNK = 20_000;

  private LogFill() {}

  static void fill(AuditLog log, long target, PrintStream out) throws Exception {
    List<AuditEvent> events = AuditBenchmark.events(CHUNK);
    long started = System.nanoTime();
    long[] lastLine = {started};
    long toAdd = target - log.size();
    AtomicLong claimed = new AtomicLong();
    Thread[] threads = new Thread[2];
    Exception[] failure = new Exception[1];
    for (int t = 0; t < threads.length; t++) {
      threads[t] =
          Thread.ofPlatform()
              .start(
                  () -> {
                    try {
                      while (claimed.addAndGet(CHUNK) <= toAdd) {
                        log.appendAll(events);
                        report(log, target, out, started, lastLine);
                      }
                    } catch (RuntimeException e) {
                      failure[0] = e;
                    }
                  });
    }
    for (Thread thread : threads) {
      thread.join();
    }
    if (failure[0] != null) {
      throw failure[0];
    }
    long rest = toAdd % CHUNK;
    if (rest > 0) {
      log.appendAll(events.subList(0, (int) rest));
    }
  }

  private static synchronized void report(
      AuditLog log, long target, PrintStream out, long started, long[] lastLine) {
    long now = System.nanoTime();
    if (now - lastLine[0] >= 5_000_000_000L) {
      lastLine[0] = now;
      long size = log.size();
      out.printf(
          "  filling the log: %,d of %,d entries, %,.0f appends/s%n",
          size, target, size / ((now - started) / 1e9));
    }
  }
}
