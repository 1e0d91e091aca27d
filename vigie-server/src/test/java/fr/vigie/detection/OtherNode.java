package fr.vigie.detection;

import fr.vigie.identity.Containments;
import fr.vigie.identity.Scopes;
import java.time.Clock;
import java.util.Optional;
import javax.sql.DataSource;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * Another node of the test's deployment: detectors and stores of its own, on the same database and
 * the same containments as the node Spring started; {@code clock}, when given, is the one its
 * replays run on.
 */
final class OtherNode {
  private OtherNode() {}

  static AccessWatch start(ApplicationContext context, Optional<Clock> clock) {
    JdbcTemplate own = new JdbcTemplate(context.getBean(DataSource.class));
    return new AccessWatch(
        context.getBean(Containments.class),
        context.getBean(Scopes.class),
        context.getBean(Alerts.class),
        context.getBean(PlatformTransactionManager.class),
        new MemoryStore(own),
        new AppliedOffsets(own),
        new SharedCounters(own),
        new DetectionResets(own),
        new CrossStore(own),
        new AccountOrganizations(own),
        clock,
        2,
        context.getEnvironment());
  }
}
