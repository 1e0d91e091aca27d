package fr.vigie.identity;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Repository;

/** Reads and updates the sign-in state of staff accounts. */
@Repository
class StaffAccounts {
  private static final String COLUMNS =
      "a.id, a.login, a.role, a.organization_id, o.kind, a.password_hash, a.failed_attempts,"
          + " a.last_failed_at, a.locked_at, a.session_epoch, a.totp_confirmed_at,"
          + " a.restricted_until, a.containment, a.containment_since";
  private static final String FROM =
      " from staff_account a join organization o on o.id = a.organization_id";
  private static final RowMapper<Account> ROW = StaffAccounts::map;

  private final JdbcTemplate jdbc;

  StaffAccounts(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  /** One account's sign-in state; the password hash never leaves this feature. */
  record Account(
      UUID id,
      String login,
      Role role,
      UUID organizationId,
      OrganizationKind organizationKind,
      String passwordHash,
      int failedAttempts,
      Instant lastFailedAt,
      Instant lockedAt,
      int sessionEpoch,
      boolean totpEnrolled,
      Instant restrictedUntil,
      ContainmentState containment,
      Instant containmentSince) {

    boolean locked() {
      return lockedAt != null;
    }

    boolean restrictedAt(Instant now) {
      return restrictedUntil != null && now.isBefore(restrictedUntil);
    }

    StaffPrincipal principal(boolean restricted) {
      return new StaffPrincipal(id, role, organizationId, organizationKind, restricted);
    }

    StaffPrincipal principal(
        boolean restricted, ContainmentState guard, Instant recoveredAt, Channel channel) {
      return new StaffPrincipal(
          id, role, organizationId, organizationKind, restricted, guard, recoveredAt, channel);
    }

    @Override
    public String toString() {
      // No login, no hash: an id is enough to follow an account in a log.
      return "Account[id=" + id + ", role=" + role + ", locked=" + locked() + "]";
    }
  }

  Optional<Account> byLogin(String login) {
    return jdbc.query("select " + COLUMNS + FROM + " where a.login = ?", ROW, login).stream()
        .findFirst();
  }

  /** Locks the row until the transaction ends, so that parallel guesses are counted one by one. */
  Optional<Account> byLoginForUpdate(String login) {
    return jdbc
        .query("select " + COLUMNS + FROM + " where a.login = ? for update of a", ROW, login)
        .stream()
        .findFirst();
  }

  /** The account an identity provider knows as {@code subject}. */
  Optional<Account> byExternalSubject(String issuer, String subject) {
    return jdbc
        .query(
            "select " + COLUMNS + FROM + " where a.oidc_issuer = ? and a.oidc_subject = ?",
            ROW,
            issuer,
            subject)
        .stream()
        .findFirst();
  }

  Optional<Account> byIdForUpdate(UUID id) {
    return jdbc
        .query("select " + COLUMNS + FROM + " where a.id = ? for update of a", ROW, id)
        .stream()
        .findFirst();
  }

  Optional<Account> byId(UUID id) {
    return jdbc.query("select " + COLUMNS + FROM + " where a.id = ?", ROW, id).stream().findFirst();
  }

  /** How many columns {@link #COLUMNS} selects: a prefetch's columns come after. */
  private static final int COLUMN_COUNT = 14;

  /**
   * One account's state and, in the same statement, what {@code plan} loads beside it: one round
   * trip for the guard and the request's own data.
   */
  Optional<Account> byIdWith(UUID id, GuardPrefetch.Plan plan) {
    List<Object> parameters = new ArrayList<>(plan.columnParameters());
    parameters.addAll(plan.joinParameters());
    parameters.add(id);
    return jdbc
        .query(
            "select "
                + COLUMNS
                + ", "
                + plan.columns()
                + FROM
                + " "
                + plan.join()
                + " where a.id = ?",
            (row, i) -> {
              Account account = map(row, i);
              plan.reader().read(row, COLUMN_COUNT + 1);
              return account;
            },
            parameters.toArray())
        .stream()
        .findFirst();
  }

  List<UUID> managersOf(UUID organization) {
    return jdbc.queryForList(
        "select id from staff_account where organization_id = ? and role = 'MANAGER'",
        UUID.class,
        organization);
  }

  /** Counts one more failure; returns the new count. */
  int recordFailure(UUID id, Instant at) {
    return jdbc.queryForObject(
        "update staff_account set failed_attempts = failed_attempts + 1, last_failed_at = ?"
            + " where id = ? returning failed_attempts",
        Integer.class,
        Timestamp.from(at),
        id);
  }

  void lock(UUID id, Instant at) {
    jdbc.update(
        "update staff_account set locked_at = ? where id = ? and locked_at is null",
        Timestamp.from(at),
        id);
  }

  void clearFailures(UUID id) {
    jdbc.update(
        "update staff_account set failed_attempts = 0, last_failed_at = null where id = ?", id);
  }

  void setPasswordHash(UUID id, String hash) {
    jdbc.update("update staff_account set password_hash = ? where id = ?", hash, id);
  }

  private static Account map(ResultSet rs, int row) throws SQLException {
    return new Account(
        rs.getObject("id", UUID.class),
        rs.getString("login"),
        Role.valueOf(rs.getString("role")),
        rs.getObject("organization_id", UUID.class),
        OrganizationKind.valueOf(rs.getString("kind")),
        rs.getString("password_hash"),
        rs.getInt("failed_attempts"),
        instant(rs, "last_failed_at"),
        instant(rs, "locked_at"),
        rs.getInt("session_epoch"),
        rs.getTimestamp("totp_confirmed_at") != null,
        instant(rs, "restricted_until"),
        ContainmentState.valueOf(rs.getString("containment")),
        instant(rs, "containment_since"));
  }

  /**
   * Sets the account's containment. Suspending it also bumps the session epoch, which ends every
   * session it has, on every node, at their next request. Returns false for an unknown account.
   */
  boolean contain(UUID id, ContainmentState state, Instant at) {
    return jdbc.update(
            CONTAIN + " where id = ?", state.name(), Timestamp.from(at), state.name(), id)
        == 1;
  }

  /**
   * Raises the account's containment to {@code state} if it is lower, or asks for a step-up again;
   * never lowers it. Returns false when it was already as high (or there is no such account).
   */
  boolean raise(UUID id, ContainmentState state, Instant at) {
    return jdbc.update(
            CONTAIN
                + " where id = ? and ("
                + RANK
                + "containment) < "
                + RANK
                + "?)"
                // A new step-up asks again, even of a session that answered the last one.
                + " or (containment = 'STEP_UP' and ? = 'STEP_UP'))",
            state.name(),
            Timestamp.from(at),
            state.name(),
            id,
            state.name(),
            state.name())
        == 1;
  }

  /** Sets the containment and when; a suspension also ends every session of the account. */
  private static final String CONTAIN =
      "update staff_account set containment = ?, containment_since = ?,"
          + " session_epoch = session_epoch + case when ? = 'SUSPENDED' then 1 else 0 end";

  /** The severity of a containment state in SQL: its place in {@link ContainmentState}. */
  private static final String RANK =
      "array_position(array['ACTIVE', 'STEP_UP', 'THROTTLED', 'SUSPENDED']::text[], ";

  /** Every account whose containment is not ACTIVE. */
  List<Map.Entry<UUID, ContainmentState>> contained() {
    return jdbc.query(
        "select id, containment from staff_account where containment <> 'ACTIVE'",
        (rs, i) ->
            Map.entry(rs.getObject(1, UUID.class), ContainmentState.valueOf(rs.getString(2))));
  }

  static Instant instant(ResultSet rs, String column) throws SQLException {
    Timestamp t = rs.getTimestamp(column);
    return t == null ? null : t.toInstant();
  }
}
