package fr.vigie.portal;

import static org.assertj.core.api.Assertions.assertThat;

import fr.vigie.console.Browser;
import fr.vigie.identity.StaffClient;
import java.sql.Timestamp;
import java.time.Duration;
import java.util.UUID;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.WebElement;

/**
 * The person's space in Debian's Chromium: signed in through the provider's own login page, their
 * data, the access journal, a breach notice, a flagged read and the article 15 copy, each page in
 * the console's look, checked by axe-core and photographed for docs/console.md.
 */
class SpaceBrowserIT extends SpaceIntegrationTest {

  @Test
  void person_signsInSeesDataJournalAndNoticesFlagsAReadAndGetsTheCopy() throws Exception {
    moveToNextWeekdayMorning();
    StaffClient staff = signedIn(advisor);
    assertThat(staff.get("/api/persons/" + camilleId).status()).isEqualTo(200);
    sentNotice(camilleId);
    nextStep();

    try (Browser browser = new Browser("http://localhost:" + port())) {
      browser.open(SpacePages.WELCOME);
      browser.assertAccessible();
      browser.screenshot("espace-connexion");
      assertThat(browser.driver.getTitle()).isEqualTo("Connexion – Mon espace");

      signIn(browser);

      assertThat(browser.path()).isEqualTo(SpacePages.HOME);
      assertThat(browser.driver.getCurrentUrl())
          .doesNotContain(camilleId.toString())
          .doesNotContain(camille.birthName());
      assertThat(browser.driver.getTitle()).isEqualTo("Mes données – Mon espace");
      assertThat(browser.text("#fiche [data-field=birth_name] dd")).isEqualTo(camille.birthName());
      assertThat(browser.text("#fiche [data-field=nir] dd")).isEqualTo(camille.nir().masked());
      assertThat(browser.text(".messages")).contains("Adresse électronique");
      assertThat(browser.find("link[rel=stylesheet]").getAttribute("href"))
          .endsWith("/console/assets/vigie.css");
      assertThat(browser.findAll("script")).isEmpty();
      WebElement staffRead = browser.find("#consultations tr[data-own=false]");
      assertThat(staffRead.getText())
          .contains("Test FRANCE_TRAVAIL_AGENCY")
          .contains("(Conseiller)")
          .contains("Suivi de la personne")
          .contains("Nom de naissance");
      assertThat(browser.text("#consultations"))
          .as("roles and purposes in French, never their codes")
          .doesNotContain("ADVISOR")
          .doesNotContain("FOLLOW_UP")
          .doesNotContain("IDENTITY_MATCH")
          .doesNotContain("SELF");
      assertThat(browser.text("#consultations")).doesNotContain(advisor.login());
      browser.assertAccessible();
      browser.screenshot("espace-donnees");

      String entry = staffRead.getAttribute("data-entry");
      browser.submit("#consultations tr[data-entry='" + entry + "'] form.signaler");

      assertThat(browser.path()).isEqualTo(SpacePages.HOME);
      assertThat(browser.text("#signalement")).contains("Votre signalement est enregistré");
      assertThat(browser.text("#consultations tr[data-entry='" + entry + "']"))
          .contains("Signalée");
      assertThat(
              jdbc.queryForObject(
                  "select count(*) from read_flag where audit_idx = ?",
                  Long.class,
                  Long.parseLong(entry)))
          .isEqualTo(1L);
      browser.assertAccessible();
      browser.screenshot("espace-signalement");

      browser.click("nav a[href='/space/copie']");
      assertThat(browser.path()).isEqualTo(SpacePages.COPY);
      assertThat(browser.driver.getTitle()).isEqualTo("Copie de mes données – Mon espace");
      browser.assertAccessible();
      browser.screenshot("espace-copie");
      String pdfLink = browser.find("#copie-pdf").getAttribute("href");
      assertThat(pdfLink).endsWith("/api/space/copy.pdf");
      assertThat(copyText(browser))
          .contains("Copie de vos données (article 15 du RGPD)")
          .contains("Nom de naissance : " + camille.birthName())
          .contains("(Conseiller)")
          .doesNotContain("ADVISOR")
          .doesNotContain("FOLLOW_UP");

      browser.submit("form.deconnexion");
      assertThat(browser.path()).isEqualTo(SpacePages.SIGNED_OUT);
      browser.assertAccessible();
      browser.open(SpacePages.HOME);
      assertThat(browser.path()).isEqualTo(SpacePages.WELCOME);
    }
  }

  /** The provider's own login page, as FranceConnect's would be: a user name and a password. */
  private void signIn(Browser browser) {
    String user = providerUser(camille);
    browser.click("#franceconnect");
    browser.await("input[name=username]", Duration.ofSeconds(30));
    browser.type("input[name=username]", user);
    browser.type("input[name=password]", PersonProvider.PASSWORD);
    browser.submit("form");
    browser.await("#fiche", Duration.ofSeconds(30));
  }

  /** The PDF the copy page links to, fetched with the browser's own session cookies. */
  private String copyText(Browser browser) throws Exception {
    PersonBrowser files = new PersonBrowser(port());
    for (Cookie cookie : browser.driver.manage().getCookies()) {
      files.plant(cookie.getName(), cookie.getValue());
    }
    try (var document = Loader.loadPDF(files.bytes("/api/space/copy.pdf"))) {
      return new PDFTextStripper().getText(document);
    }
  }

  /** An article 34 notice the person was sent by email about a fresh incident. */
  private void sentNotice(UUID person) {
    UUID incident = UUID.randomUUID();
    String reference = "INC-" + Math.abs(incident.getLeastSignificantBits() % 1_000_000);
    Timestamp now = Timestamp.from(clockNow());
    jdbc.update(
        "insert into incident (id, reference, declared_at, declared_by) values (?, ?, ?, ?)",
        incident,
        reference,
        now,
        advisor.id());
    jdbc.update(
        "insert into breach_notice (incident_id, person_id, fields, first_at, last_at, message_id,"
            + " state, channel, created_at, done_at)"
            + " values (?, ?, array['email'], ?, ?, ?, 'SENT', 'EMAIL', ?, ?)",
        incident,
        person,
        now,
        now,
        "<" + UUID.randomUUID() + "@notice.vigie>",
        now,
        now);
  }
}
