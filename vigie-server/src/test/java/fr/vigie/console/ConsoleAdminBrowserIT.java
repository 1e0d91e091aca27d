package fr.vigie.console;

import static org.assertj.core.api.Assertions.assertThat;

import fr.vigie.identity.IdentityIntegrationTest;
import fr.vigie.identity.OrganizationKind;
import fr.vigie.identity.Role;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.openqa.selenium.virtualauthenticator.VirtualAuthenticatorOptions;
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
  void passkey_registeredOnItsPage_thenFinishesTheSignInAfterThePassword() {
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
