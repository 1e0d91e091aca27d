package fr.vigie.audit;

import static org.assertj.core.api.Assertions.assertThat;

import fr.vigie.identity.AddressRateLimiter;
import fr.vigie.testing.TestingClock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

class AuditRateLimitTest {
  private final TestingClock clock = new TestingClock(Instant.parse("2026-03-02T09:00:00Z"));
  private final AuditRateLimit.Filter filter =
      new AuditRateLimit.Filter(
          new AddressRateLimiter(clock, 2, Duration.ofSeconds(5)), Duration.ofSeconds(5));

  @Test
  void filter_addressOverItsBucket_gets429ProblemWithRetryAfterAndNoAnswer() throws Exception {
    assertThat(call("192.0.2.1").getStatus()).isEqualTo(200);
    assertThat(call("192.0.2.1").getStatus()).isEqualTo(200);

    MockHttpServletResponse refused = call("192.0.2.1");

    assertThat(refused.getStatus()).isEqualTo(429);
    assertThat(refused.getContentType()).startsWith("application/problem+json");
    assertThat(refused.getHeader("Retry-After")).isEqualTo("5");
    assertThat(refused.getContentAsString())
        .contains("\"code\":\"AUDIT_RATE_LIMITED\"")
        .contains("\"status\":429")
        .doesNotContain("192.0.2.1");
  }

  @Test
  void filter_otherAddress_keepsItsOwnBucket() throws Exception {
    call("192.0.2.1");
    call("192.0.2.1");
    assertThat(call("192.0.2.1").getStatus()).isEqualTo(429);

    assertThat(call("192.0.2.2").getStatus()).isEqualTo(200);
  }

  @Test
  void filter_afterTheRefillPeriod_letsOneMoreThrough() throws Exception {
    call("192.0.2.1");
    call("192.0.2.1");
    assertThat(call("192.0.2.1").getStatus()).isEqualTo(429);

    clock.advance(Duration.ofSeconds(5));

    assertThat(call("192.0.2.1").getStatus()).isEqualTo(200);
    assertThat(call("192.0.2.1").getStatus()).isEqualTo(429);
  }

  private MockHttpServletResponse call(String address) throws Exception {
    MockHttpServletRequest request = new MockHttpServletRequest("GET", "/api/audit/checkpoint");
    request.setRemoteAddr(address);
    MockHttpServletResponse response = new MockHttpServletResponse();
    filter.doFilter(request, response, new MockFilterChain());
    return response;
  }
}
