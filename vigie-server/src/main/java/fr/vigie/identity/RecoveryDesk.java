package fr.vigie.identity;

import fr.vigie.ProblemCode;
import fr.vigie.VigieException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;

/**
 * The recovery flow as the console's pages take it: the helpdesk finds an account it serves and
 * resets it ({@link Recoveries#reset}), a manager of the account's organization approves its new
 * second factor ({@link Recoveries#approve}), and both follow the recoveries they touch. Nothing
 * here returns a secret but the temporary password of a reset, once, which is useless alone.
 */
@Service
public class RecoveryDesk {
  private static final int RECENT = 20;
  private static final String RECOVERY_COLUMNS =
      "r.id, a.login, a.role, o.code, r.started_at, r.code_hash is not null as mailed,"
          + " r.approved_at, r.code_verified_at, r.completed_at, r.cancelled_at"
          + " from account_recovery r join staff_account a on a.id = r.account_id"
          + " join organization o on o.id = a.organization_id";

  private final Recoveries recoveries;
  private final StaffAccounts accounts;
  private final StaffContacts contacts;
  private final JdbcTemplate jdbc;
  private final java.time.Clock clock;

  RecoveryDesk(
      Recoveries recoveries,
      StaffAccounts accounts,
      StaffContacts contacts,
      JdbcTemplate jdbc,
      java.time.Clock clock) {
    this.recoveries = recoveries;
    this.accounts = accounts;
    this.contacts = contacts;
    this.jdbc = jdbc;
    this.clock = clock;
  }

  /** An account as the helpdesk sees it before a reset: no password, no factor, no address. */
  public record Account(
      UUID id,
      String login,
      Role role,
      String organizationCode,
      ContainmentState containment,
      boolean locked,
      boolean addressOnFile) {}

  /** A reset just made: the temporary password to read to the owner, shown once. */
  public record Started(UUID recoveryId, String temporaryPassword) {
    @Override
    public String toString() {
      return "Started[recovery=" + recoveryId + "]";
    }
  }

  /** Where a recovery stands. */
  public enum Stage {
    /** The owner has the temporary password; a manager's approval or the mailed code is next. */
    AWAITING_GATE,
    /** Approved, or the mailed code given: the owner may enroll a new second factor. */
    GATE_PASSED,
    /** The new factor is enrolled: the account is in its restricted period. */
    COMPLETED,
    /** A newer reset replaced it. */
    CANCELLED
  }

  /** One recovery, as the helpdesk and the managers follow it. */
  public record Recovery(
      UUID id,
      String login,
      Role role,
      String organizationCode,
      Instant startedAt,
      boolean codeMailed,
      boolean approved,
      Stage stage) {}

  /**
   * The account with this login, if the signed-in helpdesk serves its organization; an unknown
   * login and one out of reach look the same.
   */
  public Optional<Account> find(String login) {
    StaffPrincipal helpdesk = helpdesk();
    Instant now = clock.instant();
    return accounts
        .byLogin(login)
        .filter(
            account ->
                Scopes.reaches(
                    helpdesk.role(),
                    helpdesk.organizationKind(),
                    new OrganizationId(helpdesk.organizationId()),
                    new OrganizationId(account.organizationId())))
        .map(
            account ->
                new Account(
                    account.id(),
                    account.login(),
                    account.role(),
                    organizationCode(account.organizationId()),
                    account.containment(),
                    account.locked(),
                    contacts.openEmail(account.id(), now).isPresent()));
  }

  /** Resets the account's password by the signed-in helpdesk: every rule is {@link Recoveries}'. */
  public Started reset(UUID account) {
    Recoveries.Reset reset = recoveries.reset(helpdesk(), account);
    return new Started(reset.recoveryId(), reset.temporaryPassword());
  }

  /** The last recoveries the signed-in helpdesk started, newest first. */
  public List<Recovery> startedByCurrent() {
    return jdbc.query(
        "select "
            + RECOVERY_COLUMNS
            + " where r.helpdesk_id = ? order by r.started_at desc limit ?",
        RecoveryDesk::recovery,
        helpdesk().accountId(),
        RECENT);
  }

  /** The open recoveries of the signed-in manager's organization, other than its own. */
  public List<Recovery> awaitingApproval() {
    StaffPrincipal manager = current();
    if (manager.role() != Role.MANAGER) {
      return List.of();
    }
    return jdbc.query(
        "select "
            + RECOVERY_COLUMNS
            + " where a.organization_id = ? and a.id <> ? and r.completed_at is null"
            + " and r.cancelled_at is null order by r.started_at",
        RecoveryDesk::recovery,
        manager.organizationId(),
        manager.accountId());
  }

  /** The signed-in manager approves the recovery's new second factor. */
  public void approve(UUID recovery) {
    recoveries.approve(current(), recovery);
  }

  private String organizationCode(UUID organization) {
    return jdbc.queryForObject(
        "select code from organization where id = ?", String.class, organization);
  }

  private static StaffPrincipal helpdesk() {
    StaffPrincipal staff = current();
    if (staff.role() != Role.HELPDESK) {
      throw new VigieException(ProblemCode.RECOVERY_NOT_ALLOWED, "a helpdesk account's page");
    }
    return staff;
  }

  private static StaffPrincipal current() {
    return StaffPrincipal.current().orElseThrow(SignIn::refused);
  }

  private static Recovery recovery(ResultSet rs, int row) throws SQLException {
    boolean approved = rs.getTimestamp("approved_at") != null;
    Stage stage;
    if (rs.getTimestamp("cancelled_at") != null) {
      stage = Stage.CANCELLED;
    } else if (rs.getTimestamp("completed_at") != null) {
      stage = Stage.COMPLETED;
    } else if (approved || rs.getTimestamp("code_verified_at") != null) {
      stage = Stage.GATE_PASSED;
    } else {
      stage = Stage.AWAITING_GATE;
    }
    return new Recovery(
        rs.getObject("id", UUID.class),
        rs.getString("login"),
        Role.valueOf(rs.getString("role")),
        rs.getString("code"),
        StaffAccounts.instant(rs, "started_at"),
        rs.getBoolean("mailed"),
        approved,
        stage);
  }
}
