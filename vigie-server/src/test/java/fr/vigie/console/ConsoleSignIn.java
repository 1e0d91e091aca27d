package fr.vigie.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.function.Function;
import org.openqa.selenium.WebElement;

/**
 * The console's sign-in as a browser test takes it: the password, then the first TOTP enrollment
 * with the key shown beside the QR code. Codes come from the test's clock ({@code codes}).
 */
final class ConsoleSignIn {
  private final Function<byte[], String> codes;
  private final Function<String, byte[]> seeds;

  /** {@code codes}: the current code of a seed; {@code seeds}: the seed of a base32 key. */
  ConsoleSignIn(Function<byte[], String> codes, Function<String, byte[]> seeds) {
    this.codes = codes;
    this.seeds = seeds;
  }

  /** The password page, filled and posted; the browser is then at the page that answered. */
  void password(Browser browser, String login, String password) {
    browser.open("/console/connexion");
    browser.type("#login", login);
    browser.type("#password", password);
    browser.submit("main form");
  }

  /** The password, then the first enrollment; returns the seed of the key shown. */
  byte[] signInAndEnroll(Browser browser, String login, String password) {
    password(browser, login, password);
    assertThat(browser.path())
        .as(
            "after the password, the page said: %s",
            browser.findAll("#erreur").stream().map(WebElement::getText).toList())
        .isEqualTo("/console/connexion/enrolement");
    browser.assertAccessible();
    browser.submit("main form");
    byte[] seed = seeds.apply(browser.await("#cle-totp", Duration.ofSeconds(30)).getText());
    browser.assertAccessible();
    browser.type("#code", codes.apply(seed));
    browser.submit("main form");
    return seed;
  }

  /** Signs out with the header's button. */
  void signOut(Browser browser) {
    browser.submit("form.deconnexion");
    assertThat(browser.path()).isEqualTo("/console/connexion");
  }
}
