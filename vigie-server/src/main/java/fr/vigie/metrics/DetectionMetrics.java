package fr.vigie.metrics;

import fr.vigie.detection.AccessWatch;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.stereotype.Component;

/**
 * The bus lag: accesses published to the detectors and not yet handled by them; with Kafka, the
 * consumer lag of the partitions this node holds. No label: never an account.
 */
@Component
class DetectionMetrics {
  static final String BUS_PENDING = "vigie.detection.bus.pending";

  DetectionMetrics(MeterRegistry registry, AccessWatch watch) {
    Gauge.builder(BUS_PENDING, watch, AccessWatch::pendingAccesses)
        .description("Accesses on the bus not yet seen by the detectors (with Kafka: consumer lag)")
        .baseUnit("accesses")
        .register(registry);
  }
}
