package fr.vigie.console;

import static org.assertj.core.api.Assertions.assertThat;

import fr.vigie.identity.IdentityIntegrationTest;
import fr.vigie.identity.OrganizationKind;
import fr.vigie.identity.Role;
import fr.vigie.registry.Registry;
import fr.vigie.web.TestPersons;
import java.time.Duration;
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
