package fr.vigie.console;

import static org.assertj.core.api.Assertions.assertThat;

import fr.vigie.identity.IdentityIntegrationTest;
import fr.vigie.identity.Role;
import fr.vigie.identity.StaffClient;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The alert page's list, fetched every second by the page itself, does not keep an idle analyst's
 * session alive: once it did, and the session timeout with its warning never ended anything.
 */
class IdleSessionIT extends IdentityIntegrationTest {
  private static final Duration TIMEOUT = Duration.ofMinutes(30);
  private static final Duration POLLS_EVERY = Duration.ofMinutes(4);

  @Test
  void alertListPolling_withNoOneActive_endsTheSessionAtTheTimeout() {
    StaffClient analyst = signedIn(newAccount(Role.SECURITY_ANALYST));
    assertThat(analyst.get("/console/alertes").status()).isEqualTo(200);

    Duration idle = Duration.ZERO;
    while (idle.plus(POLLS_EVERY).compareTo(TIMEOUT) < 0) {
      moveClock(POLLS_EVERY);
      idle = idle.plus(POLLS_EVERY);
      assertThat(analyst.get("/console/alertes/liste").status()).as(idle.toString()).isEqualTo(200);
    }
    moveClock(TIMEOUT.minus(idle));

    assertThat(analyst.get("/console/alertes/liste").status()).isNotEqualTo(200);
    assertThat(analyst.get("/console/alertes").status()).isNotEqualTo(200);
    assertThat(analyst.get("/api/alerts").status()).isEqualTo(401);
  }

  @Test
  void alertListPolling_withThePersonActive_keepsTheSession() {
    StaffClient analyst = signedIn(newAccount(Role.SECURITY_ANALYST));

    for (int n = 0; n < 3; n++) {
      assertThat(analyst.get("/console/alertes").status()).isEqualTo(200);
      moveClock(TIMEOUT.minus(POLLS_EVERY));
      assertThat(analyst.get("/console/alertes/liste").status()).isEqualTo(200);
      assertThat(analyst.get("/console/presence").status()).isEqualTo(204);
      moveClock(TIMEOUT.minus(POLLS_EVERY));
      assertThat(analyst.get("/console/alertes/liste").status()).isEqualTo(200);
    }
  }
}
