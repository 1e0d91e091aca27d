package fr.vigie.identity;

import fr.vigie.ProblemCode;
import fr.vigie.VigieException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;

/**
 * Whether the current session proved a second factor recently: what a change of factors and a
 * security analyst's decision ask for, so that a stolen session cookie alone, even of a fully
 * signed-in account, can do neither. The session renews its proof with {@code POST
 * /api/session/step-up} (a TOTP code) or {@code POST /login/webauthn} (a passkey).
 */
@Component
public class FreshSecondFactor {
  private final Clock clock;
  private final Duration within;

  FreshSecondFactor(Clock clock, @Value("${vigie.step-up.fresh-for:PT5M}") Duration within) {
    this.clock = clock;
    this.within = within;
  }

  /** How long a proof stays fresh. */
  Duration within() {
    return within;
  }

  /** Whether {@code authentication} is a staff session that proved a second factor recently. */
  boolean proved(Authentication authentication) {
    if (!(authentication instanceof StaffAuthentication staff) || !Factors.full(staff)) {
      return false;
    }
    Instant at = staff.secondFactorAt();
    Instant now = clock.instant();
    return at != null && !at.isBefore(now.minus(within));
  }

  /**
   * Goes on only if the current session proved a second factor within the last minutes; otherwise
   * throws {@link ProblemCode#STEP_UP_REQUIRED}.
   */
  public void require() {
    if (!proved(SecurityContextHolder.getContext().getAuthentication())) {
      throw required();
    }
  }

  static VigieException required() {
    return new VigieException(
        ProblemCode.STEP_UP_REQUIRED,
        "this action needs a second factor proved in this session in the last few minutes");
  }
}
