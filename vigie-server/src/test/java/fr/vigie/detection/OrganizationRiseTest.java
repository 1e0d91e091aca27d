package fr.vigie.detection;

import static org.assertj.core.api.Assertions.assertThat;

import fr.vigie.identity.AccountId;
import fr.vigie.registry.PersonId;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * What an organization taught of its usual days survives a restart as it was: the stored week of
 * observations replayed on a start is not taught a second time.
 */
class OrganizationRiseTest {
  private static final Instant START = Instant.parse("2026-03-02T08:00:00Z");
  private static final ZoneId UTC = ZoneOffset.UTC;
  private static final String ORGANIZATION = "FT-042";

  /** Two accounts rising every day for 20 days: a usual day of two, never an alarm. */
  @Test
  void aRestart_doesNotTeachTheStoredDaysAgain() {
    CrossAccount before = new CrossAccount(UTC);
    for (int d = 0; d < 20; d++) {
      for (int n = 0; n < 2; n++) {
        assertThat(observe(before, n, START.plus(Duration.ofDays(d)).plusSeconds(60L * n)))
            .isEmpty();
      }
    }
    CrossMemory.Learned learned = learned(before);
    assertThat(learned.days()).isEqualTo(19);
    assertThat(before.memory().observations()).isNotEmpty();

    CrossAccount restarted = new CrossAccount(UTC);
    restarted.remember(before.memory());

    assertThat(learned(restarted).days()).isEqualTo(learned.days());
    assertThat(learned(restarted).usual()).isEqualTo(learned.usual());
    assertThat(learned(restarted).risingSum()).isEqualTo(learned.risingSum());
  }

  private static CrossMemory.Learned learned(CrossAccount across) {
    return across.learned().stream()
        .filter(l -> l.organization().equals(ORGANIZATION))
        .findFirst()
        .orElseThrow();
  }

  /** An access of an account reading ten persons outside its caseload today, against a usual 1. */
  private static List<CrossFinding> observe(CrossAccount across, int account, Instant at) {
    Access access =
        Access.of(
            new AccountId(new UUID(0x0A15E, account)),
            at,
            AccessKind.READ,
            new PersonId(new UUID(0x9E, account)),
            Link.OUTSIDE,
            "pc-" + account,
            "office-net");
    return across.observe(
        ORGANIZATION, access, new OrganizationRise.Today(10, 1, 0, 0, false, false));
  }
}
