package fr.vigie.identity;

import fr.vigie.ProblemCode;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Reads the account's state from the database on every request of a session: a locked account, or
 * one whose sessions were revoked (a reset bumps the epoch), loses its session at once; otherwise
 * the request sees the current role, restriction and containment, not the ones of the sign-in. A
 * suspended account gets nothing: its sessions end here (the guard). Any other kind of
 * authentication left in a session is not a staff sign-in and is dropped.
 */
final class AccountStateFilter extends OncePerRequestFilter {
  private final StaffAccounts accounts;
  private final Channels channels;
  private final Duration restrictedPeriod;
  private final Clock clock;
  private final SecurityContextHolderStrategy holder =
      SecurityContextHolder.getContextHolderStrategy();

  AccountStateFilter(
      StaffAccounts accounts, Channels channels, Duration restrictedPeriod, Clock clock) {
    this.accounts = accounts;
    this.channels = channels;
    this.restrictedPeriod = restrictedPeriod;
    this.clock = clock;
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    Authentication authentication = holder.getContext().getAuthentication();
    if (authentication instanceof StaffAuthentication staff) {
      Optional<StaffAccounts.Account> account = accounts.byId(staff.accountId());
      if (account.isEmpty()
          || account.get().locked()
          || account.get().sessionEpoch() != staff.sessionEpoch()
          || account.get().containment() == ContainmentState.SUSPENDED) {
        endSession(request);
      } else {
        StaffAccounts.Account current = account.get();
        boolean restricted = !Factors.hasSecond(staff) || current.restrictedAt(clock.instant());
        StaffPrincipal principal =
            current.principal(
                restricted,
                guard(current, staff),
                current.restrictedUntil() == null
                    ? null
                    : current.restrictedUntil().minus(restrictedPeriod),
                channels.of(request));
        SecurityContext context = holder.createEmptyContext();
        context.setAuthentication(staff.refreshed(principal));
        // For this request only: the session keeps what the sign-in stored.
        holder.setContext(context);
        giveDeviceCookie(request, response);
        if (principal.containment() == ContainmentState.STEP_UP && heldByStepUp(request)) {
          refuseUntilStepUp(response);
          return;
        }
      }
    } else if (authentication != null
        && !(authentication instanceof AnonymousAuthenticationToken)
        && !authenticationInProgress(request)) {
      endSession(request);
    }
    chain.doFilter(request, response);
  }

  /** The account's containment as this session sees it: a step-up it answered no longer holds. */
  private static ContainmentState guard(StaffAccounts.Account account, StaffAuthentication staff) {
    if (account.containment() == ContainmentState.STEP_UP
        && staff.secondFactorAt() != null
        && account.containmentSince() != null
        && !staff.secondFactorAt().isBefore(account.containmentSince())) {
      return ContainmentState.ACTIVE;
    }
    return account.containment();
  }

  /**
   * Everything but the sign-in steps waits for a step-up: not only persons' data, but the journal,
   * caseload lists, review queues and management actions too.
   */
  private static boolean heldByStepUp(HttpServletRequest request) {
    String path = request.getRequestURI();
    return path.startsWith("/api/")
        && !path.startsWith("/api/session")
        && !path.startsWith("/api/audit/");
  }

  private static void refuseUntilStepUp(HttpServletResponse response) throws IOException {
    response.setStatus(HttpServletResponse.SC_FORBIDDEN);
    response.setContentType("application/problem+json");
    response
        .getWriter()
        .write(
            "{\"type\":\"https://vigie.example/problems/step-up-required\",\"title\":\""
                + ProblemCode.STEP_UP_REQUIRED.title()
                + "\",\"status\":403,\"detail\":\"the guard asks for a fresh second factor\","
                + "\"code\":\"STEP_UP_REQUIRED\"}");
  }

  /**
   * A browser signed in some other way than with a password (an identity provider, a passkey) gets
   * its device cookie here, so that the detectors tell its devices apart by more than a user agent.
   */
  private static void giveDeviceCookie(HttpServletRequest request, HttpServletResponse response) {
    if (Channels.deviceCookie(request) == null) {
      response.addCookie(Channels.newDeviceCookie(request.isSecure()));
    }
  }

  /** Where Spring's own filters put their results before Vigie's success handlers take over. */
  private static boolean authenticationInProgress(HttpServletRequest request) {
    String path = request.getRequestURI();
    return path.startsWith("/login/") || path.startsWith("/oauth2/");
  }

  private void endSession(HttpServletRequest request) {
    HttpSession session = request.getSession(false);
    if (session != null) {
      session.invalidate();
    }
    holder.clearContext();
  }
}
