package fr.vigie.console;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.regex.Pattern;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The idle timeout of a session, which the console's own background requests do not reset. The
 * alert page fetches its list every second: the servlet container counts each fetch as activity, so
 * an analyst who left the page open stayed signed in for ever. The time of the last request a
 * person made is kept in the session; a background request that comes {@code
 * server.servlet.session.timeout} after it ends the session, as the container would have, and is
 * answered as signed out.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
class IdleSessions {
  /** The requests a page makes by itself, not a person: they do not count as activity. */
  static final Set<String> BACKGROUND = Set.of("/console/alertes/liste");

  /** The progress of a sending of notices, which the incident's page fetches while it runs. */
  static final Pattern SENDING_PROGRESS =
      Pattern.compile("/console/incidents/[0-9a-f-]{36}/envoi/etat");

  static boolean background(String path) {
    return BACKGROUND.contains(path) || SENDING_PROGRESS.matcher(path).matches();
  }

  private static final String LAST_ACTIVITY = IdleSessions.class.getName() + ".lastActivity";

  @Bean
  FilterRegistrationBean<IdleCheck> idleSessionFilter(
      Clock clock, @Value("${server.servlet.session.timeout:PT30M}") Duration timeout) {
    FilterRegistrationBean<IdleCheck> registration =
        new FilterRegistrationBean<>(new IdleCheck(clock, timeout));
    registration.addUrlPatterns("/*");
    // Before Spring Security (order -100): a session ended here is one it never sees.
    registration.setOrder(-101);
    return registration;
  }

  /** Ends a session whose last activity is older than the timeout, at a background request. */
  static final class IdleCheck extends OncePerRequestFilter {
    private final Clock clock;
    private final Duration timeout;

    IdleCheck(Clock clock, Duration timeout) {
      this.clock = clock;
      this.timeout = timeout;
    }

    @Override
    protected void doFilterInternal(
        HttpServletRequest request, HttpServletResponse response, FilterChain chain)
        throws ServletException, IOException {
      HttpSession session = request.getSession(false);
      if (session != null) {
        try {
          check(session, background(request.getRequestURI()));
        } catch (IllegalStateException endedMeanwhile) {
          // Another request of this session ended it since (a sign-out, a lock after a failed
          // second factor): there is no activity left to record, and Spring Security finds none.
        }
      }
      chain.doFilter(request, response);
    }

    private void check(HttpSession session, boolean background) {
      Instant now = clock.instant();
      if (!background || session.getAttribute(LAST_ACTIVITY) == null) {
        session.setAttribute(LAST_ACTIVITY, now);
      } else if (idleSince((Instant) session.getAttribute(LAST_ACTIVITY), now)) {
        session.invalidate();
      }
    }

    private boolean idleSince(Instant lastActivity, Instant now) {
      return !now.isBefore(lastActivity.plus(timeout));
    }
  }
}
