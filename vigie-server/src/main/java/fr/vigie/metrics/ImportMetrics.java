package fr.vigie.metrics;

import fr.vigie.registry.ImportObserver;
import fr.vigie.registry.ImportProgress;
import fr.vigie.registry.ImportReport;
import fr.vigie.registry.Registry;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.stereotype.Component;

/**
 * Import progress in this process: rows handled as the import goes, imports running, and at the end
 * the persons by outcome (inserted, updated, unchanged, superseded, rejected) and failed imports.
 * The reasons of rejects stay in the reject file and the report, not here.
 */
@Component
class ImportMetrics implements ImportObserver {
  static final String ROWS = "vigie.import.rows";
  static final String PERSONS = "vigie.import.persons";
  static final String RUNNING = "vigie.import.running";
  static final String FAILED = "vigie.import.failed";

  private final MeterRegistry registry;
  private final Counter rows;
  private final AtomicInteger running = new AtomicInteger();

  ImportMetrics(MeterRegistry registry, Registry persons) {
    this.registry = registry;
    this.rows =
        Counter.builder(ROWS)
            .description("Rows handled by imports (stored, unchanged or rejected), as they go")
            .register(registry);
    Gauge.builder(RUNNING, running, AtomicInteger::get)
        .description("Imports running now")
        .register(registry);
    persons.observeImports(this);
  }

  @Override
  public ImportProgress started() {
    running.incrementAndGet();
    AtomicLong seen = new AtomicLong();
    return (handled, done, total) -> rows.increment(Math.max(0, handled - seen.getAndSet(handled)));
  }

  @Override
  public void finished(ImportReport report) {
    running.decrementAndGet();
    if (report == null) {
      Counter.builder(FAILED).description("Imports that failed").register(registry).increment();
      return;
    }
    persons("inserted", report.inserted());
    persons("updated", report.updated());
    persons("unchanged", report.unchanged());
    persons("superseded", report.superseded());
    persons("rejected", report.rejected());
  }

  private void persons(String outcome, long count) {
    Counter.builder(PERSONS)
        .description("Persons handled by finished imports, by outcome")
        .tag("outcome", outcome)
        .register(registry)
        .increment(count);
  }
}
