package fr.vigie.identity;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMailUtil;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** A helpdesk reset cannot hand over a working account: approval or mailed code, then limits. */
class RecoveryIT extends IdentityIntegrationTest {

  /** An organization with an advisor (enrolled, address on file) and a manager; a helpdesk. */
  private record Scene(
      TestAccount advisor,
      byte[] advisorSeed,
      StaffClient advisorSession,
      TestAccount manager,
      TestAccount helpdesk) {}

  private Scene scene() {
    String organization = "ORG-" + UUID.randomUUID();
    TestAccount advisor = newAccountWithEmail(Role.ADVISOR, organization);
    StaffClient advisorSession = client();
    byte[] seed = enrollTotp(advisorSession, advisor);
    TestAccount manager = newAccountWithEmail(Role.MANAGER, organization);
    TestAccount helpdesk = newAccount(Role.HELPDESK);
    clock.advance(Duration.ofMinutes(1));
    return new Scene(advisor, seed, advisorSession, manager, helpdesk);
  }

  private Map<String, String> reset(Scene scene) {
    StaffClient.Answer answer =
        signedIn(scene.helpdesk())
            .post("/api/recoveries", Map.of("accountId", scene.advisor().id().toString()));
    assertThat(answer.status()).isEqualTo(201);
    return Map.of(
        "recoveryId", answer.json().get("recoveryId").asString(),
        "temporaryPassword", answer.json().get("temporaryPassword").asString());
  }

  @Test
  void reset_withoutApprovalOrCode_cannotBecomeFullySignedIn() {
    Scene scene = scene();
    assertThat(scene.advisorSession().get("/api/probe").status()).isEqualTo(200);

    String temporary = reset(scene).get("temporaryPassword");

    assertThat(scene.advisorSession().get("/api/probe").status())
        .as("the session open before the reset")
        .isEqualTo(401);
    StaffClient thief = client();
    assertThat(thief.signIn(scene.advisor().login(), PASSWORD).status()).isEqualTo(401);
    StaffClient.Answer signIn = thief.signIn(scene.advisor().login(), temporary);
    assertThat(signIn.status()).isEqualTo(200);
    assertThat(signIn.json().get("enrolled").asBoolean()).isFalse();
    StaffClient.Answer enrollment = thief.post("/api/me/totp", Map.of());
    assertThat(enrollment.status()).isEqualTo(403);
    assertThat(enrollment.json().get("type").asString())
        .isEqualTo("urn:vigie:problem:enrollment_not_allowed");
    assertThat(thief.post("/api/me/totp", Map.of("recoveryCode", "12345678")).status())
        .isEqualTo(403);
    nextStep();
    assertThat(
            thief.post("/api/session/totp", Map.of("code", codeNow(scene.advisorSeed()))).status())
        .as("the factor enrolled before the reset")
        .isEqualTo(401);
    assertThat(thief.get("/api/probe").status()).isEqualTo(403);
    assertThat(thief.get("/api/persons/probe").status()).isEqualTo(403);
  }

  @Test
  void reset_managerApproval_allowsEnrollmentThenRestrictedForThePeriod() {
    Scene scene = scene();
    Map<String, String> reset = reset(scene);
    StaffClient owner = client();
    owner.signIn(scene.advisor().login(), reset.get("temporaryPassword"));

    StaffClient.Answer approval =
        signedIn(scene.manager())
            .post("/api/recoveries/" + reset.get("recoveryId") + "/approval", Map.of());
    assertThat(approval.status()).isEqualTo(204);
    StaffClient.Answer enrollment = owner.post("/api/me/totp", Map.of());
    assertThat(enrollment.status()).isEqualTo(200);
    byte[] seed = seedOf(enrollment.json().get("uri").asString());
    assertThat(owner.post("/api/me/totp/confirmation", Map.of("code", codeNow(seed))).status())
        .isEqualTo(200);

    StaffClient.Answer principal = owner.get("/api/probe");
    assertThat(principal.status()).isEqualTo(200);
    assertThat(principal.json().get("restricted").asBoolean()).isTrue();
    assertThat(owner.get("/api/persons/probe").status()).isEqualTo(403);
    clock.advance(Duration.ofHours(23));
    assertThat(owner.get("/api/persons/probe").status()).isEqualTo(403);
    clock.advance(Duration.ofHours(1).plusSeconds(1));
    StaffClient.Answer after = owner.get("/api/persons/probe");
    assertThat(after.status()).isEqualTo(200);
    assertThat(after.json().get("restricted").asBoolean()).isFalse();
  }

  @Test
  void reset_codeMailedToAddressOnFile_allowsEnrollmentAndWrongCodeDoesNot() throws Exception {
    Scene scene = scene();
    String temporary = reset(scene).get("temporaryPassword");
    String code = mailedCode(emailOf(scene.advisor()));
    StaffClient owner = client();
    owner.signIn(scene.advisor().login(), temporary);
    String wrong = code.equals("00000000") ? "11111111" : "00000000";

    assertThat(owner.post("/api/me/totp", Map.of("recoveryCode", wrong)).status()).isEqualTo(403);
    StaffClient.Answer enrollment = owner.post("/api/me/totp", Map.of("recoveryCode", code));

    assertThat(enrollment.status()).isEqualTo(200);
    byte[] seed = seedOf(enrollment.json().get("uri").asString());
    assertThat(owner.post("/api/me/totp/confirmation", Map.of("code", codeNow(seed))).status())
        .isEqualTo(200);
    assertThat(owner.get("/api/probe").json().get("restricted").asBoolean()).isTrue();
  }

  @Test
  void reset_mails_reachOwnerAndManagerWithNoPasswordOrSecret() throws Exception {
    Scene scene = scene();
    String temporary = reset(scene).get("temporaryPassword");
    String code = mailedCode(emailOf(scene.advisor()));

    List<Message> toOwner = mailsTo(emailOf(scene.advisor()));
    List<Message> toManager = mailsTo(emailOf(scene.manager()));

    assertThat(toOwner).hasSize(2);
    assertThat(toManager).hasSize(1);
    assertThat(GreenMailUtil.getBody(toManager.get(0))).contains(scene.advisor().login());
    for (Message message : concat(toOwner, toManager)) {
      String text = message.getSubject() + GreenMailUtil.getBody(message);
      assertThat(text).doesNotContain(temporary).doesNotContain(PASSWORD);
      assertThat(text).doesNotContainIgnoringCase("otpauth").doesNotContain("secret=");
    }
    long withCode =
        concat(toOwner, toManager).stream()
            .filter(m -> GreenMailUtil.getBody(m).contains(code))
            .count();
    assertThat(withCode).as("the code goes in one message, to the owner only").isEqualTo(1);
  }

  @Test
  void approve_byManagerOfAnotherOrganizationOrByAdvisor_isForbidden() {
    Scene scene = scene();
    String recovery = reset(scene).get("recoveryId");
    TestAccount otherManager = newAccount(Role.MANAGER);
    TestAccount colleague = newAccount(Role.ADVISOR, scene.advisor().organizationCode());

    assertThat(
            signedIn(otherManager)
                .post("/api/recoveries/" + recovery + "/approval", Map.of())
                .status())
        .isEqualTo(403);
    assertThat(
            signedIn(colleague)
                .post("/api/recoveries/" + recovery + "/approval", Map.of())
                .status())
        .isEqualTo(403);
  }

  @Test
  void reset_byAdvisorOrOfAHelpdeskAccount_isForbidden() {
    Scene scene = scene();
    TestAccount otherHelpdesk =
        newAccountWithEmail(Role.HELPDESK, scene.advisor().organizationCode());

    assertThat(
            signedIn(newAccount(Role.ADVISOR))
                .post("/api/recoveries", Map.of("accountId", scene.advisor().id().toString()))
                .status())
        .isEqualTo(403);
    assertThat(
            signedIn(scene.helpdesk())
                .post("/api/recoveries", Map.of("accountId", otherHelpdesk.id().toString()))
                .status())
        .isEqualTo(403);
  }

  @Test
  void reset_lockedAccount_unlocksButStillNeedsApproval() {
    Scene scene = scene();
    jdbc.update("update staff_account set locked_at = now() where id = ?", scene.advisor().id());

    String temporary = reset(scene).get("temporaryPassword");

    StaffClient owner = client();
    assertThat(owner.signIn(scene.advisor().login(), temporary).status()).isEqualTo(200);
    assertThat(owner.post("/api/me/totp", Map.of()).status()).isEqualTo(403);
  }

  private static String mailedCode(String to) throws MessagingException {
    Pattern digits = Pattern.compile("\\b(\\d{8})\\b");
    for (Message message : mailsTo(to)) {
      Matcher matcher = digits.matcher(GreenMailUtil.getBody(message));
      if (matcher.find()) {
        return matcher.group(1);
      }
    }
    throw new AssertionError("no recovery code was mailed");
  }

  private static List<Message> mailsTo(String to) throws MessagingException {
    List<Message> found = new java.util.ArrayList<>();
    for (Message message : MAIL.getReceivedMessages()) {
      if (Arrays.stream(message.getAllRecipients()).anyMatch(a -> a.toString().equals(to))) {
        found.add(message);
      }
    }
    return found;
  }

  private static List<Message> concat(List<Message> a, List<Message> b) {
    List<Message> all = new java.util.ArrayList<>(a);
    all.addAll(b);
    return all;
  }
}
