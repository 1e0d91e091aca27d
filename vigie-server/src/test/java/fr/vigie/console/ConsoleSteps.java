package fr.vigie.console;

import static org.assertj.core.api.Assertions.assertThat;

import fr.vigie.identity.IdentityIntegrationTest.TestAccount;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * The steps every console story starts with: the password, then the first TOTP enrollment with the
 * key shown beside the QR code; the seeds are kept for the fresh codes a story asks later.
 */
final class ConsoleSteps {
  private final String password;
  private final Function<byte[], String> codes;
  private final Function<String, byte[]> seedOfKey;
  private final Map<String, byte[]> seeds = new HashMap<>();

  /**
   * @param codes the code of a seed now, on the test clock
   * @param seedOfKey a seed from the base32 key the enrollment page shows
   */
  ConsoleSteps(
      String password, Function<byte[], String> codes, Function<String, byte[]> seedOfKey) {
    this.password = password;
    this.codes = codes;
    this.seedOfKey = seedOfKey;
  }

  void signInAndEnroll(Browser browser, TestAccount account) {
    browser.open("/console/connexion");
    browser.type("#login", account.login());
    browser.type("#password", password);
    browser.submit("main form");
    assertThat(browser.path())
        .as(
            "after the password, the page said: %s",
            browser.findAll("#erreur").stream().map(e -> e.getText()).toList())
        .isEqualTo("/console/connexion/enrolement");
    browser.assertAccessible();
    browser.submit("main form");
    byte[] seed = seedOfKey.apply(browser.await("#cle-totp", Duration.ofSeconds(30)).getText());
    seeds.put(account.login(), seed);
    browser.assertAccessible();
    browser.type("#code", codes.apply(seed));
    browser.submit("main form");
  }

  /** A code of {@code account}'s seed now. */
  String codeOf(TestAccount account) {
    return codes.apply(seeds.get(account.login()));
  }
}
