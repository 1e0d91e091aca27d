package fr.vigie.audit;

import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whether this node's clock agrees with the nodes that wrote the log before it. {@link AuditScan}
 * finds a window by a binary search over the entries' times, which holds while the log is in time
 * order to within {@link AuditScan#SLACK}: a node whose clock runs behind the others writes entries
 * earlier than those already stored, and far enough behind, a breach's scope would miss them. The
 * appender checks each batch it writes after another node's entries, and warns the operator long
 * before the slack is reached: at most once every {@link #QUIET}, with the lag in seconds.
 */
final class ClockAgreement {
  /** How far behind the log a batch may start before the operator is warned. */
  static final Duration TOLERANCE = Duration.ofMinutes(1);

  private static final Duration QUIET = Duration.ofMinutes(10);
  private static final Logger log = LoggerFactory.getLogger(ClockAgreement.class);

  private final AuditObserver observer;
  private long lastWarning;
  private boolean warned;

  ClockAgreement(AuditObserver observer) {
    this.observer = observer;
  }

  /**
   * Checks a batch whose earliest entry is at {@code earliestMicros} against the latest entry the
   * log held before it; returns how far the batch is behind, zero when it is not.
   */
  Duration check(long logLatestMicros, long earliestMicros) {
    if (logLatestMicros == Long.MIN_VALUE || earliestMicros >= logLatestMicros) {
      return Duration.ZERO;
    }
    Duration behind = Duration.ofNanos(Math.multiplyExact(logLatestMicros - earliestMicros, 1000L));
    observer.behindTheLog(behind);
    if (behind.compareTo(TOLERANCE) > 0) {
      warn(behind);
    }
    return behind;
  }

  private void warn(Duration behind) {
    long now = System.nanoTime();
    if (warned && now - lastWarning < QUIET.toNanos()) {
      return;
    }
    warned = true;
    lastWarning = now;
    log.warn(
        "Audit log: this node writes entries {} s earlier than the log's latest, written by another"
            + " node; a breach's scope searches the log by time with {} min of slack. Check that"
            + " every node's clock is synchronized (NTP).",
        behind.toSeconds(),
        AuditScan.SLACK.toMinutes());
  }
}
