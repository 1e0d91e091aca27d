package fr.vigie.transfer;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** With an hour to refill, nothing comes back during the test: no timing is involved. */
class AccountRateLimitsTest {
  @Test
  void operations_pastTheCapacity_wait_andOtherAccountsDoNot() {
    AccountRateLimits limits = new AccountRateLimits(3, 1_000, Duration.ofHours(1));
    for (int i = 0; i < 3; i++) {
      assertThat(limits.tryOperation("digit")).isEmpty();
    }

    assertThat(limits.tryOperation("digit"))
        .hasValueSatisfying(
            wait -> assertThat(wait).isBetween(Duration.ofMinutes(19), Duration.ofMinutes(21)));
    assertThat(limits.tryOperation("other")).isEmpty();
  }

  @Test
  void bytes_movedPastTheCapacity_makeTheNextOperationWait() {
    AccountRateLimits limits = new AccountRateLimits(100, 1_000, Duration.ofHours(1));
    assertThat(limits.tryOperation("digit")).isEmpty();
    limits.moved("digit", 999);
    assertThat(limits.tryOperation("digit")).isEmpty();
    limits.moved("digit", 1_500);

    assertThat(limits.tryOperation("digit")).isPresent();
    assertThat(limits.tryOperation("other")).isEmpty();
  }
}
