package fr.vigie.identity;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;

/**
 * The passkeys of the signed-in account, as its own console page lists them: a label and dates,
 * never a key. Registration and removal stay Spring Security's WebAuthn endpoints, behind {@link
 * NoticedPasskeys}.
 */
@Service
public class StaffPasskeys {
  private final JdbcTemplate jdbc;
  private final FreshSecondFactor fresh;

  StaffPasskeys(JdbcTemplate jdbc, FreshSecondFactor fresh) {
    this.jdbc = jdbc;
    this.fresh = fresh;
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
