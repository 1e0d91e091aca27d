package fr.vigie.metrics;

import fr.vigie.audit.AuditLog;
import fr.vigie.audit.AuditObserver;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.springframework.stereotype.Component;

/**
 * The audit log's append latency (from queueing to durable commit: what a read waits for) and
 * group-commit batch size, and the log's size. Recorded on the appender thread: a timer and a
 * summary, nothing that blocks.
 */
@Component
class AuditMetrics implements AuditObserver {
  static final String APPEND = "vigie.audit.append";
  static final String BATCH = "vigie.audit.batch";
  static final String SIZE = "vigie.audit.entries";
  static final String BEHIND = "vigie.audit.clock.behind";

  private final Timer append;
  private final DistributionSummary batch;
  private final Timer behind;

  AuditMetrics(MeterRegistry registry, AuditLog audit) {
    this.append =
        Timer.builder(APPEND)
            .description("Time from queueing an audit entry to its durable commit")
            .publishPercentileHistogram()
            .register(registry);
    this.batch =
        DistributionSummary.builder(BATCH)
            .description("Entries written by one group commit")
            .baseUnit("entries")
            .publishPercentileHistogram()
            .minimumExpectedValue(1.0)
            .maximumExpectedValue(4096.0)
            .register(registry);
    this.behind =
        Timer.builder(BEHIND)
            .description(
                "How far a batch written after another node's entries is earlier than the latest of"
                    + " them: this node's clock behind theirs")
            .register(registry);
    Gauge.builder(SIZE, audit, AuditLog::size)
        .description("Entries in the audit log, as this process knows it; -1 before it is read")
        .register(registry);
    audit.observe(this);
  }

  @Override
  public void appended(long nanos) {
    append.record(nanos, TimeUnit.NANOSECONDS);
  }

  @Override
  public void batchWritten(int entries) {
    batch.record(entries);
  }

  @Override
  public void behindTheLog(Duration by) {
    behind.record(by);
  }
}
