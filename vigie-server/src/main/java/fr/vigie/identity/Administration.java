package fr.vigie.identity;

import fr.vigie.ProblemCode;
import fr.vigie.VigieException;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;

/**
 * The administrator's part of identity, as its console pages take it: organizations and their
 * accounts listed and opened, as {@code vigie import organizations} and {@code vigie accounts
 * create} do. An account opens with a one-time password and no second factor; unlocking is a
 * helpdesk recovery, never an administrator's switch.
 */
@Service
public class Administration {
  private static final int MOST_ACCOUNTS = 200;

  private final Openings openings;
  private final JdbcTemplate jdbc;

  Administration(Openings openings, JdbcTemplate jdbc) {
    this.openings = openings;
    this.jdbc = jdbc;
  }

  /** An organization and how many accounts it holds. */
  public record Organization(String code, OrganizationKind kind, String name, long accounts) {}

  /** An account as the administrator lists it: no password, no factor, no address. */
  public record Account(
      String login,
      Role role,
      boolean secondFactor,
      boolean locked,
      ContainmentState containment) {}

  /** Every organization, by code. */
  public List<Organization> organizations() {
    administrator();
    return jdbc.query(
        "select o.code, o.kind, o.name, count(a.id) from organization o"
            + " left join staff_account a on a.organization_id = o.id"
            + " group by o.id order by o.code",
        (rs, row) ->
            new Organization(
                rs.getString(1),
                OrganizationKind.valueOf(rs.getString(2)),
                rs.getString(3),
                rs.getLong(4)));
  }

  /** Opens an organization; false when one with this code exists already. Audited. */
  public boolean openOrganization(String code, OrganizationKind kind, String name) {
    UUID by = administrator();
    return openings.organizations(by, List.of(new Organizations.NewOrganization(code, kind, name)))
        == 1;
  }

  /** The first accounts of an organization, by login. */
  public List<Account> accounts(String organizationCode) {
    administrator();
    return jdbc.query(
        // A second factor: a confirmed TOTP seed or a passkey (an account may have passkeys only).
        "select a.login, a.role, a.totp_confirmed_at is not null or exists (select 1 from"
            + " user_credentials c join user_entities e on e.id = c.user_entity_user_id"
            + " where e.name = a.login), a.locked_at is not null,"
            + " a.containment from staff_account a join organization o"
            + " on o.id = a.organization_id where o.code = ? order by a.login limit ?",
        (rs, row) ->
            new Account(
                rs.getString(1),
                Role.valueOf(rs.getString(2)),
                rs.getBoolean(3),
                rs.getBoolean(4),
                ContainmentState.valueOf(rs.getString(5))),
        organizationCode,
        MOST_ACCOUNTS);
  }

  /**
   * Opens an account with a one-time password and, if given, an address on file for recovery codes
   * and notices; empty when the login exists already. Audited.
   */
  public Optional<Openings.Opened> openAccount(
      String login, Role role, String organizationCode, String email) {
    return openings.account(administrator(), login, role, organizationCode, email);
  }

  /** The signed-in administrator's account; anyone else is refused. */
  private static UUID administrator() {
    StaffPrincipal staff = StaffPrincipal.current().orElseThrow(SignIn::refused);
    if (staff.role() != Role.ADMINISTRATOR || staff.restricted()) {
      throw new VigieException(ProblemCode.NOT_PERMITTED, "an administrator's page");
    }
    return staff.accountId();
  }
}
