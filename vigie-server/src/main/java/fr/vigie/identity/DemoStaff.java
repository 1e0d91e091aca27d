package fr.vigie.identity;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * One account per role of the console in the demo agency, so that a newcomer can click through: the
 * advisor is a generated advisor of the first France Travail agency (with its caseload), the others
 * are opened beside it. Their passwords and TOTP keys are made once, on the start that opens them,
 * and printed then only.
 */
@Service
public class DemoStaff {
  /** The roles a demo account is opened for, and their logins. */
  private static final List<Role> ROLES =
      List.of(Role.MANAGER, Role.SECURITY_ANALYST, Role.DPO, Role.HELPDESK, Role.ADMINISTRATOR);

  private final JdbcTemplate jdbc;
  private final Organizations organizations;
  private final Credentials credentials;
  private final SecondFactors secondFactors;
  private final Clock clock;

  DemoStaff(
      JdbcTemplate jdbc,
      Organizations organizations,
      Credentials credentials,
      SecondFactors secondFactors,
      Clock clock) {
    this.jdbc = jdbc;
    this.organizations = organizations;
    this.credentials = credentials;
    this.secondFactors = secondFactors;
    this.clock = clock;
  }

  /**
   * A demo account: its password and TOTP key when this call made them, null when an earlier start
   * did (and printed them).
   */
  public record DemoAccount(String login, Role role, String password, String totpKey) {
    @Override
    public String toString() {
      return "DemoAccount[" + login + ", " + role + "]";
    }
  }

  /** The demo accounts, opened and given credentials if new; empty if there is no demo agency. */
  @Transactional
  public List<DemoAccount> prepare() {
    List<String[]> advisor =
        jdbc.query(
            "select a.login, o.code from staff_account a join organization o"
                + " on o.id = a.organization_id where a.role = 'ADVISOR'"
                + " and o.kind = 'FRANCE_TRAVAIL_AGENCY' and a.login not like 'demo-%'"
                + " order by o.code, a.login limit 1",
            (row, i) -> new String[] {row.getString(1), row.getString(2)});
    if (advisor.isEmpty()) {
      return List.of();
    }
    String agency = advisor.getFirst()[1];
    List<DemoAccount> accounts = new ArrayList<>();
    accounts.add(ready(advisor.getFirst()[0], Role.ADVISOR));
    for (Role role : ROLES) {
      String login = "demo-" + role.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
      if (credentials.accountId(login).isEmpty()) {
        organizations.registerAccounts(List.of(new Organizations.NewAccount(login, agency, role)));
      }
      accounts.add(ready(login, role));
    }
    return accounts;
  }

  /** Gives the account a password and a TOTP key if it has neither yet. */
  private DemoAccount ready(String login, Role role) {
    UUID account = credentials.accountId(login).orElseThrow();
    if (secondFactors.hasTotp(account)) {
      return new DemoAccount(login, role, null, null);
    }
    String password = GeneratedPasswords.next();
    credentials.setPassword(account, password);
    return new DemoAccount(
        login, role, password, secondFactors.enrollForDemo(account, clock.instant()));
  }
}
