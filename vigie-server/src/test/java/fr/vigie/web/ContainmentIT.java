package fr.vigie.web;

import static org.assertj.core.api.Assertions.assertThat;

import fr.vigie.detection.AccessWatch;
import fr.vigie.identity.AccountId;
import fr.vigie.identity.ContainmentState;
import fr.vigie.identity.Containments;
import fr.vigie.identity.IdentityIntegrationTest;
import fr.vigie.identity.IdentityIntegrationTest.TestAccount;
import fr.vigie.identity.OrganizationKind;
import fr.vigie.identity.Role;
import fr.vigie.identity.StaffClient;
import fr.vigie.registry.ImportOptions;
import fr.vigie.registry.ImportProgress;
import fr.vigie.registry.PersonRecord;
import fr.vigie.registry.Registry;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The guard over HTTP: an account reading at full speed is suspended by its burst ceiling, and its
 * open sessions, this one and any other, get nothing on their next request; the analyst sees the
 * alert with its reasons and the persons touched, and releases it. A step-up holds reads until the
 * session proves a fresh code.
 */
class ContainmentIT extends IdentityIntegrationTest {
  @Autowired Registry registry;
  @Autowired Containments containments;
  @Autowired AccessWatch watch;

  private String agency;
  private TestAccount advisor;
  private final List<String> caseload = new ArrayList<>();

  @BeforeEach
  void caseload() {
    // The ceilings asserted here are the working day's: the shared clock may stand at night.
    moveToWorkingHours();
    agency = "FT-" + UUID.randomUUID();
    advisor = newAccount(Role.ADVISOR, agency, OrganizationKind.FRANCE_TRAVAIL_AGENCY);
    long base = Math.floorMod(UUID.randomUUID().getMostSignificantBits(), 9_000_000_000L);
    List<PersonRecord> rows = new ArrayList<>();
    for (int n = 0; n < 12; n++) {
      rows.add(TestPersons.person(base + n, agency));
    }
    registry.importRecords(
        rows.iterator(), rows.size(), ImportOptions.defaults(), ImportProgress.NONE);
    for (PersonRecord row : rows) {
      String id = registry.findByIdentifier(row.identifier()).orElseThrow().toString();
      caseload.add(id);
      jdbc.update(
          "insert into caseload (advisor_id, person_id) values (?, ?::uuid)", advisor.id(), id);
    }
  }

  @Test
  void fullSpeedReads_suspendTheAccountAndEveryOpenSessionGetsNothing() {
    StaffClient reader = client();
    byte[] seed = enrollTotp(reader, advisor);
    StaffClient other = secondSession(reader, seed);
    assertThat(other.get("/api/persons/" + caseload.get(0)).status()).isEqualTo(200);

    for (int n = 0; n < 10; n++) {
      assertThat(reader.get("/api/persons/" + caseload.get(n)).status())
          .as("read %d", n)
          .isEqualTo(200);
    }
    StaffClient.Answer eleventh = reader.get("/api/persons/" + caseload.get(10));

    assertThat(eleventh.status()).isEqualTo(403);
    assertThat(eleventh.json().get("code").asString()).isEqualTo("ACCOUNT_SUSPENDED");
    for (StaffClient session : List.of(reader, other)) {
      StaffClient.Answer next = session.get("/api/persons/" + caseload.get(0));
      assertThat(next.status()).isEqualTo(401);
      assertThat(next.body()).doesNotContain("Testnom");
    }
    assertThat(
            jdbc.queryForObject(
                "select containment from staff_account where id = ?", String.class, advisor.id()))
        .isEqualTo("SUSPENDED");
    assertThat(
            jdbc.queryForObject(
                "select count(*) from audit_entry where position(convert_to(?, 'UTF8') in entry) > 0",
                Integer.class,
                "SUSPENDED." + advisor.id().toString().toUpperCase(java.util.Locale.ROOT)))
        .isEqualTo(1);
  }

  @Test
  void analyst_listsTheAlertWithReasonsAndPersons_andReleasesTheAccount() {
    StaffClient reader = signedIn(advisor);
    for (int n = 0; n <= 10; n++) {
      reader.get("/api/persons/" + caseload.get(n));
    }
    StaffClient analyst = signedIn(newAccount(Role.SECURITY_ANALYST, agency));

    StaffClient.Answer alerts = analyst.get("/api/alerts");

    assertThat(alerts.status()).isEqualTo(200);
    var alert = findAlert(alerts, advisor.id());
    assertThat(alert.get("state").asString()).isEqualTo("SUSPENDED");
    assertThat(alert.get("reasons").get(0).get("detector").asString()).isEqualTo("ceiling:burst");
    assertThat(alert.get("reasons").get(0).get("reason").asString())
        .isEqualTo("more than 10 distinct persons within 1 minute");
    List<String> touched = new ArrayList<>();
    alert.get("touched").forEach(t -> touched.add(t.get("value").asString()));
    assertThat(touched).containsExactlyInAnyOrderElementsOf(caseload.subList(0, 10));

    StaffClient.Answer released =
        analyst.post("/api/alerts/" + alert.get("id").asString() + "/release", Map.of());

    assertThat(released.status()).isEqualTo(200);
    assertThat(released.json().get("status").asString()).isEqualTo("RELEASED");
    assertThat(
            jdbc.queryForObject(
                "select containment from staff_account where id = ?", String.class, advisor.id()))
        .isEqualTo("ACTIVE");
    assertThat(
            jdbc.queryForObject(
                "select count(*) from audit_entry where position(convert_to(?, 'UTF8') in entry) > 0",
                Integer.class,
                "ACTIVE." + advisor.id().toString().toUpperCase(java.util.Locale.ROOT)))
        .isEqualTo(1);
  }

  @Test
  void release_byAnAnalystRestrictedAfterARecovery_isRefusedAndAnotherAnalystReleases() {
    UUID alert = alert(ContainmentState.SUSPENDED);
    TestAccount recovered = newAccount(Role.SECURITY_ANALYST, agency);
    StaffClient restricted = signedIn(recovered);
    jdbc.update(
        "update staff_account set restricted_until = ? where id = ?",
        java.sql.Timestamp.from(clockNow().plus(java.time.Duration.ofHours(12))),
        recovered.id());
    StaffClient analyst = signedIn(newAccount(Role.SECURITY_ANALYST, agency));

    StaffClient.Answer release = restricted.post("/api/alerts/" + alert + "/release", Map.of());
    StaffClient.Answer confirm = restricted.post("/api/alerts/" + alert + "/confirm", Map.of());

    for (StaffClient.Answer refused : List.of(release, confirm)) {
      assertThat(refused.status()).isEqualTo(403);
      assertThat(refused.json().get("code").asString()).isEqualTo("ACCESS_DENIED");
    }
    assertThat(containmentOf(advisor.id())).isEqualTo("SUSPENDED");
    assertThat(statusOf(alert)).isEqualTo("OPEN");
    assertThat(analyst.post("/api/alerts/" + alert + "/release", Map.of()).status()).isEqualTo(200);
    assertThat(containmentOf(advisor.id())).isEqualTo("ACTIVE");
  }

  @Test
  void release_analystWithoutAFreshSecondFactor_isRefusedUntilItStepsUp() {
    UUID alert = alert(ContainmentState.SUSPENDED);
    StaffClient analyst = client();
    byte[] seed = enrollTotp(analyst, newAccount(Role.SECURITY_ANALYST, agency));
    moveClock(java.time.Duration.ofMinutes(6));

    StaffClient.Answer stale = analyst.post("/api/alerts/" + alert + "/release", Map.of());
    StaffClient.Answer staleConfirm = analyst.post("/api/alerts/" + alert + "/confirm", Map.of());

    for (StaffClient.Answer refused : List.of(stale, staleConfirm)) {
      assertThat(refused.status()).isEqualTo(403);
      assertThat(refused.json().get("code").asString()).isEqualTo("STEP_UP_REQUIRED");
    }
    assertThat(containmentOf(advisor.id())).isEqualTo("SUSPENDED");
    assertThat(statusOf(alert)).isEqualTo("OPEN");
    assertThat(analyst.post("/api/session/step-up", Map.of("code", codeNow(seed))).status())
        .isEqualTo(200);
    assertThat(analyst.post("/api/alerts/" + alert + "/release", Map.of()).status()).isEqualTo(200);
    assertThat(containmentOf(advisor.id())).isEqualTo("ACTIVE");
  }

  /**
   * The stale release of the review: an alert named a throttle, then the account was suspended;
   * releasing the old alert would have lifted a suspension the analyst never saw.
   */
  @Test
  void release_staleAlertAfterALaterSuspension_isRefusedAndTheSuspensionStays() {
    UUID throttle = alert(ContainmentState.THROTTLED);
    moveClock(java.time.Duration.ofSeconds(1));
    UUID suspension = alert(ContainmentState.SUSPENDED);
    StaffClient analyst = signedIn(newAccount(Role.SECURITY_ANALYST, agency));

    StaffClient.Answer stale = analyst.post("/api/alerts/" + throttle + "/release", Map.of());

    assertThat(stale.status()).isEqualTo(409);
    assertThat(stale.json().get("code").asString()).isEqualTo("ALERT_SUPERSEDED");
    assertThat(containmentOf(advisor.id())).isEqualTo("SUSPENDED");
    assertThat(statusOf(throttle)).isEqualTo("OPEN");
    assertThat(statusOf(suspension)).isEqualTo("OPEN");
    assertThat(
            jdbc.queryForObject(
                "select count(*) from audit_entry where position(convert_to(?, 'UTF8') in entry) > 0",
                Integer.class,
                "ACTIVE." + advisor.id().toString().toUpperCase(java.util.Locale.ROOT)))
        .isZero();

    StaffClient.Answer current = analyst.post("/api/alerts/" + suspension + "/release", Map.of());

    assertThat(current.status()).isEqualTo(200);
    assertThat(containmentOf(advisor.id())).isEqualTo("ACTIVE");
    assertThat(statusOf(throttle)).isEqualTo("RELEASED");
  }

  @Test
  void partnersAnalyst_decidesTheAlertsOfItsOwnOrganizationOnly() {
    String partner = "CE-" + UUID.randomUUID();
    TestAccount partnerAdvisor = newAccount(Role.ADVISOR, partner, OrganizationKind.CAP_EMPLOI);
    UUID elsewhere = alert(advisor.id(), ContainmentState.SUSPENDED);
    UUID own = alert(partnerAdvisor.id(), ContainmentState.SUSPENDED);
    StaffClient analyst =
        signedIn(newAccount(Role.SECURITY_ANALYST, partner, OrganizationKind.CAP_EMPLOI));

    List<String> listed = alertIds(analyst.get("/api/alerts"));
    StaffClient.Answer release = analyst.post("/api/alerts/" + elsewhere + "/release", Map.of());
    StaffClient.Answer confirm = analyst.post("/api/alerts/" + elsewhere + "/confirm", Map.of());
    StaffClient.Answer allowed = analyst.post("/api/alerts/" + own + "/release", Map.of());

    assertThat(listed).contains(own.toString()).doesNotContain(elsewhere.toString());
    for (StaffClient.Answer refused : List.of(release, confirm)) {
      assertThat(refused.status()).isEqualTo(403);
      assertThat(refused.json().get("code").asString()).isEqualTo("ACCESS_DENIED");
    }
    assertThat(containmentOf(advisor.id())).isEqualTo("SUSPENDED");
    assertThat(statusOf(elsewhere)).isEqualTo("OPEN");
    assertThat(allowed.status()).isEqualTo(200);
    assertThat(containmentOf(partnerAdvisor.id())).isEqualTo("ACTIVE");
  }

  @Test
  void nationalAnalyst_decidesTheAlertOfAPartnersAccount() {
    TestAccount partnerAdvisor =
        newAccount(Role.ADVISOR, "CE-" + UUID.randomUUID(), OrganizationKind.CAP_EMPLOI);
    UUID alert = alert(partnerAdvisor.id(), ContainmentState.SUSPENDED);
    StaffClient analyst =
        signedIn(
            newAccount(
                Role.SECURITY_ANALYST,
                "FT-" + UUID.randomUUID(),
                OrganizationKind.FRANCE_TRAVAIL_AGENCY));

    List<String> listed = alertIds(analyst.get("/api/alerts?limit=500"));
    StaffClient.Answer release = analyst.post("/api/alerts/" + alert + "/release", Map.of());

    assertThat(listed).contains(alert.toString());
    assertThat(release.status()).isEqualTo(200);
    assertThat(containmentOf(partnerAdvisor.id())).isEqualTo("ACTIVE");
  }

  private static List<String> alertIds(StaffClient.Answer alerts) {
    assertThat(alerts.status()).isEqualTo(200);
    List<String> ids = new ArrayList<>();
    alerts.json().forEach(alert -> ids.add(alert.get("id").asString()));
    return ids;
  }

  /** The account raised to {@code state} with its alert, as a verdict of the detectors does. */
  private UUID alert(ContainmentState state) {
    return alert(advisor.id(), state);
  }

  private UUID alert(UUID account, ContainmentState state) {
    containments.raise(new AccountId(account), state);
    UUID id = UUID.randomUUID();
    jdbc.update(
        "insert into containment_alert (id, account_id, raised_at, state, score, reasons, touched)"
            + " values (?, ?, ?, ?, 50, ?::jsonb, '{}')",
        id,
        account,
        java.sql.Timestamp.from(clockNow()),
        state.name(),
        "[{\"detector\":\"test\",\"points\":50,\"reason\":\"a test's verdict\"}]");
    return id;
  }

  private String containmentOf(UUID account) {
    return jdbc.queryForObject(
        "select containment from staff_account where id = ?", String.class, account);
  }

  private String statusOf(UUID alert) {
    return jdbc.queryForObject(
        "select status from containment_alert where id = ?", String.class, alert);
  }

  @Test
  void release_thenTheNextOrdinaryRead_isServedAndDoesNotSuspendAgain() throws Exception {
    StaffClient reader = client();
    byte[] seed = enrollTotp(reader, advisor);
    for (int n = 0; n <= 10; n++) {
      reader.get("/api/persons/" + caseload.get(n));
    }
    StaffClient analyst = signedIn(newAccount(Role.SECURITY_ANALYST, agency));
    var alert = findAlert(analyst.get("/api/alerts"), advisor.id());
    assertThat(
            analyst
                .post("/api/alerts/" + alert.get("id").asString() + "/release", Map.of())
                .status())
        .isEqualTo(200);

    // Within the same minute as the ten reads that suspended it: the burst window was reset.
    StaffClient again = secondSession(reader, seed);
    StaffClient.Answer next = again.get("/api/persons/" + caseload.get(11));
    assertThat(watch.drain(java.time.Duration.ofSeconds(10))).isTrue();
    StaffClient.Answer after = again.get("/api/persons/" + caseload.get(0));

    assertThat(next.status()).isEqualTo(200);
    assertThat(after.status()).isEqualTo(200);
    assertThat(
            jdbc.queryForObject(
                "select containment from staff_account where id = ?", String.class, advisor.id()))
        .isEqualTo("ACTIVE");
  }

  @Test
  void release_thenAnotherBurst_suspendsAgain() throws Exception {
    StaffClient reader = client();
    byte[] seed = enrollTotp(reader, advisor);
    for (int n = 0; n <= 10; n++) {
      reader.get("/api/persons/" + caseload.get(n));
    }
    StaffClient analyst = signedIn(newAccount(Role.SECURITY_ANALYST, agency));
    var alert = findAlert(analyst.get("/api/alerts"), advisor.id());
    analyst.post("/api/alerts/" + alert.get("id").asString() + "/release", Map.of());
    StaffClient again = secondSession(reader, seed);

    // The reset forgets the reads before the release, not the ceiling: eleven new distinct
    // persons within a minute after it suspend again.
    List<Integer> statuses = new ArrayList<>();
    for (int n = 0; n <= 10; n++) {
      statuses.add(again.get("/api/persons/" + caseload.get((n + 1) % 12)).status());
    }

    assertThat(statuses.subList(0, 10)).containsOnly(200);
    assertThat(statuses.get(10)).isEqualTo(403);
    assertThat(
            jdbc.queryForObject(
                "select containment from staff_account where id = ?", String.class, advisor.id()))
        .isEqualTo("SUSPENDED");
  }

  @Test
  void alerts_notForAdvisors() {
    assertThat(signedIn(newAccount(Role.ADVISOR, agency)).get("/api/alerts").status())
        .isEqualTo(403);
  }

  @Test
  void stepUp_holdsReadsUntilTheSessionProvesAFreshCode() {
    StaffClient reader = client();
    byte[] seed = enrollTotp(reader, advisor);
    nextStep();
    containments.raise(new AccountId(advisor.id()), ContainmentState.STEP_UP);

    StaffClient.Answer held = reader.get("/api/persons/" + caseload.get(0));
    StaffClient.Answer stepUp = reader.post("/api/session/step-up", Map.of("code", codeNow(seed)));
    StaffClient.Answer after = reader.get("/api/persons/" + caseload.get(0));

    assertThat(held.status()).isEqualTo(403);
    assertThat(held.json().get("code").asString()).isEqualTo("STEP_UP_REQUIRED");
    assertThat(held.body()).doesNotContain("Testnom");
    assertThat(stepUp.status()).isEqualTo(200);
    assertThat(after.status()).isEqualTo(200);
  }

  /** Another session of the same account, in another tab of the same browser. */
  @Test
  void stepUp_holdsEveryStaffEndpointNotOnlyPersons() {
    StaffClient reader = signedIn(advisor);
    // Raised after the sign-in's second factor, which would otherwise answer it.
    nextStep();
    containments.raise(new AccountId(advisor.id()), ContainmentState.STEP_UP);

    StaffClient.Answer caseload = reader.get("/api/caseloads/me");

    assertThat(caseload.status()).isEqualTo(403);
    assertThat(caseload.json().get("code").asString()).isEqualTo("STEP_UP_REQUIRED");
    assertThat(reader.get("/api/session").status()).isEqualTo(200);
  }

  @Test
  void throttle_holdsEveryStaffEndpointButThePacedReads() {
    StaffClient reader = signedIn(advisor);
    containments.raise(new AccountId(advisor.id()), ContainmentState.THROTTLED);

    StaffClient.Answer read = reader.get("/api/persons/" + caseload.get(0));
    // Caseload lists pass the same guard as reads (access.Gate): within the pace, it is held.
    StaffClient.Answer list = reader.get("/api/caseloads/me");
    StaffClient.Answer password =
        reader.post("/api/me/password", Map.of("current", PASSWORD, "next", PASSWORD + " 2"));
    StaffClient.Answer passkey = reader.post("/webauthn/register/options", Map.of());

    for (StaffClient.Answer held : List.of(list, password, passkey)) {
      assertThat(held.status()).isEqualTo(429);
      assertThat(held.json().get("code").asString()).isEqualTo("ACCOUNT_THROTTLED");
    }
    assertThat(read.status()).as("one read at the throttle's pace").isEqualTo(200);
    assertThat(reader.get("/api/session").status()).isEqualTo(200);
  }

  @Test
  void stepUp_holdsPasswordChangeAndFactorEnrollment() {
    StaffClient reader = signedIn(advisor);
    nextStep();
    containments.raise(new AccountId(advisor.id()), ContainmentState.STEP_UP);

    StaffClient.Answer password =
        reader.post("/api/me/password", Map.of("current", PASSWORD, "next", PASSWORD + " 2"));
    StaffClient.Answer totp = reader.post("/api/me/totp", Map.of());
    StaffClient.Answer passkey = reader.post("/webauthn/register/options", Map.of());

    for (StaffClient.Answer held : List.of(password, totp, passkey)) {
      assertThat(held.status()).isEqualTo(403);
      assertThat(held.json().get("code").asString()).isEqualTo("STEP_UP_REQUIRED");
    }
  }

  @Test
  void detectors_neverLowerAContainment() {
    AccountId account = new AccountId(advisor.id());
    containments.raise(account, ContainmentState.SUSPENDED);

    boolean lowered = containments.raise(account, ContainmentState.STEP_UP);

    assertThat(lowered).isFalse();
    assertThat(
            jdbc.queryForObject(
                "select containment from staff_account where id = ?", String.class, advisor.id()))
        .isEqualTo("SUSPENDED");
  }

  private StaffClient secondSession(StaffClient first, byte[] seed) {
    nextStep();
    StaffClient other = client();
    other.shareDeviceWith(first);
    assertThat(other.signIn(advisor.login(), PASSWORD).status()).isEqualTo(200);
    assertThat(other.post("/api/session/totp", Map.of("code", codeNow(seed))).status())
        .isEqualTo(200);
    return other;
  }

  private static tools.jackson.databind.JsonNode findAlert(
      StaffClient.Answer alerts, UUID account) {
    for (var alert : alerts.json()) {
      if (alert.get("account").get("value").asString().equals(account.toString())) {
        return alert;
      }
    }
    throw new AssertionError("no alert for the account");
  }
}
