package fr.vigie.breach;

import static org.assertj.core.api.Assertions.assertThat;

import fr.vigie.audit.AuditAction;
import fr.vigie.audit.AuditBulkLoad;
import fr.vigie.audit.AuditDecision;
import fr.vigie.audit.AuditEvent;
import fr.vigie.audit.AuditScan;
import fr.vigie.audit.AuditVerifier;
import fr.vigie.identity.IdentityIntegrationTest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The bulk load the breach benchmark grows its log with makes a log the verifier accepts, and the
 * scan finds in it exactly the entries of the selected account within the window.
 */
class BulkLoadScanIT extends IdentityIntegrationTest {
  @Autowired AuditBulkLoad loader;
  @Autowired AuditVerifier verifier;
  @Autowired AuditScan scan;

  @Test
  void scan_ofABulkLoadedLog_selectsExactlyTheAccountsEntriesInTheWindow() throws Exception {
    String thief = UUID.randomUUID().toString();
    String other = UUID.randomUUID().toString();
    Instant start = clockNow();
    List<AuditEvent> events = new ArrayList<>();
    for (int n = 0; n < 6_000; n++) {
      events.add(
          new AuditEvent(
              start.plusSeconds(n),
              n % 10 == 0 ? thief : other,
              AuditAction.READ,
              UUID.randomUUID().toString(),
              List.of("email"),
              "FOLLOW_UP",
              AuditDecision.ALLOW,
              null,
              null));
    }
    moveClock(Duration.ofSeconds(6_001));

    long size = loader.load(events.iterator(), 1_000);
    List<AuditEvent> found = new ArrayList<>();
    AuditScan.Report report =
        scan.scan(
            new AuditScan.Selection(
                Set.of(thief), Set.of(), start.plusSeconds(3_000), start.plusSeconds(3_999)),
            (index, event) -> found.add(event));

    assertThat(verifier.verify(entries -> {}).entries()).isGreaterThanOrEqualTo(size);
    assertThat(found).hasSize(100);
    assertThat(found).allMatch(e -> e.actor().equals(thief));
    assertThat(found.getFirst().at()).isEqualTo(start.plusSeconds(3_000));
    assertThat(found.getLast().at()).isEqualTo(start.plusSeconds(3_990));
    // From the checkpoint before the window (less 5 minutes) to the one after it: not the whole
    // log.
    assertThat(report.first()).isEqualTo(size - 6_000 + 2_000);
    assertThat(report.end()).isEqualTo(size - 6_000 + 5_000);
    assertThat(report.signedTo()).isEqualTo(report.end());
  }
}
