package fr.vigie.portal;

import java.util.Map;

/**
 * Runs the tests' provider of persons ({@link PersonProvider}) outside a test, for an outside tool
 * (sqlmap) against a throw-away Vigie's space. Not compiled by the build: compile it against the
 * test classpath (docs/security.md, "The exchange's HTTPS API and the person's space").
 *
 * <p>Arguments: Vigie's base URL, then the pivot identity of the user {@code fc-sqlmap}: given
 * names, birth name, birth date, gender, birth place (INSEE code). Prints the issuer URI.
 */
public class SpaceProviderLauncher {
  public static void main(String[] a) throws InterruptedException {
    PersonProvider.redirectUri = a[0] + "/space/login/oauth2/code/franceconnect";
    PersonProvider.IDENTITIES.put(
        "fc-sqlmap",
        Map.of(
            "given_name", a[1], "family_name", a[2], "birthdate", a[3], "gender", a[4],
            "birthplace", a[5]));
    System.out.println("ISSUER " + PersonProvider.start());
    Thread.currentThread().join();
  }
}
