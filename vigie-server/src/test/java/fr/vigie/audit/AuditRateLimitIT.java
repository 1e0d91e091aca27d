package fr.vigie.audit;

import static org.assertj.core.api.Assertions.assertThat;

import fr.vigie.identity.IdentityIntegrationTest;
import fr.vigie.identity.StaffClient;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The public audit endpoints throttled per address in the running application (the shared test
 * context allows 5 at once, one more each 10 seconds), while the rest of the API is not.
 */
class AuditRateLimitIT extends IdentityIntegrationTest {

  @Test
  void auditEndpoints_moreThanTheBucketFromOneAddress_get429UntilItRefills() {
    StaffClient witness = client();
    // Empty whatever the bucket holds (another test may have spent some of it), then refill it.
    for (int n = 0; n < 6; n++) {
      witness.get("/api/audit/checkpoint");
    }
    moveClock(Duration.ofSeconds(50));
    int served = 0;
    StaffClient.Answer last = null;
    for (int n = 0; n < 6; n++) {
      last = witness.get("/api/audit/proof/consistency?from=1&to=1");
      if (last.status() != 429) {
        served++;
      }
    }

    assertThat(served).isEqualTo(5);
    assertThat(last.status()).isEqualTo(429);
    assertThat(last.json().get("code").asString()).isEqualTo("AUDIT_RATE_LIMITED");
    assertThat(last.response().headers().firstValue("Retry-After")).hasValue("10");
    assertThat(witness.get("/api/status").status()).isEqualTo(200);
    moveClock(Duration.ofSeconds(10));
    assertThat(witness.get("/api/audit/checkpoint").status()).isNotEqualTo(429);
  }
}
