package fr.vigie.console;

import static org.assertj.core.api.Assertions.assertThat;

import fr.vigie.identity.IdentityIntegrationTest;
import fr.vigie.identity.OrganizationKind;
import fr.vigie.identity.Role;
import fr.vigie.identity.StaffClient;
import fr.vigie.registry.Registry;
import fr.vigie.web.TestPersons;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.support.ui.Select;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

/**
 * The console's team pages in a real browser, each story from the sign-in page, axe-core on every
 * page shown: the manager's team, assignments and delegations; the analyst's charts; the advisor's
 * updates; the DPO's incidents.
 */
// A server of its own, as ConsoleBrowserIT: a browser asks for many resources from one address.
@TestPropertySource(properties = "vigie.audit.rate-limit.capacity=100000")
class ConsoleTeamBrowserIT extends IdentityIntegrationTest {
  static final Duration PAGE = Duration.ofSeconds(30);

  @Autowired Registry registry;

  private final ConsoleSteps steps =
      new ConsoleSteps(PASSWORD, this::codeNow, IdentityIntegrationTest::seedOfKey);
  private String agency;
  private TestAccount advisor;
  private TestAccount colleague;

  @BeforeEach
  void agency() {
    moveToNextWeekdayMorning();
    agency = "FT-" + UUID.randomUUID();
    advisor = newAccount(Role.ADVISOR, agency, OrganizationKind.FRANCE_TRAVAIL_AGENCY);
    colleague = newAccount(Role.ADVISOR, agency, OrganizationKind.FRANCE_TRAVAIL_AGENCY);
  }

  @Test
  void manager_assignsAPersonAndGrantsAndEndsDelegations_refusalsChangeNothing() {
    List<String> ids = TestPersons.caseload(registry, jdbc, colleague.id(), agency, 3);
    TestAccount manager = newAccount(Role.MANAGER, agency, OrganizationKind.FRANCE_TRAVAIL_AGENCY);
    try (Browser browser = new Browser(base())) {
      steps.signInAndEnroll(browser, manager);
      browser.open("/console/equipe");
      assertThat(caseloadShown(browser, advisor)).isEqualTo("0");
      assertThat(caseloadShown(browser, colleague)).isEqualTo("3");
      browser.assertAccessible();

      assign(browser, advisor, UUID.randomUUID().toString());
      assertThat(browser.find("#erreur").getText()).contains("Refusé");
      assertThat(caseloadShown(browser, advisor)).isEqualTo("0");

      assign(browser, advisor, ids.get(0));
      assertThat(browser.find(".notice.succes").getText()).contains("Personne affectée");
      assertThat(caseloadShown(browser, advisor)).isEqualTo("1");
      assertThat(
              jdbc.queryForObject(
                  "select assigned_by from caseload where advisor_id = ? and person_id = ?::uuid",
                  UUID.class,
                  advisor.id(),
                  ids.get(0)))
          .isEqualTo(manager.id());

      browser.click("tr[data-advisor='" + advisor.id() + "'] a");
      browser.await("#portefeuille", PAGE);
      assertThat(browser.find("#portefeuille tbody").getText()).contains(ids.get(0));
      browser.assertAccessible();

      browser.open("/console/equipe");
      grant(browser, "ABSENCE_COVER", advisor, null, "");
      assertThat(browser.find("#erreur").getText()).contains("nomme le collègue absent");
      assertThat(grants()).isZero();

      grant(browser, "SESSION", advisor, null, ids.get(1) + "\n" + ids.get(2));
      assertThat(browser.find(".notice.succes").getText()).contains("Délégation accordée");
      grant(browser, "ABSENCE_COVER", advisor, colleague, "");
      assertThat(browser.find(".notice.succes").getText()).contains("Délégation accordée");
      assertThat(grants()).isEqualTo(2);
      assertThat(browser.findAll("#delegations tbody tr")).hasSize(2);
      assertThat(browser.find("#delegations tbody").getText())
          .contains("Atelier ou session collective")
          .contains("Remplacement d'un collègue absent")
          .contains(colleague.login());
      browser.assertAccessible();
      browser.screenshot("manager-equipe");

      String session =
          jdbc.queryForObject(
              "select distinct grant_id::text from time_boxed_relationship"
                  + " where advisor_id = ? and kind = 'SESSION'",
              String.class,
              advisor.id());
      browser.submit("tr[data-grant='" + session + "'] form");
      assertThat(browser.find(".notice.succes").getText()).contains("Délégation terminée");
      assertThat(browser.findAll("#delegations tbody tr")).hasSize(1);
      assertThat(
              jdbc.queryForObject(
                  "select count(*) from time_boxed_relationship"
                      + " where grant_id = ?::uuid and revoked_at is not null",
                  Integer.class,
                  session))
          .as("both persons of the session's list")
          .isEqualTo(2);
    }
  }

  @Test
  void analyst_chartsAnOrganizationsHours_fromTheAuditLogsCountsOnly() {
    List<String> followed = TestPersons.caseload(registry, jdbc, advisor.id(), agency, 12);
    List<String> notFollowed = TestPersons.caseload(registry, jdbc, colleague.id(), agency, 1);
    StaffClient reader = signedIn(advisor);
    assertThat(reader.get("/api/persons/" + notFollowed.get(0)).status())
        .as("outside the caseload, without a reason")
        .isEqualTo(403);
    int read = 0;
    int refused = 0;
    for (String person : followed.subList(0, 11)) {
      if (reader.get("/api/persons/" + person).status() == 200) {
        read++;
      } else {
        refused++;
      }
    }
    assertThat(read).as("the burst ceiling lets 10 through").isEqualTo(10);
    assertThat(refused).isEqualTo(1);
    String quiet = "FT-" + UUID.randomUUID();
    newAccount(Role.ADVISOR, quiet, OrganizationKind.FRANCE_TRAVAIL_AGENCY);

    TestAccount analyst =
        newAccount(Role.SECURITY_ANALYST, agency, OrganizationKind.FRANCE_TRAVAIL_AGENCY);
    try (Browser browser = new Browser(base())) {
      steps.signInAndEnroll(browser, analyst);
      browser.open("/console/activite?organisation=" + organizationId(agency));
      browser.await("#graphiques", PAGE);
      assertThat(total(browser, "lectures")).isEqualTo(10);
      assertThat(total(browser, "refus")).isEqualTo(2);
      assertThat(total(browser, "confinements")).isEqualTo(1);
      assertThat(total(browser, "seconds-facteurs")).isZero();
      assertThat(browser.findAll("[data-series=lectures] rect.barre")).hasSize(24);
      assertThat(browser.find("main").getText())
          .doesNotContain(followed.get(0))
          .doesNotContain(advisor.id().toString());
      browser.assertAccessible();
      browser.screenshot("analyste-activite");

      new Select(browser.find("#organisation")).selectByValue(organizationId(quiet));
      browser.submit("form.activite");
      browser.await("#graphiques", PAGE);
      assertThat(total(browser, "lectures")).as("another organization's hours").isZero();
      assertThat(total(browser, "confinements")).isZero();
    }
  }

  private static int total(Browser browser, String series) {
    return Integer.parseInt(
        browser.find("[data-series=" + series + "]").getAttribute("data-total"));
  }

  private String organizationId(String code) {
    return jdbc.queryForObject(
        "select id::text from organization where code = ?", String.class, code);
  }

  @Test
  void advisor_updatesTheFieldsItMayChange_anEndOfRegistrationObeysTheRules() {
    String person = TestPersons.caseload(registry, jdbc, advisor.id(), agency, 1).getFirst();
    LocalDate today = LocalDate.ofInstant(clockNow(), ZoneId.of("Europe/Paris"));
    try (Browser browser = new Browser(base())) {
      steps.signInAndEnroll(browser, advisor);
      browser.open("/console/personnes/" + person);
      browser.await("#mise-a-jour", PAGE);
      assertThat(browser.findAll("[data-edit]").stream().map(e -> e.getAttribute("data-edit")))
          .containsExactlyInAnyOrder(
              "usual_name", "email", "phone", "address", "category", "left_on");
      browser.assertAccessible();

      browser.type("#maj-email", "nouvelle.adresse@exemple.fr");
      browser.submit("form[data-edit=email]");
      assertThat(browser.find(".notice.succes").getText()).contains("modification enregistrée");
      assertThat(browser.find("[data-field=email] dd").getText())
          .isEqualTo("nouvelle.adresse@exemple.fr");

      setValue(browser, "#maj-left_on", today.minusDays(90).toString());
      browser.submit("form[data-edit=left_on]");
      assertThat(browser.find("#erreur").getText()).contains("Fin d'inscription refusée");
      assertThat(browser.find("[data-field=left_on] dd").getText()).isEqualTo("Non renseigné");

      setValue(browser, "#maj-left_on", today.toString());
      browser.submit("form[data-edit=left_on]");
      assertThat(browser.find(".notice.succes").getText()).contains("Fin d'inscription");
      assertThat(browser.find("[data-field=left_on] dd").getText()).isEqualTo(today.toString());
      browser.assertAccessible();
      browser.screenshot("fiche-mise-a-jour");
    }
    assertThat(
            jdbc.queryForObject(
                "select count(*) from person where id = ?::uuid and left_on is not null",
                Integer.class,
                person))
        .isEqualTo(1);
  }

  private static void setValue(Browser browser, String css, String value) {
    ConsoleForms.setValue(browser, css, value);
  }

  @Test
  void dpo_declaresAndScopesAnIncident_preparesItsNotices_andSeesRetention() {
    List<String> followed = TestPersons.caseload(registry, jdbc, advisor.id(), agency, 3);
    StaffClient reader = signedIn(advisor);
    assertThat(reader.get("/api/persons/" + followed.get(0)).status()).isEqualTo(200);
    assertThat(reader.get("/api/persons/" + followed.get(1)).status()).isEqualTo(200);
    LocalDate today = LocalDate.ofInstant(clockNow(), ZoneId.of("Europe/Paris"));
    retentionFrom(followed.get(1), today.minusYears(1));
    retentionFrom(followed.get(2), today.minusYears(20).minusDays(1));
    String reference = "INC-" + UUID.randomUUID().toString().substring(0, 8);
    String organization = organizationId(agency);

    TestAccount dpo = newAccount(Role.DPO, agency, OrganizationKind.FRANCE_TRAVAIL_AGENCY);
    try (Browser browser = new Browser(base())) {
      steps.signInAndEnroll(browser, dpo);
      browser.open("/console/incidents");
      browser.assertAccessible();
      declare(browser, reference, organization);
      browser.await("#totaux", PAGE);
      assertThat(browser.path()).startsWith("/console/incidents/");
      assertThat(browser.find("[data-total=persons] dd").getText()).isEqualTo("2");
      assertThat(browser.find("[data-total=records] dd").getText()).isEqualTo("2");
      assertThat(browser.find("[data-field-count=nir]").getText()).isEqualTo("NIR 2");
      assertThat(browser.find("[data-outbox=pending] dd").getText()).isEqualTo("0");

      browser.submit("form.preparer");
      assertThat(browser.find(".notice.succes").getText()).contains("2 notification(s)");
      assertThat(browser.find("[data-outbox=pending] dd").getText()).isEqualTo("2");
      assertThat(browser.find("main").getText()).doesNotContain(followed.get(0));
      browser.assertAccessible();
      browser.screenshot("dpo-incident");

      browser.open("/console/incidents");
      assertThat(browser.find("#incidents").getText()).contains(reference);
      declare(browser, reference, organization);
      assertThat(browser.find("#erreur").getText()).contains("Déclaration refusée");
      assertThat(
              jdbc.queryForObject(
                  "select count(*) from incident where reference = ?", Integer.class, reference))
          .isEqualTo(1);

      browser.open("/console/conservation?organisation=" + organization);
      assertThat(browser.find("[data-count=registered] dd").getText()).isEqualTo("1");
      assertThat(browser.find("[data-count=left] dd").getText()).isEqualTo("1");
      assertThat(browser.find("[data-count=due] dd").getText()).isEqualTo("1");
      assertThat(browser.find("[data-count=erased] dd").getText()).isEqualTo("0");
      browser.assertAccessible();
      browser.screenshot("dpo-conservation");
    }
  }

  private void declare(Browser browser, String reference, String organization) {
    ConsoleForms.declare(browser, reference, organization, clockNow());
  }

  private void retentionFrom(String person, LocalDate day) {
    owner.update(
        "update person set retention_from = ? where id = ?::uuid",
        java.sql.Date.valueOf(day),
        person);
  }

  private String caseloadShown(Browser browser, TestAccount account) {
    return browser.find("tr[data-advisor='" + account.id() + "'] .nombre").getText();
  }

  private void assign(Browser browser, TestAccount to, String person) {
    new Select(browser.find("#affectation-conseiller")).selectByValue(to.id().toString());
    browser.type("#affectation-personne", person);
    browser.submit("form.affectation");
  }

  private void grant(Browser browser, String kind, TestAccount to, TestAccount away, String list) {
    new Select(browser.find("#kind")).selectByValue(kind);
    new Select(browser.find("#advisor")).selectByValue(to.id().toString());
    new Select(browser.find("#colleague")).selectByValue(away == null ? "" : away.id().toString());
    browser.type("#persons", list);
    browser.submit("form.delegation");
  }

  private int grants() {
    return jdbc.queryForObject(
        "select count(distinct grant_id) from time_boxed_relationship where advisor_id = ?",
        Integer.class,
        advisor.id());
  }

  private String base() {
    return "http://localhost:" + port();
  }
}
