package fr.vigie.console;

import static org.assertj.core.api.Assertions.assertThat;

import fr.vigie.identity.IdentityIntegrationTest;
import fr.vigie.identity.OrganizationKind;
import fr.vigie.identity.Role;
import fr.vigie.identity.StaffClient;
import fr.vigie.registry.Registry;
import fr.vigie.web.TestPersons;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The DPO's articles 33 and 34 from the console, in a real browser, axe-core on every page shown:
 * the notification drafts to the CNIL (a provisional one while a scope is not confirmed complete,
 * then a complementary one), their PDF and JSON, the breach register, and the sending of the
 * notices to the persons after a confirmation with a fresh code.
 */
// A server of its own, as ConsoleBrowserIT: a browser asks for many resources from one address.
@TestPropertySource(properties = "vigie.audit.rate-limit.capacity=100000")
class ConsoleBreachBrowserIT extends IdentityIntegrationTest {
  static final Duration PAGE = Duration.ofSeconds(30);
  static final Duration SENDING = Duration.ofSeconds(90);

  @Autowired Registry registry;
  @Autowired JsonMapper json;

  private final ConsoleSteps steps =
      new ConsoleSteps(PASSWORD, this::codeNow, IdentityIntegrationTest::seedOfKey);

  @Test
  void dpo_draftsForTheCnil_downloadsThem_seesTheRegister_andSendsTheNotices() throws Exception {
    moveToNextWeekdayMorning();
    String agency = "FT-" + UUID.randomUUID();
    TestAccount advisor = newAccount(Role.ADVISOR, agency, OrganizationKind.FRANCE_TRAVAIL_AGENCY);
    List<String> followed = TestPersons.caseload(registry, jdbc, advisor.id(), agency, 3);
    StaffClient reader = signedIn(advisor);
    assertThat(reader.get("/api/persons/" + followed.get(0)).status()).isEqualTo(200);
    assertThat(reader.get("/api/persons/" + followed.get(1)).status()).isEqualTo(200);
    String organization =
        jdbc.queryForObject(
            "select id::text from organization where code = ?", String.class, agency);
    String reference = "INC-" + UUID.randomUUID().toString().substring(0, 8);
    String unnotified = "INC-" + UUID.randomUUID().toString().substring(0, 8);

    TestAccount dpo = newAccount(Role.DPO, agency, OrganizationKind.FRANCE_TRAVAIL_AGENCY);
    try (Browser browser = new Browser(base())) {
      steps.signInAndEnroll(browser, dpo);
      browser.open("/console/incidents");
      ConsoleForms.declare(browser, reference, organization, clockNow());
      browser.await("#totaux", PAGE);
      UUID incident = UUID.fromString(browser.path().substring("/console/incidents/".length()));
      assertThat(browser.find("[data-total=persons] dd").getText()).isEqualTo("2");
      assertThat(browser.find("#aucune-version").getText()).contains("Aucune version");

      // The walk that confirms the indexed scope is stopped short of its answer, as while it runs.
      awaitConfirmed(incident);
      completeness(incident, "PENDING");
      browser.open("/console/incidents/" + incident);
      assertThat(browser.find("[data-scope='1'] [data-completeness]").getText())
          .isEqualTo("vérification en cours");
      assertThat(browser.find("#exhaustivite-en-cours").getText()).contains("provisoire");
      draft(browser, "Compte usurpé d'un conseiller.");
      assertThat(browser.find(".notice.succes").getText())
          .contains("Version 1")
          .contains("(provisoire)");
      assertThat(browser.find("[data-version='1']").getAttribute("data-provisional"))
          .isEqualTo("true");
      assertThat(browser.find("[data-version='1'] .provisoire").getText()).contains("Provisoire");

      Browser.Fetched pdf = download(browser, 1, "pdf");
      assertThat(pdf.type()).isEqualTo("application/pdf");
      assertThat(pdf.disposition()).startsWith("attachment");
      String text = textOf(pdf.body());
      assertThat(text)
          .contains("Notification initiale")
          .contains("Projet provisoire")
          .contains("vérification d'exhaustivité non terminée")
          .contains("Compte usurpé d'un conseiller.");
      Browser.Fetched first = download(browser, 1, "json");
      assertThat(first.type()).startsWith("application/json");
      JsonNode initial = json.readTree(first.body());
      assertThat(initial.get("kind").asString()).isEqualTo("INITIAL");
      assertThat(initial.get("persons").asLong()).isEqualTo(2);
      assertThat(initial.get("evidence").get(0).get("completeness").asString())
          .isEqualTo("PENDING");

      completeness(incident, "CONFIRMED");
      browser.open("/console/incidents/" + incident);
      assertThat(browser.findAll("#exhaustivite-en-cours")).isEmpty();
      draft(browser, "Compte usurpé d'un conseiller, périmètre confirmé.");
      assertThat(browser.find("[data-version='2']").getAttribute("data-provisional"))
          .isEqualTo("false");
      JsonNode complement = json.readTree(download(browser, 2, "json").body());
      assertThat(complement.get("kind").asString()).isEqualTo("COMPLEMENTARY");
      assertThat(complement.get("evidence").get(0).get("completeness").asString())
          .isEqualTo("CONFIRMED");
      assertThat(textOf(download(browser, 2, "pdf").body()))
          .contains("Notification complémentaire")
          .doesNotContain("Projet provisoire");
      assertThat(browser.find("main").getText()).doesNotContain(followed.get(0));
      browser.assertAccessible();
      browser.scrollTo("#cnil");
      browser.screenshot("dpo-notification");

      browser.open("/console/incidents");
      ConsoleForms.declare(browser, unnotified, organization, clockNow());
      browser.open("/console/incidents/registre");
      assertThat(registerCell(browser, incident, "persons")).isEqualTo("2");
      assertThat(registerCell(browser, incident, "versions")).isEqualTo("2");
      assertThat(registerCell(browser, incident, "notified")).isEqualTo("Non");
      assertThat(browser.find("#registre").getText())
          .contains(reference)
          .contains(unnotified)
          .contains("Pas encore de notification")
          .contains("périmètre confirmé");
      browser.assertAccessible();
      browser.screenshot("dpo-registre");

      browser.open("/console/incidents/" + incident);
      browser.click("#vers-envoi");
      browser.await("form.envoi", PAGE);
      assertThat(browser.find("#a-notifier").getText()).startsWith("2 personne(s)");
      browser.assertAccessible();
      browser.type("#code", "000000");
      browser.submit("form.envoi");
      assertThat(browser.find("#erreur").getText()).contains("rien n'a été envoyé");
      assertThat(notices(incident)).as("a wrong code prepares and sends nothing").isZero();

      nextStep();
      browser.type("#code", steps.codeOf(dpo));
      browser.screenshot("dpo-envoi");
      browser.submit("form.envoi");
      assertThat(browser.find(".notice.succes").getText()).contains("2 notification(s)");
      browser.await("[data-run=DONE]", SENDING);
      assertThat(browser.find("[data-outbox=emailed] dd").getText()).isEqualTo("2");
      assertThat(browser.find("[data-outbox=done] dd").getText()).isEqualTo("2");
      assertThat(browser.find("[data-outbox=pending] dd").getText()).isEqualTo("0");
      browser.assertAccessible();
      browser.scrollTo("#notifications");
      browser.screenshot("dpo-envoi-termine");
    }
    List<String> sent =
        jdbc.queryForList(
            "select message_id from breach_notice where incident_id = ? and state = 'SENT'",
            String.class,
            incident(reference));
    assertThat(sent).hasSize(2);
    List<String> received =
        Arrays.stream(mail().getReceivedMessages())
            .map(ConsoleBreachBrowserIT::messageId)
            .filter(sent::contains)
            .toList();
    assertThat(received).as("each notice reached the SMTP server once").hasSize(2);
  }

  private void draft(Browser browser, String nature) {
    browser.type("#nature", nature);
    browser.type("#consequences", "Hameçonnage ciblé.");
    browser.type("#measuresTaken", "Compte suspendu.");
    browser.type("#measuresProposed", "Information des personnes.");
    browser.submit("form.cnil");
  }

  private static Browser.Fetched download(Browser browser, int version, String kind) {
    String href =
        browser
            .find("[data-version='" + version + "'] a[data-download=" + kind + "]")
            .getAttribute("href");
    Browser.Fetched fetched = browser.fetch(href);
    assertThat(fetched.status()).as(href).isEqualTo(200);
    return fetched;
  }

  private static String textOf(byte[] pdf) {
    try (PDDocument document = Loader.loadPDF(pdf)) {
      return new PDFTextStripper().getText(document).replaceAll("\\s+", " ");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String registerCell(Browser browser, UUID incident, String column) {
    return browser
        .find("#registre [data-incident='" + incident + "'] [data-column=" + column + "] dd")
        .getText();
  }

  private void awaitConfirmed(UUID incident) throws InterruptedException {
    for (int i = 0; i < 600 && !"CONFIRMED".equals(completenessOf(incident)); i++) {
      Thread.sleep(100);
    }
    assertThat(completenessOf(incident)).isEqualTo("CONFIRMED");
  }

  private String completenessOf(UUID incident) {
    return jdbc.queryForObject(
        "select completeness from incident_scope where incident_id = ? and seq = 1",
        String.class,
        incident);
  }

  private void completeness(UUID incident, String state) {
    owner.update(
        "update incident_scope set completeness = ? where incident_id = ?", state, incident);
  }

  private int notices(UUID incident) {
    return jdbc.queryForObject(
        "select count(*) from breach_notice where incident_id = ?", Integer.class, incident);
  }

  private UUID incident(String reference) {
    return jdbc.queryForObject(
        "select id from incident where reference = ?", UUID.class, reference);
  }

  private static String messageId(jakarta.mail.Message message) {
    try {
      return ((MimeMessage) message).getMessageID();
    } catch (jakarta.mail.MessagingException e) {
      throw new IllegalStateException(e);
    }
  }

  private String base() {
    return "http://localhost:" + port();
  }
}
