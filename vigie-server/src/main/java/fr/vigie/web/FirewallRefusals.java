package fr.vigie.web;

import fr.vigie.ProblemCode;
import fr.vigie.ProblemResponses;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.web.firewall.RequestRejectedHandler;

/**
 * What Spring Security's firewall refuses before any filter chain (a path that is not normalized,
 * an encoded slash, a method no route takes) is a 400 problem like every other refusal. Without
 * this it went to the container's error page and came back as Spring Boot's own JSON body, which
 * repeats the path. The detail names no part of the request, and nothing is logged.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
class FirewallRefusals {
  static final String DETAIL = "the request's method, path or headers are not accepted";

  @Bean
  RequestRejectedHandler problemForRejectedRequests() {
    return (request, response, rejected) ->
        ProblemResponses.write(response, ProblemCode.REQUEST_INVALID, DETAIL);
  }
}
