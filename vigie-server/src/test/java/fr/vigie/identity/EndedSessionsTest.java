package fr.vigie.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.security.authentication.TestingAuthenticationToken;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextImpl;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;

/**
 * A session that a parallel request ends between the container handing it over and the context
 * being read: signed out, not a 500 (the race of forty wrong codes at once, which locks the
 * account).
 */
class EndedSessionsTest {

  @Test
  void sessionEndedByAParallelRequest_readsAsSignedOut() {
    MockHttpServletRequest request = signedInRequest(new EndedWhileRead());

    SecurityContext context = new EndedSessions().loadDeferredContext(request).get();

    assertThat(context.getAuthentication()).isNull();
    assertThat(new EndedSessions().containsContext(signedInRequest(new EndedWhileRead())))
        .isFalse();
  }

  @Test
  void sessionEndedByAParallelRequest_springsOwnRepositoryThrows() {
    // What the staff chain used before: the race answered 500.
    MockHttpServletRequest request = signedInRequest(new EndedWhileRead());

    assertThatThrownBy(
            () -> new HttpSessionSecurityContextRepository().loadDeferredContext(request).get())
        .isInstanceOf(IllegalStateException.class);
  }

  @Test
  void sessionStillValid_readsItsContext() {
    MockHttpServletRequest request = signedInRequest(new MockHttpSession());

    var context = new EndedSessions().loadDeferredContext(request);

    assertThat(context.get().getAuthentication().getName()).isEqualTo("advisor");
    assertThat(context.isGenerated()).isFalse();
  }

  @Test
  void sessionStillValidThatThrows_isNotHidden() {
    MockHttpServletRequest request = signedInRequest(new BrokenButValid());

    assertThatThrownBy(() -> new EndedSessions().loadDeferredContext(request).get())
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("broken");
  }

  private static MockHttpServletRequest signedInRequest(MockHttpSession session) {
    MockHttpServletRequest request = new MockHttpServletRequest("POST", "/api/session/totp");
    request.setSession(session);
    SecurityContext context =
        new SecurityContextImpl(new TestingAuthenticationToken("advisor", null, "ROLE_ADVISOR"));
    new HttpSessionSecurityContextRepository()
        .saveContext(context, request, new MockHttpServletResponse());
    return request;
  }

  /**
   * A session whose context, once saved, fails to read: ended by another request just as this one
   * reads it (as a container's session then throws), or, when {@code ends} is false, still valid
   * and failing for another reason.
   */
  private static class FailsOnRead extends MockHttpSession {
    private final boolean ends;
    private boolean saved;

    FailsOnRead(boolean ends) {
      this.ends = ends;
    }

    @Override
    public void setAttribute(String name, Object value) {
      super.setAttribute(name, value);
      saved = true;
    }

    @Override
    public Object getAttribute(String name) {
      if (saved && !ends) {
        throw new IllegalStateException("broken");
      }
      if (saved && !isInvalid()) {
        invalidate();
      }
      return super.getAttribute(name);
    }
  }

  private static final class EndedWhileRead extends FailsOnRead {
    EndedWhileRead() {
      super(true);
    }
  }

  private static final class BrokenButValid extends FailsOnRead {
    BrokenButValid() {
      super(false);
    }
  }
}
