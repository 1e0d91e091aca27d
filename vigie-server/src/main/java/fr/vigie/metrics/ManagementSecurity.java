package fr.vigie.metrics;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.Environment;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * The management port's requests: health and the Prometheus text, read-only, without a session. The
 * port is bound to 127.0.0.1 (a scraper on the same host or behind a tunnel), and the chain matches
 * a request only when it arrived on that port, so the staff port's rules still apply to {@code
 * /actuator/**} there (where nothing serves it anyway).
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
class ManagementSecurity {

  @Bean
  @Order(Ordered.HIGHEST_PRECEDENCE)
  SecurityFilterChain managementPortSecurity(HttpSecurity http, Environment environment)
      throws Exception {
    RequestMatcher onManagementPort = request -> arrivedOnManagementPort(request, environment);
    return http.securityMatcher(onManagementPort)
        .authorizeHttpRequests(
            requests ->
                requests
                    .requestMatchers("/actuator/health", "/actuator/prometheus")
                    .permitAll()
                    .anyRequest()
                    .denyAll())
        .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
        .csrf(csrf -> csrf.disable()) // GET only: denyAll refuses every other request
        .requestCache(cache -> cache.disable())
        .build();
  }

  /** False when the management port is not known (not started, or the same as the staff port). */
  private static boolean arrivedOnManagementPort(
      HttpServletRequest request, Environment environment) {
    Integer management = environment.getProperty("local.management.port", Integer.class);
    Integer server = environment.getProperty("local.server.port", Integer.class);
    return management != null
        && management > 0
        && !management.equals(server)
        && request.getLocalPort() == management;
  }
}
