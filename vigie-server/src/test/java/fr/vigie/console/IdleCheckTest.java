package fr.vigie.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.mock.web.MockHttpSession;

class IdleCheckTest {

  private final IdleSessions.IdleCheck check =
      new IdleSessions.IdleCheck(
          Clock.fixed(Instant.parse("2026-03-02T09:00:00Z"), ZoneOffset.UTC),
          Duration.ofMinutes(30));

  /**
   * Seen in CI: 40 parallel wrong codes, the tenth failure locks the account and ends its session
   * while the other requests of that session are between finding it and touching it. Tomcat then
   * throws on the touch, and the request answered 500 instead of 401.
   */
  @Test
  void request_whoseSessionAnotherRequestEndedMeanwhile_goesOnWithoutIt() throws Exception {
    MockHttpServletRequest request = new MockHttpServletRequest("POST", "/api/session/totp");
    request.setSession(new EndedWhileTouched());
    MockFilterChain chain = new MockFilterChain();

    check.doFilter(request, new MockHttpServletResponse(), chain);

    assertThat(chain.getRequest()).isSameAs(request);
  }

  @Test
  void request_ofALiveSession_recordsItsActivity() throws Exception {
    MockHttpSession session = new MockHttpSession();
    MockHttpServletRequest request = new MockHttpServletRequest("GET", "/console");
    request.setSession(session);

    check.doFilter(request, new MockHttpServletResponse(), new MockFilterChain());

    assertThat(session.getAttributeNames().hasMoreElements()).isTrue();
  }

  /** A session that another request ends between this request's finding it and touching it. */
  private static final class EndedWhileTouched extends MockHttpSession {
    @Override
    public void setAttribute(String name, Object value) {
      invalidate();
      super.setAttribute(name, value);
    }
  }
}
