package fr.vigie.metrics;

import fr.vigie.identity.IdentityEvent;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * Counts the containments set, by state (step-up, throttle, suspension, back to active) and by who
 * set them: the detectors and ceilings, or a security analyst. Counted once the change is
 * committed.
 */
@Component
class ContainmentMetrics {
  static final String CONTAINMENTS = "vigie.containments";

  private final MeterRegistry registry;

  ContainmentMetrics(MeterRegistry registry) {
    this.registry = registry;
  }

  @TransactionalEventListener(fallbackExecution = true)
  void on(IdentityEvent.ContainmentChanged changed) {
    Counter.builder(CONTAINMENTS)
        .tag("state", changed.state().name())
        .tag("by", changed.by() == null ? "detection" : "analyst")
        .register(registry)
        .increment();
  }
}
