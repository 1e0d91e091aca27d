package fr.vigie.detection;

import static org.assertj.core.api.Assertions.assertThat;

import fr.vigie.identity.AccountId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class SharedTokensTest {
  private static final Instant T0 = Instant.parse("2026-11-16T08:00:00Z");
  private static final AccountId ALICE = new AccountId(new UUID(1, 1));
  private static final AccountId BOB = new AccountId(new UUID(1, 2));

  @Test
  void twoAccounts_makeANetworkShared_oneAccountDoesNot() {
    SharedTokens networks = new SharedTokens();

    networks.used("office", ALICE, T0);
    networks.used("home", ALICE, T0);
    networks.used("home", ALICE, T0.plusSeconds(60));
    networks.used("office", BOB, T0.plusSeconds(60));

    assertThat(networks.shared("office")).isTrue();
    assertThat(networks.shared("home")).isFalse();
    assertThat(networks.shared("never")).isFalse();
  }

  @Test
  void full_forgetsTheNetworkUsedLongestAgo_andStillLearnsANewOne() {
    SharedTokens networks = new SharedTokens(3);
    networks.used("a", ALICE, T0);
    networks.used("a", BOB, T0);
    networks.used("b", ALICE, T0.plusSeconds(1));
    networks.used("b", BOB, T0.plusSeconds(1));
    networks.used("c", ALICE, T0.plusSeconds(2));
    networks.used("a", ALICE, T0.plusSeconds(3));

    networks.used("new-office", ALICE, T0.plusSeconds(4));
    networks.used("new-office", BOB, T0.plusSeconds(4));

    assertThat(networks.size()).isEqualTo(3);
    assertThat(networks.shared("new-office")).isTrue();
    assertThat(networks.shared("a")).isTrue();
    assertThat(networks.shared("b")).isFalse();
  }

  @Test
  void manyThreads_neverPastTheBound() throws Exception {
    SharedTokens networks = new SharedTokens(1_000);
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<?>> done = new ArrayList<>();
      for (int t = 0; t < 4; t++) {
        AccountId account = new AccountId(new UUID(2, t));
        done.add(
            pool.submit(
                () -> {
                  for (int n = 0; n < 5_000; n++) {
                    networks.used("net-" + n, account, T0.plusSeconds(n));
                  }
                }));
      }
      for (Future<?> f : done) {
        f.get();
      }
    } finally {
      pool.shutdown();
    }

    networks.used("office", ALICE, T0.plusSeconds(9_000));
    networks.used("office", BOB, T0.plusSeconds(9_000));

    assertThat(networks.size()).isEqualTo(1_000);
    assertThat(networks.shared("office")).isTrue();
  }
}
