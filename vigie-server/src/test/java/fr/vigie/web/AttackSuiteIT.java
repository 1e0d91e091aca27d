package fr.vigie.web;

import static org.assertj.core.api.Assertions.assertThat;

import fr.vigie.identity.IdentityIntegrationTest;
import fr.vigie.identity.OrganizationKind;
import fr.vigie.identity.Role;
import fr.vigie.identity.StaffClient;
import fr.vigie.registry.ImportOptions;
import fr.vigie.registry.ImportProgress;
import fr.vigie.registry.PersonRecord;
import fr.vigie.registry.Registry;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/**
 * The standing attack suite's cases that no other test tells (docs/security.md): session fixation,
 * mass assignment, and reads across organizations and roles, each asserting the exact refusal and
 * that no personal data came back. The other attacks of the suite are in {@code EdgeIT}, {@code
 * RequestLimitsIT}, {@code CeilingsApiIT}, {@code ManagementApiIT}, {@code ContainmentIT} and
 * {@code PersonApiIT}.
 */
@ExtendWith(OutputCaptureExtension.class)
class AttackSuiteIT extends IdentityIntegrationTest {
  private static final String PLANTED = "0123456789ABCDEF0123456789ABCDEF";

  @Autowired Registry registry;
  @Autowired fr.vigie.identity.Containments containments;

  private TestAccount advisor;
  private PersonRecord followedRecord;
  private String followed;

  @BeforeEach
  void agency() {
    String agency = "FT-" + UUID.randomUUID();
    advisor = newAccount(Role.ADVISOR, agency, OrganizationKind.FRANCE_TRAVAIL_AGENCY);
    long base = Math.floorMod(UUID.randomUUID().getMostSignificantBits(), 9_000_000_000L);
    followedRecord = TestPersons.person(base + 1, agency);
    registry.importRecords(
        List.of(followedRecord).iterator(), 1, ImportOptions.defaults(), ImportProgress.NONE);
    followed = registry.findByIdentifier(followedRecord.identifier()).orElseThrow().toString();
    jdbc.update(
        "insert into caseload (advisor_id, person_id) values (?, ?::uuid)", advisor.id(), followed);
  }

  @Test
  void signIn_withAPlantedSessionCookie_getsAFreshSessionAndThePlantedOneStaysAnonymous() {
    // A planted value the server never issued is not adopted.
    StaffClient victim = client();
    victim.plantCookie("JSESSIONID", PLANTED);
    enrollTotp(victim, advisor);
    StaffClient attacker = client();
    attacker.plantCookie("JSESSIONID", PLANTED);

    StaffClient.Answer stolen = attacker.get("/api/persons/" + followed);

    assertThat(victim.get("/api/persons/" + followed).status()).isEqualTo(200);
    assertThat(victim.cookieValues("JSESSIONID")).anyMatch(value -> !value.equals(PLANTED));
    assertThat(stolen.status()).isEqualTo(401);
    assertThat(stolen.json().get("code").asString()).isEqualTo("SIGN_IN_REQUIRED");
    assertThat(stolen.body()).doesNotContain(followedRecord.birthName());
  }

  @Test
  void signIn_inASessionTheAttackerStarted_changesTheSessionIdSoTheAttackersCopyIsNotTheVictims() {
    // A real session id, issued to the attacker's own first factor, planted in the victim's
    // browser: the victim's sign-in must not carry on in it.
    TestAccount own = newAccount(Role.ADVISOR, "FT-" + UUID.randomUUID());
    StaffClient attacker = client();
    assertThat(attacker.signIn(own.login(), PASSWORD).status()).isEqualTo(200);
    String issued = attacker.cookieValue("JSESSIONID");
    assertThat(issued).isNotNull();
    StaffClient victim = client();
    victim.plantCookie("JSESSIONID", issued);
    enrollTotp(victim, advisor);

    StaffClient.Answer stolen = attacker.get("/api/persons/" + followed);

    assertThat(victim.get("/api/persons/" + followed).status()).isEqualTo(200);
    assertThat(stolen.status()).isIn(401, 403);
    assertThat(stolen.body()).doesNotContain(followedRecord.birthName());
  }

  @Test
  void update_withAFieldTheCivilRecordFixes_isRefusedWhole() {
    StaffClient client = signedIn(advisor);
    String nirBefore = nirOf(client);

    StaffClient.Answer update =
        client.patch(
            "/api/persons/" + followed,
            Map.of(
                "purpose",
                "FOLLOW_UP",
                "changes",
                Map.of("phone", "07 99 99 99 99", "registered_on", "2001-01-01")));

    assertThat(update.status()).isEqualTo(400);
    assertThat(update.json().get("code").asString()).isEqualTo("FIELD_INVALID");
    assertThat(update.json().get("detail").asString()).contains("registered_on");
    StaffClient.Answer after = client.get("/api/persons/" + followed);
    assertThat(after.json().get("fields").get("phone").asString()).isNotEqualTo("07 99 99 99 99");
    assertThat(nirOf(client)).isEqualTo(nirBefore);
  }

  @Test
  void update_withAFieldNameTheRegisterDoesNotHave_isRefusedWithoutEchoingIt() {
    StaffClient client = signedIn(advisor);

    StaffClient.Answer update =
        client.patch(
            "/api/persons/" + followed,
            Map.of(
                "purpose",
                "FOLLOW_UP",
                "changes",
                Map.of("phone", "07 99 99 99 99", "retention_set_at", "1970-01-01")));

    assertThat(update.status()).isEqualTo(400);
    assertThat(update.json().get("code").asString()).isEqualTo("FIELD_INVALID");
    assertThat(update.body()).doesNotContain("1970-01-01");
    assertThat(client.get("/api/persons/" + followed).json().get("fields").get("phone").asString())
        .isNotEqualTo("07 99 99 99 99");
  }

  /**
   * The third outside pass: wapiti's command-injection probe appended to an email ({@code
   * ...@gmail.com;env;}) was stored as the person's address, which mail would be sent to.
   */
  @Test
  void update_withAnEmailCarryingAShellProbe_isRefusedAndTheAddressStays() {
    StaffClient client = signedIn(advisor);
    String probe = followedRecord.email() + ";env;";

    StaffClient.Answer update =
        client.patch(
            "/api/persons/" + followed,
            Map.of("purpose", "FOLLOW_UP", "changes", Map.of("email", probe)));

    assertThat(update.status()).isEqualTo(400);
    assertThat(update.json().get("code").asString()).isEqualTo("FIELD_INVALID");
    assertThat(update.json().get("detail").asString()).contains("email: not an email address");
    assertThat(update.body()).doesNotContain(probe);
    assertThat(client.get("/api/persons/" + followed).json().get("fields").get("email").asString())
        .isEqualTo(followedRecord.email());
  }

  @Test
  void read_byAnAdvisorOfAnotherAgency_isRefusedEvenWithAJustification() {
    TestAccount elsewhere =
        newAccount(Role.ADVISOR, "FT-" + UUID.randomUUID(), OrganizationKind.FRANCE_TRAVAIL_AGENCY);
    StaffClient client = signedIn(elsewhere);

    StaffClient.Answer read = client.get("/api/persons/" + followed);
    StaffClient.Answer glass =
        client.post(
            "/api/persons/" + followed + "/read",
            Map.of(
                "purpose",
                "FOLLOW_UP",
                "justification",
                Map.of("reason", "PERSON_AT_THE_DESK", "text", "venue au guichet")));

    for (StaffClient.Answer refused : List.of(read, glass)) {
      assertThat(refused.status()).isEqualTo(403);
      assertThat(refused.body())
          .doesNotContain(followedRecord.birthName())
          .doesNotContain(followedRecord.identifier().value().substring(3));
    }
  }

  @Test
  void read_byRolesWithoutPersonAccess_isRefused() {
    for (Role role : List.of(Role.HELPDESK, Role.SECURITY_ANALYST, Role.ADMINISTRATOR)) {
      TestAccount account =
          newAccount(role, "FT-" + UUID.randomUUID(), OrganizationKind.FRANCE_TRAVAIL_AGENCY);
      StaffClient client = signedIn(account);

      StaffClient.Answer read = client.get("/api/persons/" + followed);

      assertThat(read.status()).as(role.name()).isEqualTo(403);
      assertThat(read.body()).as(role.name()).doesNotContain(followedRecord.birthName());
    }
  }

  /**
   * A held session reaches only a few open paths (the sign-in steps, the step-up, sign-out, the
   * public ones): a path that starts with one of them and climbs out of it must not reach a person.
   */
  @Test
  void heldSession_pathClimbingOutOfAnOpenPrefix_reachesNoPerson() {
    StaffClient client = signedIn(advisor);
    // Raised after the session's second factor, which therefore does not answer it.
    moveClock(java.time.Duration.ofMinutes(1));
    containments.raise(
        new fr.vigie.identity.AccountId(advisor.id()), fr.vigie.identity.ContainmentState.STEP_UP);
    StaffClient.Answer direct = client.get("/api/persons/" + followed);
    assertThat(direct.status()).isEqualTo(403);
    assertThat(direct.json().get("code").asString()).isEqualTo("STEP_UP_REQUIRED");
    List<String> paths =
        List.of(
            "/api/session/../persons/" + followed,
            "/api/session/%2e%2e/persons/" + followed,
            "/api/session/..;/persons/" + followed,
            "/api/session;x=1/../persons/" + followed,
            "/login/webauthn/../api/persons/" + followed,
            "/api/audit/..%2f..%2fapi/persons/" + followed);

    for (String path : paths) {
      StaffClient.Answer answer = client.get(path);

      assertThat(answer.status()).as(path).isIn(400, 403, 404);
      assertThat(answer.body()).as(path).doesNotContain(followedRecord.birthName());
    }
  }

  /**
   * The third outside pass (wapiti, then curl): every anonymous request with a method a path does
   * not take wrote a {@code WARN} line of Spring's {@code PageNotFound}, so anyone could fill the
   * log at one line a request, with a method name of their choosing.
   */
  @Test
  void anonymousRequest_withAMethodThePathDoesNotTake_isRefused405_andLeavesNothingInTheLog(
      CapturedOutput output) {
    StaffClient anonymous = client();

    for (int n = 0; n < 3; n++) {
      StaffClient.Answer answer = anonymous.get("/console/deconnexion?probe=zqxjmethod");

      assertThat(answer.status()).isEqualTo(405);
      assertThat(answer.json().get("code").asString()).isEqualTo("METHOD_NOT_ALLOWED");
      assertThat(answer.response().headers().firstValue("Allow")).hasValue("POST");
    }
    assertThat(output.getAll())
        .doesNotContain("PageNotFound")
        .doesNotContain("is not supported")
        .doesNotContain("zqxjmethod");
  }

  /**
   * The third outside pass: what Spring Security's firewall refuses (sqlmap's paths with {@code
   * ..;} or {@code //}, a made-up method) answered Spring Boot's own JSON error body, repeating the
   * path, instead of a problem.
   */
  @Test
  void request_theFirewallRefuses_isA400Problem_thatDoesNotRepeatThePath() {
    List<String> requestLines =
        List.of(
            "GET /api/space/copy.pdf/..;/zqxjpath HTTP/1.1",
            "GET /console//zqxjpath HTTP/1.1",
            "ZQXJMETHOD /console/personnes/zqxjpath HTTP/1.1");

    for (String line : requestLines) {
      RawHttp.Reply reply =
          RawHttp.send(
              port(), line + "\r\nHost: localhost\r\nConnection: close\r\n\r\n", out -> {});

      assertThat(reply.status()).as(line).isEqualTo(400);
      assertThat(reply.header("Content-Type")).as(line).startsWith("application/problem+json");
      assertThat(reply.body())
          .as(line)
          .contains("\"code\":\"REQUEST_INVALID\"")
          .contains(FirewallRefusals.DETAIL)
          .doesNotContain("zqxj");
    }
  }

  private String nirOf(StaffClient client) {
    return client.get("/api/persons/" + followed).json().get("fields").get("nir").asString();
  }
}
