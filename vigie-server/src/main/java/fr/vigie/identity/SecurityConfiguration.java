package fr.vigie.identity;

import static org.springframework.security.authorization.AuthorityAuthorizationManager.hasRole;
import static org.springframework.security.authorization.AuthorizationManagers.allOf;

import java.time.Clock;
import java.time.Duration;
import java.util.Set;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.config.ObjectPostProcessor;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.intercept.AuthorizationFilter;
import org.springframework.security.web.authentication.logout.LogoutFilter;
import org.springframework.security.web.savedrequest.NullRequestCache;
import org.springframework.security.web.webauthn.authentication.WebAuthnAuthenticationFilter;
import org.springframework.security.web.webauthn.management.JdbcPublicKeyCredentialUserEntityRepository;
import org.springframework.security.web.webauthn.management.JdbcUserCredentialRepository;
import org.springframework.security.web.webauthn.management.PublicKeyCredentialUserEntityRepository;
import org.springframework.security.web.webauthn.registration.WebAuthnRegistrationFilter;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Who may call what. Sign-in is a JSON API over Spring Security sessions: CSRF tokens in a cookie a
 * JS client reads (as {@code csrf.spa()}, with the token deferred: {@link SpaCsrfTokens}), Spring's
 * default security headers and session fixation protection. Every path needs both factors, except
 * the public status, the sign-in steps (a first factor) and the reading of personal data, which
 * also needs an unrestricted account.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
class SecurityConfiguration {

  @Bean
  PublicKeyCredentialUserEntityRepository passkeyUsers(JdbcTemplate jdbc) {
    return new JdbcPublicKeyCredentialUserEntityRepository(jdbc);
  }

  @Bean
  NoticedPasskeys passkeyCredentials(
      JdbcTemplate jdbc,
      FactorNotices notices,
      FreshSecondFactor fresh,
      PlatformTransactionManager transactions,
      SecondFactors factors) {
    return new NoticedPasskeys(
        new JdbcUserCredentialRepository(jdbc),
        notices,
        fresh,
        new TransactionTemplate(transactions),
        factors);
  }

  @Bean
  SecurityFilterChain staffSecurity(
      HttpSecurity http,
      StaffAccounts accounts,
      Channels channels,
      @Value("${vigie.recovery.restricted-period:PT24H}") Duration restrictedPeriod,
      Clock clock,
      SessionSteps sessions,
      ObjectProvider<ClientRegistrationRepository> identityProviders,
      OidcSignInHandler oidcSignIn,
      PasskeySignIn passkeys,
      FreshSecondFactor fresh,
      NoticedPasskeys passkeyCredentials,
      ObjectProvider<GuardPrefetch> prefetch,
      @Value("${vigie.webauthn.rp-id:localhost}") String rpId,
      @Value("${vigie.webauthn.allowed-origins:http://localhost:8080}") Set<String> origins)
      throws Exception {
    // Passkeys: registration (POST /webauthn/register/options, /webauthn/register) needs a full
    // sign-in with a fresh second factor and an unheld account (AccountStateFilter), so neither a
    // stolen password nor a stolen session adds one; it is audited and mailed to the owner
    // (FactorNotices); authentication (POST
    // /webauthn/authenticate/options, /login/webauthn) counts as the second factor. Removal
    // (DELETE /webauthn/register/{id}) is the owner's only, with a fresh second factor, audited and
    // mailed the same way (NoticedPasskeys); Spring's default refuses every removal.
    http.webAuthn(
            webAuthn ->
                webAuthn
                    .rpName("Vigie")
                    .rpId(rpId)
                    .allowedOrigins(origins)
                    .disableDefaultRegistrationPage(true)
                    .withObjectPostProcessor(
                        new ObjectPostProcessor<WebAuthnAuthenticationFilter>() {
                          @Override
                          public <O extends WebAuthnAuthenticationFilter> O postProcess(O filter) {
                            filter.setAuthenticationSuccessHandler(passkeys);
                            filter.setAuthenticationFailureHandler(passkeys);
                            return filter;
                          }
                        })
                    .withObjectPostProcessor(
                        new ObjectPostProcessor<WebAuthnRegistrationFilter>() {
                          @Override
                          public <O extends WebAuthnRegistrationFilter> O postProcess(O filter) {
                            filter.setDeleteCredentialAuthorizationManager(
                                passkeyCredentials.removalByOwner());
                            return filter;
                          }
                        }))
        .addFilterAfter(passkeys.stash(), LogoutFilter.class);
    if (identityProviders.getIfAvailable() != null) {
      // Partners' identity providers, when spring.security.oauth2.client.registration.* names any.
      http.oauth2Login(
          oidc ->
              oidc.loginPage("/")
                  .successHandler(oidcSignIn)
                  .failureHandler(
                      (request, response, failure) ->
                          response.sendRedirect(OidcSignInHandler.REFUSED)));
    }
    http.securityContext(context -> context.securityContextRepository(sessions.repository()))
        .csrf(
            csrf ->
                csrf.csrfTokenRepository(SessionSteps.CSRF_TOKENS)
                    .csrfTokenRequestHandler(new SpaCsrfTokens()))
        // An API: no session and no saved request for anyone not signed in (a session is made by
        // the first factor only), so anonymous requests cannot fill the memory.
        .requestCache(cache -> cache.requestCache(new NullRequestCache()))
        .headers(EdgeResponses::headers)
        .exceptionHandling(
            exceptions ->
                exceptions
                    .authenticationEntryPoint(EdgeResponses::signInRequired)
                    .accessDeniedHandler(EdgeResponses::denied))
        .addFilterBefore(
            new AccountStateFilter(
                accounts,
                channels,
                restrictedPeriod,
                clock,
                fresh,
                prefetch.getIfAvailable(() -> GuardPrefetch.NONE)),
            AuthorizationFilter.class)
        .authorizeHttpRequests(
            requests ->
                requests
                    .requestMatchers(HttpMethod.GET, "/", "/api/status", "/api/session", "/error")
                    .permitAll()
                    // Signed checkpoints and proofs are hashes, no personal data, and outside
                    // witnesses that are no staff must fetch them.
                    .requestMatchers(
                        HttpMethod.GET, "/api/audit/**", "/v3/api-docs", "/v3/api-docs/**")
                    .permitAll()
                    .requestMatchers(HttpMethod.POST, "/api/session")
                    .permitAll()
                    .requestMatchers(HttpMethod.DELETE, "/api/session")
                    .permitAll()
                    .requestMatchers("/api/session/totp", "/api/me/totp", "/api/me/totp/**")
                    .access(Factors.firstFactor())
                    // The console's pages: the same rules as the API they stand beside.
                    .requestMatchers(ConsolePaths.PUBLIC)
                    .permitAll()
                    .requestMatchers(ConsolePaths.SIGN_IN_STEPS)
                    .access(Factors.firstFactor())
                    .requestMatchers(ConsolePaths.ANALYST)
                    .access(allOf(Factors.fullySignedIn(), hasRole(Role.SECURITY_ANALYST.name())))
                    .requestMatchers(ConsolePaths.HELPDESK)
                    .access(allOf(Factors.fullySignedIn(), hasRole(Role.HELPDESK.name())))
                    .requestMatchers(ConsolePaths.ADMINISTRATOR)
                    .access(allOf(Factors.fullySignedIn(), hasRole(Role.ADMINISTRATOR.name())))
                    .requestMatchers(ConsolePaths.RECOVERY_APPROVALS)
                    .access(allOf(Factors.fullySignedIn(), hasRole(Role.MANAGER.name())))
                    .requestMatchers(ConsolePaths.PERSONAL_DATA)
                    .access(Factors.unrestricted())
                    .requestMatchers(HttpMethod.POST, "/api/recoveries")
                    .access(allOf(Factors.fullySignedIn(), hasRole(Role.HELPDESK.name())))
                    .requestMatchers(HttpMethod.POST, "/api/recoveries/*/approval")
                    .access(allOf(Factors.fullySignedIn(), hasRole(Role.MANAGER.name())))
                    .requestMatchers(
                        "/api/alerts",
                        "/api/alerts/**",
                        "/api/exchange/address-alerts",
                        "/api/exchange/address-alerts/**")
                    .access(allOf(Factors.fullySignedIn(), hasRole(Role.SECURITY_ANALYST.name())))
                    .requestMatchers(
                        "/api/persons",
                        "/api/persons/**",
                        "/api/caseloads/**",
                        "/api/justifications/**")
                    .access(Factors.unrestricted())
                    .anyRequest()
                    .access(Factors.fullySignedIn()));
    return http.build();
  }
}
