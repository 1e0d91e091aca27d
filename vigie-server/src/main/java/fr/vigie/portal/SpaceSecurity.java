package fr.vigie.portal;

import fr.vigie.identity.AddressRateLimiter;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Clock;
import java.time.Duration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.oauth2.client.web.DefaultOAuth2AuthorizationRequestResolver;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizationRequestCustomizers;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizationRequestResolver;
import org.springframework.security.oauth2.core.endpoint.OAuth2AuthorizationRequest;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.HttpStatusEntryPoint;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.context.SecurityContextHolderFilter;
import org.springframework.security.web.csrf.HttpSessionCsrfTokenRepository;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter;
import org.springframework.security.web.savedrequest.NullRequestCache;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.AndRequestMatcher;
import org.springframework.security.web.util.matcher.NegatedRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * The person's space has a security filter chain of its own, before the staff's: its paths only
 * ({@code /space/**}, {@code /api/space/**}), sign-in only through the persons' identity provider
 * (authorization code with PKCE), a session context and a CSRF token under keys of their own, and
 * one authority no staff account holds. A staff session is nobody here, and a person's session is
 * nobody on the staff's paths.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
class SpaceSecurity {
  static final String REGISTRATION = "franceconnect";
  static final String AUTHORIZATION_BASE = "/space/oauth2/authorization";
  static final String SIGN_IN = AUTHORIZATION_BASE + "/" + REGISTRATION;
  static final String CALLBACK = "/space/login/oauth2/code/*";

  /** Where the space keeps its context in the HTTP session: not where the staff's is. */
  static final String CONTEXT_KEY = "VIGIE_PERSON_SECURITY_CONTEXT";

  /** No script at all, nothing framed, forms posted here only. */
  static final String CONTENT_SECURITY_POLICY =
      "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self';"
          + " frame-ancestors 'none'; base-uri 'none'";

  @Bean
  SpaceProvider spaceProvider(
      Clock clock,
      @Value("${vigie.space.oidc.issuer-uri:}") String issuer,
      @Value("${vigie.space.oidc.client-id:}") String clientId,
      @Value("${vigie.space.oidc.client-secret:}") String clientSecret,
      @Value("${vigie.space.oidc.client-secret-file:}") String clientSecretFile,
      @Value("${vigie.space.oidc.scopes:openid,given_name,family_name,birthdate,gender,birthplace}")
          String[] scopes) {
    return new SpaceProvider(clock, issuer, clientId, clientSecret, clientSecretFile, scopes);
  }

  static HttpSessionSecurityContextRepository contexts() {
    HttpSessionSecurityContextRepository contexts = new HttpSessionSecurityContextRepository();
    contexts.setSpringSecurityContextKey(CONTEXT_KEY);
    return contexts;
  }

  @Bean
  @Order(1)
  SecurityFilterChain spaceFilterChain(
      HttpSecurity http,
      SpaceProvider provider,
      SpaceSignIn signIn,
      Clock clock,
      @Value("${vigie.space.rate-limit.address-capacity:120}") int addressCapacity,
      @Value("${vigie.space.rate-limit.address-refill-period:PT0.5S}") Duration addressRefill,
      @Value("${vigie.space.rate-limit.person-capacity:60}") int personCapacity,
      @Value("${vigie.space.rate-limit.person-refill-period:PT2S}") Duration personRefill)
      throws Exception {
    HttpSessionCsrfTokenRepository csrfTokens = new HttpSessionCsrfTokenRepository();
    csrfTokens.setSessionAttributeName("VIGIE_PERSON_CSRF");
    DefaultOAuth2AuthorizationRequestResolver requests =
        new DefaultOAuth2AuthorizationRequestResolver(provider.registrations(), AUTHORIZATION_BASE);
    requests.setAuthorizationRequestCustomizer(OAuth2AuthorizationRequestCustomizers.withPkce());
    PathPatternRequestMatcher.Builder paths = PathPatternRequestMatcher.withDefaults();
    RequestMatcher otherRegistration =
        new AndRequestMatcher(
            paths.matcher(AUTHORIZATION_BASE + "/*"),
            new NegatedRequestMatcher(paths.matcher(SIGN_IN)));
    // Without a provider at hand, the request to sign in goes on to SpacePages.unavailable (a 503
    // page in French) rather than failing in the filter (a 500 and a stack trace a request); a
    // registration other than FranceConnect's goes on too, as any other path of the space (wapiti
    // found the same 500 and stack trace there).
    OAuth2AuthorizationRequestResolver resolver =
        new OAuth2AuthorizationRequestResolver() {
          @Override
          public OAuth2AuthorizationRequest resolve(HttpServletRequest request) {
            return provider.available().isPresent() && !otherRegistration.matches(request)
                ? requests.resolve(request)
                : null;
          }

          @Override
          public OAuth2AuthorizationRequest resolve(HttpServletRequest request, String id) {
            return provider.available().isPresent() && REGISTRATION.equals(id)
                ? requests.resolve(request, id)
                : null;
          }
        };
    // Built here, not as a bean: Spring Boot would put a Filter bean before every path.
    SpaceRateLimit rateLimit =
        new SpaceRateLimit(
            new AddressRateLimiter(clock, addressCapacity, addressRefill),
            new SpaceRateLimit.PersonBuckets(clock, personCapacity, personRefill));
    http.securityMatcher("/space", "/space/**", "/api/space/**")
        .addFilterAfter(rateLimit, SecurityContextHolderFilter.class)
        .securityContext(context -> context.securityContextRepository(contexts()))
        .csrf(csrf -> csrf.csrfTokenRepository(csrfTokens))
        .requestCache(cache -> cache.requestCache(new NullRequestCache()))
        .headers(
            headers ->
                headers
                    .contentSecurityPolicy(csp -> csp.policyDirectives(CONTENT_SECURITY_POLICY))
                    .referrerPolicy(
                        referrer ->
                            referrer.policy(ReferrerPolicyHeaderWriter.ReferrerPolicy.NO_REFERRER)))
        .oauth2Login(
            oidc ->
                oidc.clientRegistrationRepository(provider.registrations())
                    .authorizedClientRepository(new NoAuthorizedClients())
                    .authorizationEndpoint(
                        endpoint ->
                            endpoint
                                .baseUri(AUTHORIZATION_BASE)
                                .authorizationRequestResolver(resolver))
                    .redirectionEndpoint(endpoint -> endpoint.baseUri(CALLBACK))
                    .loginPage(SpacePages.WELCOME)
                    .successHandler(signIn)
                    .failureHandler(signIn))
        .logout(
            logout ->
                logout
                    .logoutRequestMatcher(paths.matcher(HttpMethod.POST, "/space/logout"))
                    .logoutSuccessUrl(SpacePages.SIGNED_OUT))
        .exceptionHandling(
            exceptions ->
                exceptions
                    .defaultAuthenticationEntryPointFor(
                        new HttpStatusEntryPoint(HttpStatus.UNAUTHORIZED),
                        paths.matcher("/api/space/**"))
                    .defaultAuthenticationEntryPointFor(
                        new LoginUrlAuthenticationEntryPoint(SpacePages.WELCOME),
                        paths.matcher("/space/**")))
        .authorizeHttpRequests(
            requests2 ->
                requests2
                    .requestMatchers(
                        HttpMethod.GET,
                        SpacePages.WELCOME,
                        SpacePages.REFUSED,
                        SpacePages.UNAVAILABLE,
                        SpacePages.SIGNED_OUT)
                    .permitAll()
                    .anyRequest()
                    .hasAuthority(PersonAuthentication.AUTHORITY));
    return http.build();
  }
}
