package fr.vigie.console;

import static fr.vigie.identity.OrganizationKind.FRANCE_TRAVAIL_AGENCY;
import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMailUtil;
import fr.vigie.audit.AuditLog;
import fr.vigie.identity.Credentials;
import fr.vigie.identity.IdentityIntegrationTest;
import fr.vigie.identity.OrganizationKind;
import fr.vigie.identity.Role;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.Arrays;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.openqa.selenium.virtualauthenticator.VirtualAuthenticatorOptions;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

/**
 * The console's sign-in with a passkey, and the helpdesk's and administrator's pages, in a real
 * browser (Debian's Chromium, headless, with its virtual authenticator) against a whole Vigie:
 * axe-core on every page shown, and a screenshot of each role's main page for docs/console.md.
 */
// A server of its own, on a port chosen here: a passkey's signed client data names the page's
// origin, which the server must allow (vigie.webauthn.allowed-origins), so the origin is known
// before the server starts. The audit limit per address is raised as for ConsoleBrowserIT.
@TestPropertySource(properties = "vigie.audit.rate-limit.capacity=100000")
class ConsoleAdminBrowserIT extends IdentityIntegrationTest {
  private static final int PORT = freePort();

  @DynamicPropertySource
  static void origin(DynamicPropertyRegistry properties) {
    properties.add("server.port", () -> PORT);
    properties.add("vigie.webauthn.allowed-origins", () -> "http://localhost:" + PORT);
  }

  @Autowired Credentials staffCredentials;
  @Autowired AuditLog audit;

  private final ConsoleSignIn signIn =
      new ConsoleSignIn(this::codeNow, IdentityIntegrationTest::seedOfKey);
  private String agency;

  @BeforeEach
  void agency() {
    // The tests before, in the same server, sign in from this address too.
    moveToNextWeekdayMorning();
    agency = "FT-" + UUID.randomUUID();
  }

  @Test
  void passkey_registeredOnItsPage_thenFinishesTheSignInAndAnswersAStepUp() {
    TestAccount account = newAccount(Role.ADVISOR, agency, OrganizationKind.FRANCE_TRAVAIL_AGENCY);
    try (Browser browser = new Browser(base())) {
      browser.driver.addVirtualAuthenticator(platformAuthenticator());
      byte[] seed = signIn.signInAndEnroll(browser, account.login(), PASSWORD);

      // An older proof than the last minutes: the page asks a fresh code before a new factor.
      moveClock(Duration.ofMinutes(6));
      browser.open("/console/cles");
      assertThat(browser.findAll("#aucune-cle")).hasSize(1);
      assertThat(browser.findAll("#cle-enregistrement")).isEmpty();
      browser.assertAccessible();
      nextStep();
      browser.type("#code", codeNow(seed));
      browser.submit("main form");

      browser.type("#libelle", "Ordinateur du bureau");
      browser.submit("#cle-enregistrement");
      assertThat(browser.await("#cles", Duration.ofSeconds(30)).getText())
          .contains("Ordinateur du bureau");
      assertThat(passkeysOf(account)).isEqualTo(1);
      browser.assertAccessible();
      browser.screenshot("cles");

      signIn.signOut(browser);
      signIn.password(browser, account.login(), PASSWORD);
      assertThat(browser.path()).isEqualTo("/console/connexion/code");
      browser.assertAccessible();
      browser.screenshot("connexion-cle");
      browser.click("#cle-connexion");
      new WebDriverWait(browser.driver, Duration.ofSeconds(30))
          .until(d -> !browser.path().startsWith("/console/connexion"));

      assertThat(browser.path()).isEqualTo("/console/recherche");
      browser.assertAccessible();
      assertThat(
              jdbc.queryForObject(
                  "select count(*) from user_credentials c join user_entities e"
                      + " on e.id = c.user_entity_user_id where e.name = ?"
                      + " and c.last_used is not null",
                  Long.class,
                  account.login()))
          .as("the passkey was used for this sign-in")
          .isEqualTo(1);

      // The guard asks a step-up: the passkey answers it as a fresh code would.
      moveClock(Duration.ofSeconds(1));
      jdbc.update(
          "update staff_account set containment = 'STEP_UP', containment_since = ? where id = ?",
          java.sql.Timestamp.from(clockNow()),
          account.id());
      browser.open("/console/portefeuille");
      assertThat(browser.path()).isEqualTo("/console/garde");
      browser.assertAccessible();
      browser.click("#cle-connexion");
      new WebDriverWait(browser.driver, Duration.ofSeconds(30))
          .until(d -> !browser.path().equals("/console/garde"));
      browser.open("/console/portefeuille");
      assertThat(browser.path()).isEqualTo("/console/portefeuille");
    }
  }

  @Test
  void passkeyOnly_afterTheTotpIsRemoved_signsInWithPasswordAndPasskey_andKeepsItsLastKey() {
    TestAccount account = newAccount(Role.ADVISOR, agency, OrganizationKind.FRANCE_TRAVAIL_AGENCY);
    try (Browser browser = new Browser(base())) {
      browser.driver.addVirtualAuthenticator(platformAuthenticator());
      signIn.signInAndEnroll(browser, account.login(), PASSWORD);
      browser.open("/console/cles");
      assertThat(browser.findAll("#retrait-totp")).as("no passkey yet").isEmpty();
      browser.type("#libelle", "Ordinateur du bureau");
      browser.submit("#cle-enregistrement");
      browser.await("#cles", Duration.ofSeconds(30));

      browser.open("/console/cles");
      browser.submit("#retrait-totp");
      assertThat(browser.text(".notice.succes")).contains("Application d'authentification retirée");
      assertThat(browser.findAll("#sans-totp")).hasSize(1);
      browser.assertAccessible();
      assertThat(
              jdbc.queryForObject(
                  "select totp_secret is null and totp_confirmed_at is null from staff_account"
                      + " where id = ?",
                  Boolean.class,
                  account.id()))
          .isTrue();
      assertThat(
              jdbc.queryForObject(
                  "select count(*) from audit_entry where actor = convert_to(?, 'UTF8')"
                      + " and position(convert_to('REMOVED.TOTP', 'UTF8') in entry) > 0",
                  Long.class,
                  account.id().toString()))
          .isEqualTo(1);

      signIn.signOut(browser);
      signIn.password(browser, account.login(), PASSWORD);
      assertThat(browser.path())
          .as("a passkey is a second factor: no enrollment of a new seed")
          .isEqualTo("/console/connexion/code");
      assertThat(browser.findAll("#code-totp")).isEmpty();
      assertThat(browser.findAll("#cle-seule")).hasSize(1);
      browser.assertAccessible();
      browser.click("#cle-connexion");
      new WebDriverWait(browser.driver, Duration.ofSeconds(30))
          .until(d -> !browser.path().startsWith("/console/connexion"));
      assertThat(browser.path()).isEqualTo("/console/recherche");
      assertThat(browser.findAll("#cle-recente")).isEmpty();
    }
    try (Browser stranger = new Browser(base())) {
      signIn.password(stranger, account.login(), PASSWORD);
      assertThat(stranger.path()).isEqualTo("/console/connexion/code");
      stranger.open("/console/connexion/enrolement");
      assertThat(stranger.path())
          .as("the password alone enrolls no seed for an account with a passkey")
          .isEqualTo("/console/connexion/code");
      stranger.open("/console/recherche");
      assertThat(stranger.path())
          .as("a password alone opens no page")
          .isIn("/console/refus", "/console/connexion/code");
    }
  }

  @Test
  void passkeySignIn_withoutThePasskey_staysOnTheCodePage() {
    TestAccount account = newAccount(Role.ADVISOR, agency, OrganizationKind.FRANCE_TRAVAIL_AGENCY);
    try (Browser owner = new Browser(base());
        Browser stranger = new Browser(base())) {
      owner.driver.addVirtualAuthenticator(platformAuthenticator());
      signIn.signInAndEnroll(owner, account.login(), PASSWORD);
      owner.open("/console/cles");
      owner.type("#libelle", "Ordinateur du bureau");
      owner.submit("#cle-enregistrement");
      owner.await("#cles", Duration.ofSeconds(30));

      // The password is known, the passkey is not there: another authenticator, empty.
      stranger.driver.addVirtualAuthenticator(platformAuthenticator());
      signIn.password(stranger, account.login(), PASSWORD);
      stranger.click("#cle-connexion");

      stranger.await("#erreur-cle:not([hidden])", Duration.ofSeconds(60));
      assertThat(stranger.path()).isEqualTo("/console/connexion/code");
      stranger.open("/console/recherche");
      assertThat(stranger.path()).isIn("/console/refus", "/console/connexion/code");
      assertThat(stranger.findAll("form.recherche")).isEmpty();
    }
  }

  @Test
  void helpdesk_resetsAnAccount_ownerEnrollsWithTheMailedCode_managerApprovesAnother()
      throws Exception {
    TestAccount owner = withEmail(newAccount(Role.ADVISOR, agency, FRANCE_TRAVAIL_AGENCY));
    TestAccount withoutAddress = newAccount(Role.ADVISOR, agency, FRANCE_TRAVAIL_AGENCY);
    TestAccount manager = withEmail(newAccount(Role.MANAGER, agency, FRANCE_TRAVAIL_AGENCY));
    TestAccount helpdesk = newAccount(Role.HELPDESK, agency, FRANCE_TRAVAIL_AGENCY);
    // An address counts for a recovery once it was on file before the reset.
    moveClock(Duration.ofSeconds(1));
    String temporary;
    String temporaryOfTheOther;
    try (Browser browser = new Browser(base())) {
      signIn.signInAndEnroll(browser, helpdesk.login(), PASSWORD);
      assertThat(browser.path()).isEqualTo("/console/assistance");
      browser.assertAccessible();

      temporary = reset(browser, owner);
      String page = browser.driver.getPageSource();
      assertThat(page).doesNotContain(mailedCode(owner));
      assertThat(browser.driver.getCurrentUrl()).doesNotContain(owner.login());
      browser.assertAccessible();

      temporaryOfTheOther = reset(browser, withoutAddress);
      browser.open("/console/assistance");
      assertThat(browser.findAll("#recuperations tbody tr[data-stage=AWAITING_GATE]")).hasSize(2);
      browser.assertAccessible();
      browser.screenshot("assistance");
    }

    // The pre-registered channel: the code mailed to the address on file before the reset.
    try (Browser browser = new Browser(base())) {
      signIn.password(browser, owner.login(), temporary);
      assertThat(browser.path()).isEqualTo("/console/connexion/enrolement");
      browser.type("#recoveryCode", mailedCode(owner));
      browser.submit("main form");
      byte[] seed = seedOfKey(browser.await("#cle-totp", Duration.ofSeconds(30)).getText());
      browser.type("#code", codeNow(seed));
      browser.submit("main form");
      assertThat(recoveryColumn(owner, "completed_at")).isNotNull();
    }

    // No address: nothing to enroll with until a manager of the organization approves.
    try (Browser browser = new Browser(base())) {
      signIn.password(browser, withoutAddress.login(), temporaryOfTheOther);
      browser.submit("main form");
      assertThat(browser.find("#erreur").getText()).contains("accord d'un manager");
      assertThat(browser.findAll("#cle-totp")).isEmpty();

      try (Browser managing = new Browser(base())) {
        signIn.signInAndEnroll(managing, manager.login(), PASSWORD);
        managing.open("/console/recuperations");
        String row = "#recuperations tr[data-login='" + withoutAddress.login() + "']";
        assertThat(managing.text(row)).contains("en attente");
        managing.assertAccessible();
        managing.screenshot("recuperations");
        managing.submit(row + " form");
        assertThat(managing.await(".notice.succes", Duration.ofSeconds(30)).getText())
            .contains("approuvée");
        assertThat(recoveryColumn(withoutAddress, "approved_by")).isEqualTo(manager.id());
      }

      browser.open("/console/connexion/enrolement");
      browser.submit("main form");
      byte[] seed = seedOfKey(browser.await("#cle-totp", Duration.ofSeconds(30)).getText());
      browser.type("#code", codeNow(seed));
      browser.submit("main form");
      assertThat(recoveryColumn(withoutAddress, "completed_at")).isNotNull();
    }
  }

  @Test
  void helpdesk_mayNotResetAnAdministrator_andFindsNothingForAnUnknownLogin() {
    TestAccount administrator = newAccount(Role.ADMINISTRATOR, agency, FRANCE_TRAVAIL_AGENCY);
    TestAccount helpdesk = newAccount(Role.HELPDESK, agency, FRANCE_TRAVAIL_AGENCY);
    try (Browser browser = new Browser(base())) {
      signIn.signInAndEnroll(browser, helpdesk.login(), PASSWORD);
      browser.type("#login", "nobody-" + UUID.randomUUID());
      browser.submit("form.recherche-compte");
      assertThat(browser.find("#erreur").getText()).contains("Aucun compte");
      assertThat(browser.findAll("#compte")).isEmpty();

      browser.type("#login", administrator.login());
      browser.submit("form.recherche-compte");
      browser.submit("#reinitialiser");
      assertThat(browser.find("#erreur").getText()).contains("n'est pas permise");
      assertThat(browser.findAll("#mot-de-passe-provisoire")).isEmpty();
      browser.assertAccessible();
      assertThat(
              jdbc.queryForObject(
                  "select count(*) from account_recovery where account_id = ?",
                  Long.class,
                  administrator.id()))
          .isZero();
    }
  }

  @Test
  void administrator_opensAnOrganizationAndAnAccount_seesKeysAndTheAuditCheckpoint() {
    TestAccount administrator = newAccount(Role.ADMINISTRATOR, agency, FRANCE_TRAVAIL_AGENCY);
    String code = "CE-" + UUID.randomUUID();
    String login = "nouveau-" + UUID.randomUUID();
    String oneTimePassword;
    try (Browser browser = new Browser(base())) {
      signIn.signInAndEnroll(browser, administrator.login(), PASSWORD);
      assertThat(browser.path()).isEqualTo("/console/administration");
      long persons =
          jdbc.queryForObject(
              "select count(*) from person where wrapped_key is not null", Long.class);
      assertThat(
              Long.parseLong(browser.text("#cles-actuelles"))
                  + Long.parseLong(browser.text("#cles-anciennes")))
          .isEqualTo(persons);
      audit
          .latestCheckpoint()
          .ifPresent(
              latest ->
                  assertThat(Long.parseLong(browser.text("#taille-arbre")))
                      .isLessThanOrEqualTo(latest.treeSize()));
      browser.assertAccessible();

      browser.type("#code", code);
      browser.find("#kind").sendKeys("Cap emploi");
      browser.type("#name", "Cap emploi de test");
      browser.submit("#nouvelle-structure");
      assertThat(browser.text(".notice.succes")).contains(code);
      assertThat(browser.text("#structures tr[data-code='" + code + "']")).contains("Cap emploi");
      assertThat(
              auditEntries(
                  administrator, "ORGANIZATION.OPEN." + idOf("organization", "code", code)))
          .as("the opening audited as the command line's, by the administrator")
          .isEqualTo(1);

      // A Cap emploi holds no DPO: refused, nothing opened.
      openAccount(browser, login, "Délégué à la protection des données", code);
      assertThat(browser.find("#erreur").getText()).contains("ne peut pas avoir");
      assertThat(credentialsOf(login)).isZero();

      openAccount(browser, login, "Conseiller", code);
      oneTimePassword = browser.await("#mot-de-passe-unique", Duration.ofSeconds(30)).getText();
      assertThat(
              auditEntries(administrator, "ACCOUNT.OPEN." + idOf("staff_account", "login", login)))
          .isEqualTo(1);
      browser.assertAccessible();

      browser.open("/console/administration");
      browser.type("#organization-liste", code);
      browser.submit("#voir-comptes");
      assertThat(browser.text("#comptes tr[data-login='" + login + "']"))
          .contains("Conseiller")
          .contains("à enregistrer");
      browser.assertAccessible();
      browser.screenshot("administration");
    }
    try (Browser browser = new Browser(base())) {
      signIn.password(browser, login, oneTimePassword);
      assertThat(browser.path()).isEqualTo("/console/connexion/enrolement");
    }
  }

  @Test
  void administratorPages_refuseEveryOtherRole() {
    TestAccount helpdesk = newAccount(Role.HELPDESK, agency, FRANCE_TRAVAIL_AGENCY);
    try (Browser browser = new Browser(base())) {
      signIn.signInAndEnroll(browser, helpdesk.login(), PASSWORD);
      browser.open("/console/administration");
      assertThat(browser.path()).isEqualTo("/console/refus");
      assertThat(browser.findAll("#structures")).isEmpty();
    }
  }

  private static void openAccount(Browser browser, String login, String role, String code) {
    browser.open("/console/administration");
    browser.type("#login", login);
    browser.find("#role").sendKeys(role);
    browser.type("#organization", code);
    browser.submit("#nouveau-compte");
  }

  /** Entries of the audit log by {@code actor} with {@code purpose}. */
  private long auditEntries(TestAccount actor, String purpose) {
    return jdbc.queryForObject(
        "select count(*) from audit_entry where position(convert_to(?, 'UTF8') in entry) > 0"
            + " and actor = convert_to(?, 'UTF8')",
        Long.class,
        purpose,
        actor.id().toString());
  }

  /** The id, in capitals as audit codes hold it, of the row of {@code table} with this key. */
  private String idOf(String table, String column, String key) {
    return jdbc.queryForObject(
            "select id::text from " + table + " where " + column + " = ?", String.class, key)
        .toUpperCase(java.util.Locale.ROOT);
  }

  private long credentialsOf(String login) {
    return jdbc.queryForObject(
        "select count(*) from staff_account where login = ?", Long.class, login);
  }

  /** Finds the account on the helpdesk's page and resets it; returns the temporary password. */
  private static String reset(Browser browser, TestAccount account) {
    browser.open("/console/assistance");
    browser.type("#login", account.login());
    browser.submit("form.recherche-compte");
    assertThat(browser.find("#compte").getText()).contains(account.login());
    browser.submit("#reinitialiser");
    assertThat(browser.findAll("#mot-de-passe-provisoire"))
        .as(
            "the reset answered: %s",
            browser.findAll("#erreur").stream().map(WebElement::getText).toList())
        .hasSize(1);
    return browser.find("#mot-de-passe-provisoire").getText();
  }

  private TestAccount withEmail(TestAccount account) {
    staffCredentials.setEmail(account.id(), account.login() + "@staff.example");
    return account;
  }

  private static String mailedCode(TestAccount account) throws MessagingException {
    String to = account.login() + "@staff.example";
    Pattern digits = Pattern.compile("\\b(\\d{8})\\b");
    for (Message message : mail().getReceivedMessages()) {
      if (Arrays.stream(message.getAllRecipients()).anyMatch(a -> a.toString().equals(to))) {
        Matcher matcher = digits.matcher(GreenMailUtil.getBody(message));
        if (matcher.find()) {
          return matcher.group(1);
        }
      }
    }
    throw new AssertionError("no recovery code was mailed");
  }

  private Object recoveryColumn(TestAccount account, String column) {
    return jdbc.queryForObject(
        "select " + column + " from account_recovery where account_id = ?",
        Object.class,
        account.id());
  }

  private static VirtualAuthenticatorOptions platformAuthenticator() {
    return new VirtualAuthenticatorOptions()
        .setProtocol(VirtualAuthenticatorOptions.Protocol.CTAP2)
        .setTransport(VirtualAuthenticatorOptions.Transport.INTERNAL)
        .setHasResidentKey(true)
        .setHasUserVerification(true)
        .setIsUserVerified(true)
        .setIsUserConsenting(true);
  }

  private long passkeysOf(TestAccount account) {
    return jdbc.queryForObject(
        "select count(*) from user_credentials c join user_entities e"
            + " on e.id = c.user_entity_user_id where e.name = ?",
        Long.class,
        account.login());
  }

  private String base() {
    return "http://localhost:" + port();
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
