package fr.vigie.registry;

import java.time.Clock;
import java.time.LocalDate;
import java.time.Period;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Applies the retention period every night while Vigie serves: persons whose last registration
 * ended longer ago than {@code vigie.retention.period} (20 years by default) are crypto-shredded.
 * Today is the application's clock's, as everywhere else: the tests move it, and the evaluation
 * through the server drives it.
 */
@Component
class RetentionJob {
  private static final Logger log = LoggerFactory.getLogger(RetentionJob.class);

  private final Registry registry;
  private final Period period;
  private final Clock clock;

  RetentionJob(
      Registry registry, @Value("${vigie.retention.period:P20Y}") Period period, Clock clock) {
    this.registry = registry;
    this.period = period;
    this.clock = clock;
  }

  @Scheduled(cron = "${vigie.retention.cron:0 30 2 * * *}")
  void run() {
    long erased = registry.eraseExpired(period, LocalDate.now(clock));
    log.info("Retention: erased {} persons whose registration ended over {} ago", erased, period);
  }
}
