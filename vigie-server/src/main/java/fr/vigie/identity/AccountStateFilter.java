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
  private final FreshSecondFactor fresh;
  private final GuardPrefetch prefetch;
  private final SecurityContextHolderStrategy holder =
      SecurityContextHolder.getContextHolderStrategy();

  AccountStateFilter(
      StaffAccounts accounts,
      Channels channels,
      Duration restrictedPeriod,
      Clock clock,
      FreshSecondFactor fresh,
      GuardPrefetch prefetch) {
    this.accounts = accounts;
    this.channels = channels;
    this.restrictedPeriod = restrictedPeriod;
    this.clock = clock;
    this.fresh = fresh;
    this.prefetch = prefetch;
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    try {
      guard(request, response, chain);
    } finally {
      prefetch.clear();
    }
  }

  private void guard(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    Authentication authentication = holder.getContext().getAuthentication();
    if (authentication instanceof StaffAuthentication staff) {
      Optional<StaffAccounts.Account> account = account(request, staff);
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
        if (principal.containment() == ContainmentState.STEP_UP && held(request, false)) {
          refuse(
              request,
              response,
              ProblemCode.STEP_UP_REQUIRED,
              "the guard asks for a fresh second factor");
          return;
        }
        if (principal.containment() == ContainmentState.THROTTLED && held(request, true)) {
          refuse(
              request,
              response,
              ProblemCode.ACCOUNT_THROTTLED,
              "the guard slows this account down");
          return;
        }
        if (changesPasskeys(request) && !fresh.proved(staff)) {
          refuse(
              request,
              response,
              ProblemCode.STEP_UP_REQUIRED,
              "a passkey is added or removed only in a session that proved a second factor in"
                  + " the last "
                  + fresh.within().toMinutes()
                  + " minutes");
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

  /**
   * The account's row, read on every request; with it, in the same statement, what the request will
   * read if another feature asked for it (a person's facts and sealed row).
   */
  private Optional<StaffAccounts.Account> account(
      HttpServletRequest request, StaffAuthentication staff) {
    return prefetch
        .plan(request, staff.getPrincipal())
        .map(plan -> accounts.byIdWith(staff.accountId(), plan))
        .orElseGet(() -> accounts.byId(staff.accountId()));
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
   * What a held session (a step-up not yet answered, or a throttle) may not reach: everything but
   * the sign-in steps, the step-up itself (a TOTP code or a passkey), sign-out and what is public.
   * Not only persons' data, but the journal, caseload lists, review queues, management actions, and
   * above all a new second factor (passkey registration or TOTP enrollment), which would otherwise
   * let a thief answer the step-up with a factor of its own. A throttled account still reads
   * persons, lists caseloads and works its review queue at the throttle's pace, which the guard of
   * the read path and of management ({@code access.Gate}) keeps.
   */
  private static boolean held(HttpServletRequest request, boolean throttled) {
    String path = request.getRequestURI();
    boolean open =
        path.equals("/api/session")
            || path.startsWith("/api/session/")
            || path.equals("/")
            || path.equals("/error")
            || path.equals("/api/status")
            || path.startsWith("/api/audit/")
            || path.equals("/v3/api-docs")
            || path.startsWith("/v3/api-docs/")
            || path.equals("/webauthn/authenticate/options")
            || path.equals("/login/webauthn")
            || ConsolePaths.open(path);
    boolean paced =
        throttled
            && (under(path, "/api/persons")
                || under(path, "/api/caseloads")
                || under(path, "/api/justifications")
                || ConsolePaths.paced(path));
    return !open && !paced;
  }

  private static boolean under(String path, String prefix) {
    return path.equals(prefix) || path.startsWith(prefix + "/");
  }

  /** Spring's passkey registration and removal endpoints. */
  private static boolean changesPasskeys(HttpServletRequest request) {
    String path = request.getRequestURI();
    return path.equals("/webauthn/register") || path.startsWith("/webauthn/register/");
  }

  private static void refuse(
      HttpServletRequest request, HttpServletResponse response, ProblemCode code, String detail)
      throws IOException {
    if (ConsolePaths.isConsole(request)) {
      // A page: the console's guard page says why and takes the step-up.
      response.sendRedirect(ConsolePaths.GUARD);
      return;
    }
    response.setStatus(code.httpStatus());
    response.setContentType("application/problem+json");
    response
        .getWriter()
        .write(
            "{\"type\":\"https://vigie.example/problems/"
                + code.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-')
                + "\",\"title\":\""
                + code.title()
                + "\",\"status\":"
                + code.httpStatus()
                + ",\"detail\":\""
                + detail
                + "\",\"code\":\""
                + code.name()
                + "\"}");
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
    prefetch.clear();
    HttpSession session = request.getSession(false);
    if (session != null) {
      try {
        session.invalidate();
      } catch (IllegalStateException alreadyEnded) {
        // A parallel request of the same session ended it first: what this one wanted.
      }
    }
    holder.clearContext();
  }
}
