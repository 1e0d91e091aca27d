package fr.vigie.identity;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.UUID;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.FactorGrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/**
 * A staff session's authentication: the account, the epoch of its sessions when it began (a reset
 * bumps the epoch, which ends it), the role and the factors proved so far.
 */
final class StaffAuthentication extends AbstractAuthenticationToken {
  private static final long serialVersionUID = 1L;

  private final StaffPrincipal principal;
  private final String login;
  private final int sessionEpoch;
  private final List<String> factors;
  private final Instant secondFactorAt;

  private StaffAuthentication(
      StaffPrincipal principal,
      String login,
      int sessionEpoch,
      List<String> factors,
      Instant secondFactorAt) {
    super(authorities(principal, factors));
    this.principal = principal;
    this.login = login;
    this.sessionEpoch = sessionEpoch;
    this.factors = List.copyOf(factors);
    this.secondFactorAt = secondFactorAt;
    setAuthenticated(true);
  }

  /** A session that has just proved {@code firstFactor}. */
  static StaffAuthentication firstFactor(StaffAccounts.Account account, String firstFactor) {
    return new StaffAuthentication(
        account.principal(true),
        account.login(),
        account.sessionEpoch(),
        List.of(firstFactor),
        null);
  }

  /** This session, with one more factor proved. */
  StaffAuthentication with(String factor) {
    if (factors.contains(factor)) {
      return this;
    }
    List<String> more = new ArrayList<>(factors);
    more.add(factor);
    return new StaffAuthentication(principal, login, sessionEpoch, more, secondFactorAt);
  }

  /** This session, having proved a second factor at {@code at}: it answers a step-up before. */
  StaffAuthentication provedSecondFactorAt(Instant at) {
    return new StaffAuthentication(principal, login, sessionEpoch, factors, at);
  }

  /**
   * This session, moved to the account's new session {@code epoch}: it outlives the bump that ends
   * every other session (a password change).
   */
  StaffAuthentication inEpoch(int epoch) {
    return new StaffAuthentication(principal, login, epoch, factors, secondFactorAt);
  }

  /** When this session last proved a second factor through Vigie, or null. */
  Instant secondFactorAt() {
    return secondFactorAt;
  }

  /** This session as of the account's current state. */
  StaffAuthentication refreshed(StaffPrincipal current) {
    return new StaffAuthentication(current, login, sessionEpoch, factors, secondFactorAt);
  }

  UUID accountId() {
    return principal.accountId();
  }

  int sessionEpoch() {
    return sessionEpoch;
  }

  @Override
  public StaffPrincipal getPrincipal() {
    return principal;
  }

  @Override
  public Object getCredentials() {
    return null;
  }

  /** The login: the name a passkey's user entity carries, so Spring can join the two factors. */
  @Override
  public String getName() {
    return login;
  }

  @Override
  public String toString() {
    return "StaffAuthentication[account=" + principal.accountId() + ", factors=" + factors + "]";
  }

  private static Collection<GrantedAuthority> authorities(
      StaffPrincipal principal, List<String> factors) {
    List<GrantedAuthority> authorities = new ArrayList<>();
    authorities.add(new SimpleGrantedAuthority("ROLE_" + principal.role().name()));
    for (String factor : factors) {
      authorities.add(FactorGrantedAuthority.fromAuthority(factor));
    }
    return authorities;
  }
}
