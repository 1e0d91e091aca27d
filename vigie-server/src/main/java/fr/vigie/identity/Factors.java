package fr.vigie.identity;

import java.util.Set;
import java.util.function.Supplier;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.FactorGrantedAuthority;
import org.springframework.security.web.access.intercept.RequestAuthorizationContext;

/**
 * The factor authorities of Spring Security's multi-factor support, and the rules over them.
 *
 * <p>Spring's {@code AllRequiredFactorsAuthorizationManager} requires every listed factor; Vigie
 * needs one first factor (a password or an identity provider) and any one second factor (TOTP, a
 * passkey, or an identity provider that proved one), so the rule is written here explicitly. It
 * answers a plain denial, which the API maps to 401/403 instead of a redirect to a login page.
 */
final class Factors {
  static final String PASSWORD = FactorGrantedAuthority.PASSWORD_AUTHORITY;
  static final String IDENTITY_PROVIDER = FactorGrantedAuthority.AUTHORIZATION_CODE_AUTHORITY;
  static final String TOTP = "FACTOR_TOTP";
  static final String PASSKEY = FactorGrantedAuthority.WEBAUTHN_AUTHORITY;
  static final String IDENTITY_PROVIDER_MFA = "FACTOR_IDP_MFA";

  private static final Set<String> FIRST = Set.of(PASSWORD, IDENTITY_PROVIDER);
  private static final Set<String> SECOND = Set.of(TOTP, PASSKEY, IDENTITY_PROVIDER_MFA);

  private Factors() {}

  static boolean hasFirst(Authentication authentication) {
    return has(authentication, FIRST);
  }

  static boolean hasSecond(Authentication authentication) {
    return has(authentication, SECOND);
  }

  static boolean full(Authentication authentication) {
    return hasFirst(authentication) && hasSecond(authentication);
  }

  /** A first factor is proved (the second may be missing): the sign-in and enrollment steps. */
  static AuthorizationManager<RequestAuthorizationContext> firstFactor() {
    return (authentication, context) -> decide(authentication, Factors::hasFirst);
  }

  /** Both factors are proved. */
  static AuthorizationManager<RequestAuthorizationContext> fullySignedIn() {
    return (authentication, context) -> decide(authentication, Factors::full);
  }

  /**
   * Both factors are proved and the account is not restricted: what reading personal data needs.
   */
  static AuthorizationManager<RequestAuthorizationContext> unrestricted() {
    return (authentication, context) ->
        decide(
            authentication,
            a -> full(a) && a.getPrincipal() instanceof StaffPrincipal p && !p.restricted());
  }

  private static AuthorizationDecision decide(
      Supplier<? extends Authentication> authentication,
      java.util.function.Predicate<Authentication> rule) {
    Authentication a = authentication.get();
    return new AuthorizationDecision(a != null && a.isAuthenticated() && rule.test(a));
  }

  private static boolean has(Authentication authentication, Set<String> factors) {
    if (authentication == null) {
      return false;
    }
    for (GrantedAuthority authority : authentication.getAuthorities()) {
      if (factors.contains(authority.getAuthority())) {
        return true;
      }
    }
    return false;
  }
}
