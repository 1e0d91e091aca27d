package fr.vigie.console;

import static org.assertj.core.api.Assertions.assertThat;

import fr.vigie.identity.IdentityIntegrationTest;
import fr.vigie.identity.OrganizationKind;
import fr.vigie.identity.Role;
import fr.vigie.registry.ImportOptions;
import fr.vigie.registry.ImportProgress;
import fr.vigie.registry.PersonRecord;
import fr.vigie.registry.Registry;
import fr.vigie.web.TestPersons;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

/**
 * The console in a real browser (Debian's Chromium, headless) against a whole Vigie on a random
 * port: each story from the sign-in page, axe-core on every page it shows, and the screenshots of
 * each role's main page for docs/console.md.
 */
// A server of its own: a browser asks for pages, styles and scripts many times a second from one
// address, which the shared test server's tiny audit limit per address (5 each 10 s, for
// AuditRateLimitIT) would refuse on a clock that does not move by itself.
@TestPropertySource(properties = "vigie.audit.rate-limit.capacity=100000")
class ConsoleBrowserIT extends IdentityIntegrationTest {
  /** How long the analyst's page may take to show a new alert, without reloading. */
  static final Duration LIVE_BOUND = Duration.ofSeconds(2);

  @Autowired Registry registry;

  private String agency;
  private TestAccount advisor;
  private final List<PersonRecord> persons = new ArrayList<>();
  private final List<String> ids = new ArrayList<>();

  @BeforeEach
  void agency() {
    // The tests before, in the same server, sign in from this address too.
    moveToNextWeekdayMorning();
    agency = "FT-" + UUID.randomUUID();
    // The account opens the organization, which the import needs first.
    advisor = newAccount(Role.ADVISOR, agency, OrganizationKind.FRANCE_TRAVAIL_AGENCY);
    long base = Math.floorMod(UUID.randomUUID().getMostSignificantBits(), 9_000_000_000L);
    for (int n = 0; n < 13; n++) {
      persons.add(TestPersons.person(base + n, agency));
    }
    registry.importRecords(
        persons.iterator(), persons.size(), ImportOptions.defaults(), ImportProgress.NONE);
    for (PersonRecord person : persons) {
      ids.add(registry.findByIdentifier(person.identifier()).orElseThrow().toString());
    }
  }

  @Test
  void advisor_signsInSearchesReadsAndBreaksTheGlass_managerReviewsIt_dpoSeesIt() {
    assign(advisor, ids.subList(0, 2));
    try (Browser browser = new Browser(base())) {
      browser.open("/console");
      assertThat(browser.path()).isEqualTo("/console/connexion");
      browser.assertAccessible();
      browser.screenshot("connexion");

      signInAndEnroll(browser, advisor);
      assertThat(browser.path()).isEqualTo("/console/recherche");
      browser.assertAccessible();

      String identifier = persons.get(0).identifier().value();
      browser.type("#value", identifier);
      browser.submit("form.recherche");
      browser.await("#resultats", Duration.ofSeconds(30));
      assertThat(browser.path()).isEqualTo("/console/recherche");
      assertThat(browser.driver.getCurrentUrl()).doesNotContain(identifier);
      assertThat(browser.find("#resultats tbody").getText()).contains(identifier);
      assertThat(browser.driver.getTitle()).doesNotContain(persons.get(0).birthName());
      browser.assertAccessible();
      browser.screenshot("conseiller");

      browser.find("#resultats tbody a").click();
      browser.await("#fiche", Duration.ofSeconds(30));
      assertThat(browser.path()).isEqualTo("/console/personnes/" + ids.get(0));
      assertThat(browser.find("[data-field=identifier] dd").getText()).isEqualTo(identifier);
      assertThat(browser.find("[data-field=nir] dd").getText())
          .as("the NIR is not for following a person up")
          .doesNotContain(persons.get(0).nir().value());
      browser.assertAccessible();
      browser.screenshot("fiche");

      browser.open("/console/portefeuille");
      assertThat(browser.findAll("#portefeuille tbody tr")).hasSize(2);
      browser.assertAccessible();

      browser.open("/console/personnes/" + ids.get(5));
      assertThat(browser.find("h1").getText()).contains("hors de votre portefeuille");
      assertThat(browser.findAll("[data-field]")).isEmpty();
      browser.assertAccessible();
      browser.find("#motif-0").click();
      browser.type("#text", "Rendez-vous à l'accueil pour une attestation");
      browser.submit("main form");
      browser.await("#fiche", Duration.ofSeconds(30));
      assertThat(browser.path()).isEqualTo("/console/personnes/" + ids.get(5));
      assertThat(browser.find("[data-field=identifier] dd").getText())
          .isEqualTo(persons.get(5).identifier().value());
      assertThat(
              jdbc.queryForObject(
                  "select count(*) from justification where account_id = ? and person_id = ?::uuid"
                      + " and reason_code = 'PERSON_AT_THE_DESK'",
                  Integer.class,
                  advisor.id(),
                  ids.get(5)))
          .isEqualTo(1);
    }

    TestAccount manager = newAccount(Role.MANAGER, agency, OrganizationKind.FRANCE_TRAVAIL_AGENCY);
    try (Browser browser = new Browser(base())) {
      signInAndEnroll(browser, manager);
      assertThat(browser.path()).isEqualTo("/console/revue");
      assertThat(browser.find("#revue").getText())
          .contains("Rendez-vous à l'accueil pour une attestation");
      browser.assertAccessible();
      browser.screenshot("manager");
      browser.find("#accepte-0").click();
      browser.submit("#revue form");
      assertThat(browser.await(".notice.succes", Duration.ofSeconds(30)).getText())
          .contains("Motif accepté");
      assertThat(
              jdbc.queryForObject(
                  "select review_outcome from justification where account_id = ?",
                  String.class,
                  advisor.id()))
          .isEqualTo("UPHELD");
    }

    TestAccount dpo = newAccount(Role.DPO, agency, OrganizationKind.FRANCE_TRAVAIL_AGENCY);
    try (Browser browser = new Browser(base())) {
      signInAndEnroll(browser, dpo);
      assertThat(browser.path()).isEqualTo("/console/journal");
      browser.assertAccessible();
      browser.type("#person", ids.get(5));
      browser.submit("form.journal");
      String journal = browser.await("#journal", Duration.ofSeconds(30)).getText();
      assertThat(browser.path()).isEqualTo("/console/journal");
      assertThat(journal)
          .contains("La personne est à l'accueil sans rendez-vous")
          .contains("Rendez-vous à l'accueil pour une attestation")
          .contains("Conseiller")
          .contains("Consultation hors du suivi habituel, avec une justification")
          .as("roles, purposes and reasons in French, never their codes")
          .doesNotContain("PERSON_AT_THE_DESK")
          .doesNotContain("ADVISOR")
          .doesNotContain("JUSTIFICATION")
          .doesNotContain("ALLOW");
      browser.assertAccessible();
      browser.screenshot("dpo");
    }
  }

  @Test
  void liveAttack_cutsTheAdvisorOffAndTheAnalystSeesTheAlertWithoutReloading() {
    assign(advisor, ids.subList(0, 12));
    TestAccount analyst =
        newAccount(Role.SECURITY_ANALYST, agency, OrganizationKind.FRANCE_TRAVAIL_AGENCY);
    try (Browser watcher = new Browser(base());
        Browser reader = new Browser(base())) {
      signInAndEnroll(watcher, analyst);
      assertThat(watcher.path()).isEqualTo("/console/alertes");
      // Alerts of other tests' accounts may be listed already: this account's is not.
      watcher.await("#aucune-alerte, .alerte", Duration.ofSeconds(30));
      assertThat(watcher.findAll(".alerte[data-account='" + advisor.id() + "']")).isEmpty();
      watcher.assertAccessible();
      // Set on this page only: a reload would lose it.
      watcher.driver.executeScript("window.vigieSamePage = true;");

      signInAndEnroll(reader, advisor);
      int read = 0;
      while (read < 12) {
        reader.open("/console/personnes/" + ids.get(read));
        read++;
        if (!reader.findAll("#probleme").isEmpty()) {
          break;
        }
      }
      assertThat(reader.find("#probleme").getAttribute("data-code")).isEqualTo("ACCOUNT_SUSPENDED");
      assertThat(reader.find("#probleme").getText()).contains("suspendu");
      assertThat(read).as("the read that crossed the burst ceiling").isEqualTo(11);
      reader.assertAccessible();
      reader.screenshot("conseiller-suspendu");

      String alert = ".alerte[data-account='" + advisor.id() + "']";
      watcher.await(alert, LIVE_BOUND);
      assertThat(watcher.driver.executeScript("return window.vigieSamePage === true;"))
          .as("the alert came without reloading the page")
          .isEqualTo(true);
      assertThat(watcher.text(alert)).contains("ceiling:burst").contains("10 personne");
      watcher.assertAccessible();
      watcher.screenshot("analyste");

      reader.open("/console/personnes/" + ids.get(0));
      assertThat(reader.path()).as("the suspended session is gone").isEqualTo("/console/connexion");

      watcher.click(alert + " a");
      watcher.await("#liberer", Duration.ofSeconds(30));
      watcher.assertAccessible();
      watcher.find("#liberer").click();
      nextStep();
      watcher.type("#code", steps.codeOf(analyst));
      watcher.submit("main form");
      watcher.await(".notice.succes", Duration.ofSeconds(30));
      assertThat(
              jdbc.queryForObject(
                  "select containment from staff_account where id = ?", String.class, advisor.id()))
          .isEqualTo("ACTIVE");
    }
  }

  @Test
  void guard_stepUpHoldsPagesUntilAFreshCode_throttledAndSuspendedAccountsAreTold() {
    assign(advisor, ids.subList(0, 1));
    try (Browser browser = new Browser(base())) {
      signInAndEnroll(browser, advisor);
      browser.open("/console/mot-de-passe");
      browser.assertAccessible();
      browser.type("#current", PASSWORD);
      browser.type("#next", "une toute nouvelle phrase de passe");
      browser.submit("main form");
      assertThat(browser.await(".notice.succes", Duration.ofSeconds(30)).getText())
          .contains("Mot de passe changé");

      moveClock(Duration.ofSeconds(1));
      contain("STEP_UP");
      browser.open("/console/personnes/" + ids.get(0));
      assertThat(browser.path()).isEqualTo("/console/garde");
      assertThat(browser.findAll("[data-field]")).isEmpty();
      browser.assertAccessible();
      nextStep();
      browser.type("#code", steps.codeOf(advisor));
      browser.submit("main form");
      browser.open("/console/personnes/" + ids.get(0));
      assertThat(browser.await("#fiche", Duration.ofSeconds(30)).getText())
          .contains(persons.get(0).identifier().value());

      contain("THROTTLED");
      browser.open("/console/mot-de-passe");
      assertThat(browser.path()).isEqualTo("/console/garde");
      assertThat(browser.find("main").getText()).contains("ralenti");
      browser.assertAccessible();

      contain("SUSPENDED");
      browser.open("/console/recherche");
      assertThat(browser.path()).isEqualTo("/console/connexion");
      browser.type("#login", advisor.login());
      browser.type("#password", "une toute nouvelle phrase de passe");
      browser.submit("main form");
      assertThat(browser.find("#erreur").getText()).contains("suspendu");
      browser.open("/console/recherche");
      assertThat(browser.path()).as("no session was left").isEqualTo("/console/connexion");
    }
  }

  @Test
  void pages_forbidInlineScriptAndFramesAndAreNotStored() throws Exception {
    HttpClient http = HttpClient.newHttpClient();
    HttpResponse<String> page =
        http.send(
            HttpRequest.newBuilder(URI.create(base() + "/console/connexion")).build(),
            HttpResponse.BodyHandlers.ofString());

    assertThat(page.statusCode()).isEqualTo(200);
    String policy = page.headers().firstValue("Content-Security-Policy").orElseThrow();
    assertThat(policy).contains("script-src 'self'").contains("frame-ancestors 'none'");
    assertThat(policy).doesNotContain("unsafe-inline");
    assertThat(page.headers().firstValue("Cache-Control").orElseThrow()).contains("no-store");
    assertThat(page.body()).contains("name=\"_csrf\"").doesNotContain("<script>");

    HttpResponse<String> forged =
        http.send(
            HttpRequest.newBuilder(URI.create(base() + "/console/connexion"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("login=x&password=y"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(forged.statusCode()).as("a form without its CSRF token").isEqualTo(302);
    assertThat(forged.headers().firstValue("Location").orElseThrow())
        .endsWith("/console/connexion");
  }

  private final ConsoleSteps steps =
      new ConsoleSteps(PASSWORD, this::codeNow, IdentityIntegrationTest::seedOfKey);

  private void signInAndEnroll(Browser browser, TestAccount account) {
    steps.signInAndEnroll(browser, account);
  }

  private void contain(String state) {
    jdbc.update(
        "update staff_account set containment = ?, containment_since = ? where id = ?",
        state,
        java.sql.Timestamp.from(clockNow()),
        advisor.id());
  }

  private void assign(TestAccount advisor, List<String> caseload) {
    for (String id : caseload) {
      jdbc.update(
          "insert into caseload (advisor_id, person_id) values (?, ?::uuid)", advisor.id(), id);
    }
  }

  private String base() {
    return "http://localhost:" + port();
  }
}
