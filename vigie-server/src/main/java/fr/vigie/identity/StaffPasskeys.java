package fr.vigie.identity;

import fr.vigie.ProblemCode;
import fr.vigie.VigieException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The passkeys of the signed-in account, as its own console page lists them: a label and dates,
 * never a key. Registration and removal stay Spring Security's WebAuthn endpoints, behind {@link
 * NoticedPasskeys}.
 */
@Service
public class StaffPasskeys {
  /**
   * The roles whose decisions ask for a fresh TOTP code (an analyst's release or confirmation of an
   * alert, the DPO's sending of notices): they keep their authenticator app beside any passkey.
   */
  static final Set<Role> DECIDE_WITH_A_CODE = EnumSet.of(Role.SECURITY_ANALYST, Role.DPO);

  private final JdbcTemplate jdbc;
  private final FreshSecondFactor fresh;
  private final SecondFactors factors;
  private final FactorNotices notices;
  private final TransactionTemplate transactions;

  StaffPasskeys(
      JdbcTemplate jdbc,
      FreshSecondFactor fresh,
      SecondFactors factors,
      FactorNotices notices,
      TransactionTemplate transactions) {
    this.jdbc = jdbc;
    this.fresh = fresh;
    this.factors = factors;
    this.notices = notices;
    this.transactions = transactions;
  }

  /** One registered passkey: what its owner named it, when it was made and last used. */
  public record Passkey(String label, Instant created, Instant lastUsed) {}

  /** The current session's account's passkeys, oldest first; none without a staff session. */
  public List<Passkey> ofCurrentAccount() {
    return current()
        .map(
            staff ->
                jdbc.query(
                    "select c.label, c.created, c.last_used from user_credentials c"
                        + " join user_entities e on e.id = c.user_entity_user_id"
                        + " join staff_account a on a.login = e.name where a.id = ?"
                        + " order by c.created",
                    (row, n) ->
                        new Passkey(
                            row.getString(1),
                            instant(row.getTimestamp(2)),
                            instant(row.getTimestamp(3))),
                    staff.accountId()))
        .orElse(List.of());
  }

  /** Whether the current session's account may finish its sign-in with a passkey. */
  public boolean currentAccountHasOne() {
    return !ofCurrentAccount().isEmpty();
  }

  /** Whether the current session's account has a TOTP seed, beside or instead of passkeys. */
  public boolean currentAccountHasTotp() {
    return current().map(staff -> factors.hasTotp(staff.accountId())).orElse(false);
  }

  /**
   * Forgets the TOTP seed of the current session's account, which then signs in with its passkeys
   * only: in a session that proved a second factor in the last minutes, for an account with a
   * passkey; mailed to the owner and audited, as a passkey's removal is.
   */
  public void removeTotp() {
    StaffAuthentication staff = current().orElseThrow(FreshSecondFactor::required);
    fresh.require();
    if (!mayGoWithoutTotp(staff)) {
      throw new VigieException(
          ProblemCode.ENROLLMENT_NOT_ALLOWED,
          "this role confirms its decisions with a code: the account keeps its TOTP");
    }
    if (!factors.hasPasskey(staff.accountId())) {
      throw new VigieException(
          ProblemCode.ENROLLMENT_NOT_ALLOWED, "a passkey first: the account keeps a second factor");
    }
    transactions.executeWithoutResult(
        status -> {
          if (factors.removeTotp(staff.accountId())) {
            notices.removed(staff.accountId(), IdentityEvent.Factor.TOTP);
          }
        });
  }

  /** Whether the current session's account may sign in with its passkeys only (by its role). */
  public boolean currentAccountMayGoWithoutTotp() {
    return current().filter(StaffPasskeys::mayGoWithoutTotp).isPresent();
  }

  private static boolean mayGoWithoutTotp(StaffAuthentication staff) {
    return !DECIDE_WITH_A_CODE.contains(staff.getPrincipal().role());
  }

  /** Whether the current session proved a second factor recently enough to add a passkey. */
  public boolean mayRegister() {
    return current().filter(fresh::proved).isPresent();
  }

  private static Optional<StaffAuthentication> current() {
    return org.springframework.security.core.context.SecurityContextHolder.getContext()
                .getAuthentication()
            instanceof StaffAuthentication staff
        ? Optional.of(staff)
        : Optional.empty();
  }

  private static Instant instant(Timestamp at) {
    return at == null ? null : at.toInstant();
  }
}
