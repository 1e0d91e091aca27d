package fr.vigie.portal;

import static org.assertj.core.api.Assertions.assertThat;

import fr.vigie.identity.AddressRateLimiter;
import fr.vigie.registry.PersonId;
import fr.vigie.testing.TestingClock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.security.core.context.SecurityContextHolder;

class SpaceRateLimitTest {
  private final TestingClock clock = new TestingClock(Instant.parse("2026-03-02T09:00:00Z"));
  private final SpaceRateLimit filter =
      new SpaceRateLimit(
          new AddressRateLimiter(clock, 5, Duration.ofSeconds(1)),
          new SpaceRateLimit.PersonBuckets(clock, 2, Duration.ofSeconds(10)));
  private final PersonId person = new PersonId(UUID.randomUUID());

  @AfterEach
  void signOut() {
    SecurityContextHolder.clearContext();
  }

  @Test
  void filter_personOverTheirBucket_gets429ProblemNamingNobody() throws Exception {
    signedIn(person);
    assertThat(call("192.0.2.1").getStatus()).isEqualTo(200);
    assertThat(call("192.0.2.2").getStatus()).isEqualTo(200);

    MockHttpServletResponse refused = call("192.0.2.3");

    assertThat(refused.getStatus()).isEqualTo(429);
    assertThat(refused.getContentType()).startsWith("application/problem+json");
    assertThat(refused.getHeader("Retry-After")).isEqualTo("10");
    assertThat(refused.getContentAsString())
        .contains("\"code\":\"SPACE_RATE_LIMITED\"")
        .contains("\"status\":429")
        .contains("too many requests in this session")
        .doesNotContain(person.value().toString());
  }

  @Test
  void filter_anotherPerson_keepsTheirOwnBucket() throws Exception {
    signedIn(person);
    call("192.0.2.1");
    call("192.0.2.1");
    assertThat(call("192.0.2.1").getStatus()).isEqualTo(429);

    signedIn(new PersonId(UUID.randomUUID()));

    assertThat(call("192.0.2.1").getStatus()).isEqualTo(200);
  }

  @Test
  void filter_afterTheRefillPeriod_letsThePersonReadOnceMore() throws Exception {
    signedIn(person);
    call("192.0.2.1");
    call("192.0.2.1");
    assertThat(call("192.0.2.1").getStatus()).isEqualTo(429);

    clock.advance(Duration.ofSeconds(10));

    assertThat(call("192.0.2.1").getStatus()).isEqualTo(200);
    assertThat(call("192.0.2.1").getStatus()).isEqualTo(429);
  }

  @Test
  void filter_addressOverItsBucket_isRefusedBeforeAnySignIn() throws Exception {
    for (int n = 0; n < 5; n++) {
      assertThat(call("198.51.100.7").getStatus()).isEqualTo(200);
    }

    MockHttpServletResponse refused = call("198.51.100.7");

    assertThat(refused.getStatus()).isEqualTo(429);
    assertThat(refused.getContentAsString())
        .contains("too many requests from this address")
        .doesNotContain("198.51.100.7");
    assertThat(call("203.0.113.9").getStatus()).isEqualTo(200);
  }

  private static void signedIn(PersonId person) {
    SecurityContextHolder.getContext().setAuthentication(new PersonAuthentication(person));
  }

  private MockHttpServletResponse call(String address) throws Exception {
    MockHttpServletRequest request = new MockHttpServletRequest("GET", "/api/space/me");
    request.setRemoteAddr(address);
    MockHttpServletResponse response = new MockHttpServletResponse();
    filter.doFilter(request, response, new MockFilterChain());
    return response;
  }
}
