package fr.vigie.web;

import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.web.server.servlet.CookieSameSiteSupplier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Every cookie the server sets without a {@code SameSite} attribute of its own gets {@code Lax}:
 * the session cookie (also set by {@code server.servlet.session.cookie.same-site}) and any a
 * library adds. The CSRF cookie and the device cookie set theirs where they are made.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
class Cookies {
  @Bean
  CookieSameSiteSupplier sameSiteLax() {
    return CookieSameSiteSupplier.ofLax();
  }
}
