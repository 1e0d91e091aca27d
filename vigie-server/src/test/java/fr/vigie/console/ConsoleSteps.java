package fr.vigie.console;

import fr.vigie.identity.IdentityIntegrationTest.TestAccount;
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
  private final ConsoleSignIn signIn;
  private final Map<String, byte[]> seeds = new HashMap<>();

  /**
   * @param codes the code of a seed now, on the test clock
   * @param seedOfKey a seed from the base32 key the enrollment page shows
   */
  ConsoleSteps(
      String password, Function<byte[], String> codes, Function<String, byte[]> seedOfKey) {
    this.password = password;
    this.codes = codes;
    this.signIn = new ConsoleSignIn(codes, seedOfKey);
  }

  void signInAndEnroll(Browser browser, TestAccount account) {
    seeds.put(account.login(), signIn.signInAndEnroll(browser, account.login(), password));
  }

  /** A code of {@code account}'s seed now. */
  String codeOf(TestAccount account) {
    return codes.apply(seeds.get(account.login()));
  }
}
