package fr.vigie.audit;

import java.time.Duration;

/**
 * Told how the audit log's appends go, for the metrics: called on the appender thread, so it must
 * be quick and must not throw. It learns durations and counts only, never an entry.
 */
public interface AuditObserver {
  /** One entry was durably committed, {@code nanos} after it was queued. */
  void appended(long nanos);

  /** One group commit wrote {@code entries} entries in one transaction. */
  void batchWritten(int entries);

  /**
   * A batch written after another node's entries starts {@code behind} earlier than the latest of
   * them: this node's clock is behind theirs by about that much.
   */
  void behindTheLog(Duration behind);

  /** Observes nothing. */
  AuditObserver NONE =
      new AuditObserver() {
        @Override
        public void appended(long nanos) {}

        @Override
        public void batchWritten(int entries) {}

        @Override
        public void behindTheLog(Duration behind) {}
      };
}
