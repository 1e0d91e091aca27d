package fr.vigie.audit;

import fr.vigie.ProblemCode;
import fr.vigie.identity.AddressRateLimiter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Throttles the public audit endpoints, which answer without sign-in: a token bucket per source
 * address ({@code vigie.audit.rate-limit.capacity} requests at once, one more each {@code
 * vigie.audit.rate-limit.refill-period}), so that no one address can make the server compute proofs
 * without end. Over the limit, a 429 problem detail with {@code Retry-After}.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
class AuditRateLimit {

  @Bean
  FilterRegistrationBean<Filter> auditRateLimitFilter(
      Clock clock,
      @Value("${vigie.audit.rate-limit.capacity:60}") int capacity,
      @Value("${vigie.audit.rate-limit.refill-period:PT1S}") Duration refillPeriod) {
    FilterRegistrationBean<Filter> registration =
        new FilterRegistrationBean<>(
            new Filter(new AddressRateLimiter(clock, capacity, refillPeriod), refillPeriod));
    registration.addUrlPatterns("/api/audit/*");
    // Before Spring Security: a throttled request costs as little as possible.
    registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
    return registration;
  }

  /** The filter itself: one bucket per address, a problem detail when it is empty. */
  static final class Filter extends OncePerRequestFilter {
    private static final ProblemCode CODE = ProblemCode.AUDIT_RATE_LIMITED;
    private static final String BODY =
        "{\"type\":\"https://vigie.example/problems/audit-rate-limited\",\"title\":\""
            + CODE.title()
            + "\",\"status\":"
            + CODE.httpStatus()
            + ",\"detail\":\"too many audit requests\",\"code\":\""
            + CODE.name()
            + "\"}";

    private final AddressRateLimiter limiter;
    private final String retryAfterSeconds;

    Filter(AddressRateLimiter limiter, Duration refillPeriod) {
      this.limiter = limiter;
      this.retryAfterSeconds = Long.toString(Math.max(1, refillPeriod.toSeconds()));
    }

    @Override
    protected void doFilterInternal(
        HttpServletRequest request, HttpServletResponse response, FilterChain chain)
        throws ServletException, IOException {
      if (limiter.tryAcquire(request.getRemoteAddr())) {
        chain.doFilter(request, response);
        return;
      }
      response.setStatus(CODE.httpStatus());
      response.setHeader("Retry-After", retryAfterSeconds);
      response.setContentType("application/problem+json");
      response.setCharacterEncoding(StandardCharsets.UTF_8.name());
      response.getWriter().write(BODY);
    }
  }
}
