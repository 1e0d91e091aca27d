package fr.vigie.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import fr.vigie.ProblemCode;
import fr.vigie.VigieException;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * Who may sign in with passkeys only: not the roles whose decisions ask for a fresh TOTP code, or a
 * passkey-only analyst could no longer release an alert, nor a passkey-only DPO send notices; and
 * the administrator's list counts a passkey as a second factor.
 */
class TotpRemovalIT extends IdentityIntegrationTest {
  @Autowired StaffPasskeys passkeys;
  @Autowired StaffAccounts accounts;
  @Autowired Administration administration;

  @AfterEach
  void signOut() {
    SecurityContextHolder.clearContext();
  }

  @Test
  void removeTotp_byAnAnalystOrADpo_isRefusedForTheirRole() {
    for (Role role : new Role[] {Role.SECURITY_ANALYST, Role.DPO}) {
      signedInFreshly(newAccount(role));

      assertThat(passkeys.currentAccountMayGoWithoutTotp()).as("%s", role).isFalse();
      assertThatThrownBy(passkeys::removeTotp)
          .as("%s", role)
          .isInstanceOfSatisfying(
              VigieException.class,
              e -> assertThat(e.code()).isEqualTo(ProblemCode.ENROLLMENT_NOT_ALLOWED))
          .hasMessageContaining("role");
    }
  }

  @Test
  void removeTotp_byAnAdvisor_isRefusedOnlyForWantOfAPasskey() {
    signedInFreshly(newAccount(Role.ADVISOR));

    assertThat(passkeys.currentAccountMayGoWithoutTotp()).isTrue();
    assertThatThrownBy(passkeys::removeTotp)
        .isInstanceOf(VigieException.class)
        .hasMessageContaining("passkey first")
        .hasMessageNotContaining("role");
  }

  @Test
  void accountList_countsAPasskeyAsASecondFactor() {
    String organization = "FT-" + UUID.randomUUID();
    TestAccount withPasskey = newAccount(Role.ADVISOR, organization);
    TestAccount without = newAccount(Role.ADVISOR, organization);
    String user = UUID.randomUUID().toString();
    jdbc.update("insert into user_entities (id, name) values (?, ?)", user, withPasskey.login());
    jdbc.update(
        "insert into user_credentials (credential_id, user_entity_user_id, public_key,"
            + " backup_eligible, backup_state, label) values (?, ?, ?, false, false, 'clé')",
        UUID.randomUUID().toString(),
        user,
        new byte[] {1});
    signedInFreshly(newAccount(Role.ADMINISTRATOR));

    assertThat(administration.accounts(organization))
        .extracting(Administration.Account::login, Administration.Account::secondFactor)
        .containsExactlyInAnyOrder(tuple(withPasskey.login(), true), tuple(without.login(), false));
  }

  /** A session that proved its password and a TOTP code just now, as the console's would. */
  private void signedInFreshly(TestAccount account) {
    StaffAccounts.Account stored = accounts.byId(account.id()).orElseThrow();
    // Both factors proved: no longer restricted to finishing the sign-in.
    StaffAuthentication session =
        StaffAuthentication.firstFactor(stored, Factors.PASSWORD)
            .with(Factors.TOTP)
            .provedSecondFactorAt(clock.instant())
            .refreshed(stored.principal(false));
    SecurityContextHolder.getContext().setAuthentication(session);
  }
}
