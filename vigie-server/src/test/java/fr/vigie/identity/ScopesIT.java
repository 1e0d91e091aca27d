package fr.vigie.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fr.vigie.ProblemCode;
import fr.vigie.VigieException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The matrix of docs/security.md over a whole Vigie: which roles each kind of organization may
 * hold, refused at account creation; and a helpdesk resets only the accounts of the organizations
 * it serves (all for France Travail's, its own for a partner's).
 */
class ScopesIT extends IdentityIntegrationTest {

  @Test
  void createAccount_roleItsOrganizationKindMayNotHold_isRefusedAndNothingStored() {
    String partner = organization(OrganizationKind.CAP_EMPLOI);
    String subcontractor = organization(OrganizationKind.SUBCONTRACTOR);
    String agency = organization(OrganizationKind.FRANCE_TRAVAIL_AGENCY);
    List<Organizations.NewAccount> refused =
        List.of(
            account(partner, Role.DPO),
            account(partner, Role.ADMINISTRATOR),
            account(subcontractor, Role.HELPDESK),
            account(subcontractor, Role.SECURITY_ANALYST),
            account(subcontractor, Role.ADVISOR),
            account(agency, Role.SUBCONTRACTOR_OPERATOR));

    for (Organizations.NewAccount account : refused) {
      assertThatThrownBy(() -> organizations.registerAccounts(List.of(account)))
          .as(account.role() + " in " + account.organizationCode())
          .isInstanceOfSatisfying(
              VigieException.class,
              e -> assertThat(e.code()).isEqualTo(ProblemCode.ROLE_NOT_ALLOWED));
      assertThat(credentials.accountId(account.login())).isEmpty();
    }
  }

  @Test
  void createAccount_roleItsOrganizationKindMayHold_isStored() {
    String partner = organization(OrganizationKind.CAP_EMPLOI);
    String subcontractor = organization(OrganizationKind.SUBCONTRACTOR);
    String agency = organization(OrganizationKind.FRANCE_TRAVAIL_AGENCY);
    List<Organizations.NewAccount> allowed =
        List.of(
            account(partner, Role.HELPDESK),
            account(partner, Role.SECURITY_ANALYST),
            account(subcontractor, Role.SUBCONTRACTOR_OPERATOR),
            account(agency, Role.DPO),
            account(agency, Role.ADMINISTRATOR));

    organizations.registerAccounts(allowed);

    for (Organizations.NewAccount account : allowed) {
      assertThat(credentials.accountId(account.login())).as(account.role().name()).isPresent();
    }
  }

  @Test
  void reset_byAPartnersHelpdeskOfAnotherOrganization_isRefused() {
    TestAccount advisor =
        newAccountWithEmail(Role.ADVISOR, organization(OrganizationKind.CAP_EMPLOI));
    TestAccount helpdesk =
        newAccount(
            Role.HELPDESK, organization(OrganizationKind.CAP_EMPLOI), OrganizationKind.CAP_EMPLOI);
    moveClock(Duration.ofMinutes(1));
    int epoch = epochOf(advisor);

    StaffClient.Answer refused =
        signedIn(helpdesk).post("/api/recoveries", Map.of("accountId", advisor.id().toString()));

    assertThat(refused.status()).isEqualTo(403);
    assertThat(refused.json().get("code").asString()).isEqualTo("RECOVERY_NOT_ALLOWED");
    assertThat(epochOf(advisor)).as("no reset: the sessions live on").isEqualTo(epoch);
    assertThat(recoveriesOf(advisor)).isZero();
  }

  @Test
  void reset_byAPartnersHelpdeskOfItsOwnOrganization_isAllowed() {
    String partner = organization(OrganizationKind.CAP_EMPLOI);
    TestAccount advisor = newAccountWithEmail(Role.ADVISOR, partner);
    TestAccount helpdesk = newAccount(Role.HELPDESK, partner, OrganizationKind.CAP_EMPLOI);
    moveClock(Duration.ofMinutes(1));

    StaffClient.Answer reset =
        signedIn(helpdesk).post("/api/recoveries", Map.of("accountId", advisor.id().toString()));

    assertThat(reset.status()).isEqualTo(201);
    assertThat(recoveriesOf(advisor)).isEqualTo(1);
  }

  @Test
  void reset_byTheNationalHelpdeskOfAPartnersAccount_isAllowed() {
    TestAccount advisor =
        newAccountWithEmail(Role.ADVISOR, organization(OrganizationKind.CAP_EMPLOI));
    TestAccount helpdesk =
        newAccount(
            Role.HELPDESK,
            organization(OrganizationKind.FRANCE_TRAVAIL_AGENCY),
            OrganizationKind.FRANCE_TRAVAIL_AGENCY);
    moveClock(Duration.ofMinutes(1));

    StaffClient.Answer reset =
        signedIn(helpdesk).post("/api/recoveries", Map.of("accountId", advisor.id().toString()));

    assertThat(reset.status()).isEqualTo(201);
    assertThat(recoveriesOf(advisor)).isEqualTo(1);
  }

  /** A helpdesk account left from before the rules, in a subcontractor: it resets nobody. */
  @Test
  void reset_byAHelpdeskInAnOrganizationThatMayNotHoldOne_isRefusedEvenInItsOwn() {
    String subcontractor = organization(OrganizationKind.SUBCONTRACTOR);
    TestAccount operator = newAccountWithEmail(Role.SUBCONTRACTOR_OPERATOR, subcontractor);
    TestAccount helpdesk = newAccount(Role.SUBCONTRACTOR_OPERATOR, subcontractor);
    jdbc.update("update staff_account set role = 'HELPDESK' where id = ?", helpdesk.id());
    moveClock(Duration.ofMinutes(1));

    StaffClient.Answer refused =
        signedIn(helpdesk).post("/api/recoveries", Map.of("accountId", operator.id().toString()));

    assertThat(refused.status()).isEqualTo(403);
    assertThat(refused.json().get("code").asString()).isEqualTo("RECOVERY_NOT_ALLOWED");
    assertThat(recoveriesOf(operator)).isZero();
  }

  private String organization(OrganizationKind kind) {
    String code = kind.name() + "-" + UUID.randomUUID();
    organizations.registerOrganizations(
        List.of(new Organizations.NewOrganization(code, kind, "Test " + kind)));
    return code;
  }

  private static Organizations.NewAccount account(String organization, Role role) {
    return new Organizations.NewAccount(
        role.name().toLowerCase() + "-" + UUID.randomUUID(), organization, role);
  }

  private int epochOf(TestAccount account) {
    return jdbc.queryForObject(
        "select session_epoch from staff_account where id = ?", Integer.class, account.id());
  }

  private long recoveriesOf(TestAccount account) {
    return jdbc.queryForObject(
        "select count(*) from account_recovery where account_id = ?", Long.class, account.id());
  }
}
