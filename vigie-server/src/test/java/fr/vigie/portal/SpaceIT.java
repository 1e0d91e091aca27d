package fr.vigie.portal;

import static org.assertj.core.api.Assertions.assertThat;

import fr.vigie.access.Self;
import fr.vigie.audit.AuditEvent;
import fr.vigie.audit.AuditJournal;
import fr.vigie.identity.Role;
import fr.vigie.identity.StaffClient;
import fr.vigie.registry.ImportOptions;
import fr.vigie.registry.ImportProgress;
import fr.vigie.registry.Nir;
import fr.vigie.registry.PersonRecord;
import fr.vigie.web.TestPersons;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import tools.jackson.databind.JsonNode;

/**
 * The person's space end to end: a whole Vigie on PostgreSQL, a FranceConnect-like provider in this
 * JVM, a person's browser, staff clients with both factors.
 */
@ExtendWith(OutputCaptureExtension.class)
class SpaceIT extends SpaceIntegrationTest {
  @Autowired AuditJournal audit;

  private HttpResponse<String> anonymousGet(String path) throws Exception {
    return HttpClient.newHttpClient()
        .send(
            HttpRequest.newBuilder(URI.create("http://localhost:" + port() + path)).build(),
            HttpResponse.BodyHandlers.ofString());
  }

  /** wapiti asked for other registrations: each answered 500 with a stack trace in the log. */
  @Test
  void signIn_withARegistrationOtherThanFranceConnect_goesToTheWelcomePage_withoutAStackTrace(
      CapturedOutput output) throws Exception {
    HttpResponse<String> other = anonymousGet(SpaceSecurity.AUTHORIZATION_BASE + "/zqxjij.html");
    HttpResponse<String> franceConnect = anonymousGet(SpaceSecurity.SIGN_IN);

    assertThat(other.statusCode()).isEqualTo(302);
    assertThat(other.headers().firstValue("Location"))
        .hasValueSatisfying(location -> assertThat(location).endsWith(SpacePages.WELCOME));
    assertThat(franceConnect.statusCode()).isEqualTo(302);
    assertThat(franceConnect.headers().firstValue("Location"))
        .hasValueSatisfying(location -> assertThat(location).startsWith(ISSUER));
    assertThat(output.getAll())
        .doesNotContain("zqxjij")
        .doesNotContain("InvalidClientRegistration");
  }

  @Test
  void signIn_pivotIdentityMatchesOnePerson_seesOwnDataReadAsTheirOwn() {
    PersonBrowser browser = new PersonBrowser(port());

    URI landing = signIn(browser, camille);

    assertThat(landing.getPath()).isEqualTo("/space");
    assertThat(landing.getQuery()).isNull();
    PersonBrowser.Page me = browser.get("/api/space/me");
    assertThat(me.status()).isEqualTo(200);
    assertThat(me.json().get("person").asString()).isEqualTo(camilleId.toString());
    assertThat(me.json().get("data").get("birth_name").asString()).isEqualTo(camille.birthName());
    assertThat(me.json().get("data").get("nir").asString()).isEqualTo(camille.nir().masked());
    assertThat(me.header("Cache-Control")).contains("no-store");
    List<AuditEvent> events = audit.about(camilleId);
    assertThat(events)
        .anySatisfy(
            e -> {
              assertThat(e.action()).isEqualTo(fr.vigie.audit.AuditAction.SIGN_IN);
              assertThat(e.actor()).isEqualTo(Self.ACTOR_PREFIX + camilleId);
            });
    assertThat(events)
        .anySatisfy(
            e -> {
              assertThat(e.actor()).isEqualTo(Self.ACTOR_PREFIX + camilleId);
              assertThat(e.purpose()).isEqualTo("SELF");
              assertThat(e.fields()).contains("birth_name", "nir");
            });
    assertThat(events)
        .anySatisfy(
            e -> {
              assertThat(e.actor()).startsWith("oidc:");
              assertThat(e.purpose()).isEqualTo("IDENTITY_MATCH");
              assertThat(e.fields()).containsExactlyInAnyOrder("first_names", "sex", "birth_place");
            });
  }

  @Test
  void me_readOverAndOverInOneSession_isSlowedWith429AndOthersAreNot() {
    PersonBrowser browser = new PersonBrowser(port());
    signIn(browser, camille);

    int answered = 0;
    PersonBrowser.Page last = browser.get("/api/space/me");
    while (last.status() == 200 && answered < 200) {
      answered++;
      last = browser.get("/api/space/me");
    }

    // The default bucket of a person: 60 requests at once, one more each 2 s of the clock.
    assertThat(last.status()).isEqualTo(429);
    assertThat(answered).isBetween(50, 60);
    assertThat(last.header("Retry-After")).isEqualTo("2");
    assertThat(last.json().get("code").asString()).isEqualTo("SPACE_RATE_LIMITED");
    assertThat(last.body()).doesNotContain(camilleId.toString());
    PersonBrowser another = new PersonBrowser(port());
    signIn(another, other);
    assertThat(another.get("/api/space/me").status()).isEqualTo(200);
  }

  @Test
  void signIn_personKnownByAUsualName_isMatchedOnTheBirthNameTheProviderSends() {
    PersonRecord born = TestPersons.person(base + 3, agency);
    String usualName = "Epouse" + Long.toString(base, 36).replaceAll("[0-9]", "x");
    PersonRecord married =
        new PersonRecord(
            born.identifier(),
            born.nir(),
            born.sex(),
            born.birthName(),
            usualName,
            born.firstNames(),
            born.birthDate(),
            born.birthPlace(),
            born.email(),
            born.phone(),
            born.address(),
            born.category(),
            born.registeredOn(),
            born.leftOn(),
            born.organization());
    registry.importRecords(
        List.of(married).iterator(), 1, ImportOptions.defaults(), ImportProgress.NONE);
    PersonBrowser browser = new PersonBrowser(port());

    // The provider sends the birth name, as FranceConnect's family_name does.
    URI landing = signIn(browser, married);

    assertThat(landing.getPath()).isEqualTo("/space");
    PersonBrowser.Page me = browser.get("/api/space/me");
    assertThat(me.status()).isEqualTo(200);
    assertThat(me.body()).contains(usualName);
  }

  @Test
  void signIn_asksForPkceAndKeepsNoPersonalDataInUrls() {
    PersonBrowser browser = new PersonBrowser(port());

    PersonBrowser.Page start = browser.get(SpaceSecurity.SIGN_IN);

    assertThat(start.status()).isEqualTo(302);
    assertThat(start.location())
        .startsWith(ISSUER)
        .contains("code_challenge=")
        .contains("code_challenge_method=S256");
    URI landing = signIn(browser, camille);
    assertThat(landing.toString())
        .doesNotContain(camille.birthName())
        .doesNotContain(camilleId.toString());
  }

  @Test
  void signIn_twoPersonsShareThePivotIdentity_isRefusedWithoutSession() {
    PersonRecord twin = homonymOf(camille, base + 3);
    registry.importRecords(
        List.of(twin).iterator(), 1, ImportOptions.defaults(), ImportProgress.NONE);
    PersonBrowser browser = new PersonBrowser(port());

    URI landing = signIn(browser, camille);

    assertThat(landing.getPath()).isEqualTo(SpacePages.REFUSED);
    assertThat(browser.get("/api/space/me").status()).isEqualTo(401);
    assertThat(browser.get(SpacePages.REFUSED).body())
        .contains("Nous n'avons pas pu vous identifier");
  }

  @Test
  void signIn_givenNameDisagrees_isRefused() {
    PersonBrowser browser = new PersonBrowser(port());

    URI landing = signIn(browser, camille, "Dominique");

    assertThat(landing.getPath()).isEqualTo(SpacePages.REFUSED);
    assertThat(browser.get("/api/space/me").status()).isEqualTo(401);
  }

  @Test
  void journal_showsOrganizationRoleFieldsPurposeAndReasonLabels_neverTheStaffMemberOrText() {
    StaffClient staff = signedIn(advisor);
    assertThat(staff.get("/api/persons/" + camilleId).status()).isEqualTo(200);
    jdbc.update(
        "delete from caseload where advisor_id = ? and person_id = ?", advisor.id(), camilleId);
    StaffClient.Answer glass =
        staff.post(
            "/api/persons/" + camilleId + "/read",
            Map.of(
                "purpose",
                "FOLLOW_UP",
                "justification",
                Map.of("reason", "PERSON_AT_THE_DESK", "text", "Venue au guichet ce matin")));
    assertThat(glass.status()).isEqualTo(200);
    PersonBrowser browser = new PersonBrowser(port());
    signIn(browser, camille);

    PersonBrowser.Page journal = browser.get("/api/space/journal");
    PersonBrowser.Page page = browser.get("/space");

    assertThat(journal.status()).isEqualTo(200);
    JsonNode staffRead = lineWithPurpose(journal.json(), "FOLLOW_UP");
    assertThat(staffRead.get("organization").asString()).isEqualTo("Test FRANCE_TRAVAIL_AGENCY");
    assertThat(staffRead.get("role").asString()).isEqualTo("ADVISOR");
    assertThat(staffRead.get("purpose").asString()).isEqualTo("FOLLOW_UP");
    assertThat(staffRead.get("fields").toString()).contains("birth_name");
    assertThat(journal.body())
        .contains("\"purpose\":\"JUSTIFICATION\"")
        .contains("accueil sans rendez-vous");
    assertThat(page.body()).contains("accueil sans rendez-vous");
    // A staff member's free text may name someone else: the person reads the reason only.
    assertThat(journal.body() + page.body())
        .doesNotContain("Venue au guichet ce matin")
        .doesNotContain("PERSON_AT_THE_DESK");
    assertThat(journal.body() + page.body())
        .doesNotContain(advisor.login())
        .doesNotContain(advisor.id().toString());
    assertThat(page.status()).isEqualTo(200);
    assertThat(page.body())
        .contains("Qui a consulté mon dossier")
        .contains("Je ne reconnais pas cette consultation")
        .doesNotContain("<script");
    assertThat(page.header("Content-Security-Policy")).contains("default-src 'none'");
    assertThat(page.header("Cache-Control")).contains("no-store");
  }

  @Test
  void flag_goesToTheDposQueueAndTheAccountMustStepUp() {
    StaffClient staff = signedIn(advisor);
    assertThat(staff.get("/api/persons/" + camilleId).status()).isEqualTo(200);
    PersonBrowser browser = new PersonBrowser(port());
    signIn(browser, camille);
    long entry = staffLine(browser.get("/api/space/journal").json()).get("entry").asLong();
    moveClock(java.time.Duration.ofMinutes(10));

    PersonBrowser.Page flagged =
        browser.postJson("/api/space/flags", Map.of("entry", entry), browser.csrf());

    assertThat(flagged.status()).isEqualTo(201);
    assertThat(flagged.body()).doesNotContain(advisor.id().toString());
    StaffClient.Answer next = staff.get("/api/persons/" + otherId);
    assertThat(next.status()).isEqualTo(403);
    assertThat(next.json().get("code").asString()).isEqualTo("STEP_UP_REQUIRED");
    StaffClient analyst =
        signedIn(newAccount(Role.SECURITY_ANALYST, "FT-SEC-" + UUID.randomUUID()));
    StaffClient.Answer alerts = analyst.get("/api/alerts");
    assertThat(alerts.status()).isEqualTo(200);
    assertThat(alerts.body()).contains(advisor.id().toString()).contains("person-flag");
    StaffClient dpo = signedIn(newAccount(Role.DPO, "FT-DPO-" + UUID.randomUUID()));
    StaffClient.Answer queue = dpo.get("/api/flags");
    assertThat(queue.status()).isEqualTo(200);
    JsonNode flag = flagOf(queue.json(), entry);
    assertThat(flag.get("account").asString()).isEqualTo(advisor.id().toString());
    assertThat(flag.get("person").asString()).isEqualTo(camilleId.toString());
    assertThat(staff.get("/api/flags").status()).isEqualTo(403);
    StaffClient.Answer closed =
        dpo.post(
            "/api/flags/" + flag.get("id").asString() + "/closure", Map.of("outcome", "UNFOUNDED"));
    assertThat(closed.status()).isEqualTo(200);
    assertThat(closed.json().get("status").asString()).isEqualTo("CLOSED");
  }

  @Test
  void flag_entryOfAnotherPersonOrWithoutCsrf_isRefused() {
    StaffClient staff = signedIn(advisor);
    assertThat(staff.get("/api/persons/" + otherId).status()).isEqualTo(200);
    long othersEntry =
        audit.indexedAbout(otherId).stream()
            .filter(e -> e.event().actor().equals(advisor.id().toString()))
            .findFirst()
            .orElseThrow()
            .index();
    PersonBrowser browser = new PersonBrowser(port());
    signIn(browser, camille);

    PersonBrowser.Page tampered =
        browser.postJson("/api/space/flags", Map.of("entry", othersEntry), browser.csrf());
    PersonBrowser.Page noCsrf =
        browser.postJson("/api/space/flags", Map.of("entry", othersEntry), null);

    assertThat(tampered.status()).isEqualTo(404);
    assertThat(noCsrf.status()).isEqualTo(403);
    assertThat(
            jdbc.queryForObject(
                "select count(*) from read_flag where audit_idx = ?", Long.class, othersEntry))
        .isZero();
  }

  @Test
  void article15Copy_isAFileOfTheWholeRecordAuditedAsSuch() {
    PersonBrowser browser = new PersonBrowser(port());
    signIn(browser, camille);

    PersonBrowser.Page page = browser.get(SpacePages.COPY);
    PersonBrowser.Page copy = browser.get("/api/space/copy");

    assertThat(page.status()).isEqualTo(200);
    assertThat(page.header("Cache-Control")).contains("no-store");
    assertThat(page.header("Content-Security-Policy")).contains("default-src 'none'");
    assertThat(page.body()).contains("/api/space/copy.pdf").doesNotContain("<script");
    assertThat(copy.status()).isEqualTo(200);
    assertThat(copy.header("Content-Disposition")).startsWith("attachment");
    assertThat(copy.json().get("data").get("nir").asString()).isEqualTo(camille.nir().value());
    assertThat(copy.json().get("data").get("email").asString()).isEqualTo(camille.email());
    assertThat(copy.json().get("accesses").isArray()).isTrue();
    assertThat(audit.about(camilleId))
        .anySatisfy(
            e -> {
              assertThat(e.actor()).isEqualTo(Self.ACTOR_PREFIX + camilleId);
              assertThat(e.purpose()).isEqualTo("ARTICLE_15");
              assertThat(e.fields()).contains("nir", "email");
            });
  }

  @Test
  void article15Pdf_namesTheFieldsAndValuesAndIsAuditedAsSuch() throws Exception {
    PersonBrowser browser = new PersonBrowser(port());
    signIn(browser, camille);

    byte[] pdf = browser.bytes("/api/space/copy.pdf");

    String text;
    try (var document = org.apache.pdfbox.Loader.loadPDF(pdf)) {
      text = new org.apache.pdfbox.text.PDFTextStripper().getText(document);
    }
    assertThat(text)
        .contains("Copie de vos données (article 15 du RGPD)")
        .contains("Nom de naissance : " + camille.birthName())
        .contains(camille.nir().value())
        .contains("Qui a consulté votre dossier");
    assertThat(audit.about(camilleId))
        .filteredOn(e -> "ARTICLE_15".equals(e.purpose()))
        .hasSize(1)
        .allSatisfy(e -> assertThat(e.actor()).isEqualTo(Self.ACTOR_PREFIX + camilleId));
  }

  @Test
  void sessions_personAndStaffReachOnlyTheirOwnSide() {
    PersonBrowser person = new PersonBrowser(port());
    signIn(person, camille);
    StaffClient staff = signedIn(advisor);
    PersonBrowser staffCookies = new PersonBrowser(port());
    for (String name : List.of("JSESSIONID", "XSRF-TOKEN")) {
      staff.cookieValues(name).forEach(value -> staffCookies.plant(name, value));
    }
    PersonBrowser personCookiesOnStaff = new PersonBrowser(port());
    person.giveCookiesTo(personCookiesOnStaff);

    assertThat(staffCookies.get("/api/space/me").status()).isEqualTo(401);
    assertThat(staffCookies.get("/space").status()).isEqualTo(302);
    assertThat(personCookiesOnStaff.get("/api/persons/" + camilleId).status()).isEqualTo(401);
    assertThat(
            personCookiesOnStaff
                .get("/api/space/me?person=" + otherId)
                .json()
                .get("person")
                .asString())
        .isEqualTo(camilleId.toString());
    assertThat(staff.get("/api/persons/" + camilleId + "?purpose=SELF").status()).isEqualTo(403);
  }

  private static JsonNode staffLine(JsonNode journal) {
    for (JsonNode line : journal) {
      if (!line.get("own").asBoolean() && "read".equals(line.get("action").asString())) {
        return line;
      }
    }
    throw new AssertionError("no staff read in the journal");
  }

  private static JsonNode lineWithPurpose(JsonNode journal, String purpose) {
    for (JsonNode line : journal) {
      if (!line.get("own").asBoolean() && purpose.equals(line.get("purpose").asString())) {
        return line;
      }
    }
    throw new AssertionError("no staff access for " + purpose + " in the journal");
  }

  private static JsonNode flagOf(JsonNode queue, long entry) {
    for (JsonNode flag : queue) {
      if (flag.get("entry").asLong() == entry) {
        return flag;
      }
    }
    throw new AssertionError("no flag of entry " + entry + " in the queue");
  }

  /** Another person with the same birth name, birth date, first name, sex and birth place. */
  private static PersonRecord homonymOf(PersonRecord person, long n) {
    PersonRecord shape = TestPersons.person(n, person.organization());
    String first13 =
        person.nir().value().substring(0, 10) + String.format("%03d", 1 + (n + 500) % 999);
    return new PersonRecord(
        shape.identifier(),
        Nir.withKey(first13),
        person.sex(),
        person.birthName(),
        null,
        person.firstNames(),
        person.birthDate(),
        person.birthPlace(),
        shape.email(),
        shape.phone(),
        shape.address(),
        shape.category(),
        shape.registeredOn(),
        null,
        person.organization());
  }

  private URI signIn(PersonBrowser browser, PersonRecord person) {
    return signIn(browser, person, person.firstNames() + " Marie");
  }

  /**
   * What a browser does: Vigie sends it to the provider with a PKCE challenge, the provider's login
   * form, back to Vigie with a code; returns where Vigie lands it.
   */
  private URI signIn(PersonBrowser browser, PersonRecord person, String givenNames) {
    String user = providerUser(person, givenNames);
    URI at = browser.vigie().resolve(SpaceSecurity.SIGN_IN);
    PersonBrowser.Page page = browser.browse(at);
    boolean loggedIn = false;
    for (int hop = 0; hop < 10; hop++) {
      if (page.status() == 302) {
        at = at.resolve(page.location());
        if (at.getPort() == port() && !at.getPath().startsWith("/space/login/oauth2/")) {
          return at;
        }
        page = browser.browse(at);
      } else if (page.status() == 200 && !loggedIn && at.getPath().equals("/login")) {
        loggedIn = true;
        page =
            browser.postForm(
                at,
                Map.of(
                    "username",
                    user,
                    "password",
                    PersonProvider.PASSWORD,
                    "_csrf",
                    PersonBrowser.hidden(page.body(), "_csrf")));
      } else {
        throw new AssertionError("unexpected " + page.status() + " at " + at);
      }
    }
    throw new AssertionError("too many redirects");
  }
}
