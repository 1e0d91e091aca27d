package fr.vigie.portal;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import fr.vigie.testing.TestingClock;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A persons' provider that does not answer: no registration, and not asked at every request. */
class SpaceProviderTest {
  private final TestingClock clock = new TestingClock(Instant.parse("2026-03-02T09:00:00Z"));
  private final AtomicInteger asked = new AtomicInteger();
  private HttpServer broken;

  @BeforeEach
  void startBrokenProvider() throws IOException {
    broken = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    broken.createContext(
        "/",
        exchange -> {
          asked.incrementAndGet();
          exchange.sendResponseHeaders(500, -1);
          exchange.close();
        });
    broken.start();
  }

  @AfterEach
  void stop() {
    broken.stop(0);
  }

  @Test
  void available_whileTheProviderFails_isEmpty_andAsksItAgainOnlyAfterTheRetryTime() {
    SpaceProvider provider =
        new SpaceProvider(
            clock,
            "http://127.0.0.1:" + broken.getAddress().getPort(),
            "vigie",
            "secret",
            "",
            new String[] {"openid"});

    assertThat(provider.available()).isEmpty();
    int first = asked.get();
    assertThat(first).as("the provider was asked").isPositive();

    clock.advance(SpaceProvider.RETRY.minus(Duration.ofSeconds(1)));
    assertThat(provider.available()).isEmpty();
    assertThat(asked.get()).as("not asked again before the retry time").isEqualTo(first);

    clock.advance(Duration.ofSeconds(1));
    assertThat(provider.available()).isEmpty();
    assertThat(asked.get()).as("asked again once the retry time has passed").isGreaterThan(first);
  }

  @Test
  void available_withoutAProvider_isEmpty() {
    SpaceProvider none = new SpaceProvider(clock, "", "", "", "", new String[] {"openid"});

    assertThat(none.available()).isEmpty();
  }
}
