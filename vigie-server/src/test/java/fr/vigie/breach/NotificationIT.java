package fr.vigie.breach;

import static org.assertj.core.api.Assertions.assertThat;

import fr.vigie.audit.AuditAction;
import fr.vigie.audit.AuditDecision;
import fr.vigie.audit.AuditEvent;
import fr.vigie.audit.AuditLog;
import fr.vigie.identity.IdentityIntegrationTest;
import fr.vigie.identity.Role;
import fr.vigie.identity.StaffClient;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * Article 33: the DPO drafts the initial notification of a scoped incident and a complement, gets
 * each as JSON and as PDF, records the filing, and finds the incident in the breach register.
 */
class NotificationIT extends IdentityIntegrationTest {
  private static final Map<String, String> TEXTS =
      Map.of(
          "nature",
              "Un compte de conseiller usurpé a consulté des dossiers hors de son portefeuille.",
          "consequences", "Hameçonnage ciblé par courriel et téléphone.",
          "measuresTaken", "Compte suspendu, sessions révoquées, mot de passe réinitialisé.",
          "measuresProposed", "Information des personnes concernées, vigilance renforcée.");

  @Autowired AuditLog log;

  private final List<String> persons = new ArrayList<>();
  private UUID thief;
  private Instant from;
  private Instant to;

  @BeforeEach
  void readsOfAThief() {
    thief = UUID.randomUUID();
    from = clockNow();
    moveClock(Duration.ofSeconds(1));
    for (int n = 0; n < 3; n++) {
      String person = UUID.randomUUID().toString();
      persons.add(person);
      read(thief, person, n == 0 ? List.of("email", "nir") : List.of("email", "phone"));
    }
    moveClock(Duration.ofSeconds(1));
    to = clockNow();
  }

  private void read(UUID account, String person, List<String> fields) {
    log.append(
        new AuditEvent(
            clockNow(),
            account.toString(),
            AuditAction.READ,
            person,
            fields,
            "FOLLOW_UP",
            AuditDecision.ALLOW,
            null,
            UUID.randomUUID().toString()));
  }

  @Test
  void complement_afterAWidenedScope_saysWhatChangedSinceTheInitial() throws Exception {
    StaffClient dpo = signedIn(newAccount(Role.DPO));
    String incident = declare(dpo);
    dpo.post("/api/incidents/" + incident + "/notifications", TEXTS);
    UUID accomplice = UUID.randomUUID();
    Instant widenedFrom = clockNow();
    moveClock(Duration.ofSeconds(1));
    read(accomplice, persons.get(1), List.of("nir"));
    read(accomplice, UUID.randomUUID().toString(), List.of("identifier"));
    moveClock(Duration.ofSeconds(1));
    StaffClient.Answer widened =
        dpo.post(
            "/api/incidents/" + incident + "/scopes",
            Map.of(
                "accounts", List.of(accomplice.toString()),
                "from", widenedFrom.toString(),
                "to", clockNow().toString()));
    assertThat(widened.status()).as(widened.body()).isEqualTo(200);

    StaffClient.Answer complement =
        dpo.post("/api/incidents/" + incident + "/notifications", TEXTS);

    assertThat(complement.status()).as(complement.body()).isEqualTo(200);
    JsonNode changes = complement.json().get("changes");
    assertThat(changes.get("since").asInt()).isEqualTo(1);
    assertThat(changes.get("personsAdded").asLong()).isEqualTo(1);
    assertThat(changes.get("recordsAdded").asLong()).isEqualTo(2);
    assertThat(changes.get("newScopes").get(0).asInt()).isEqualTo(2);
    List<String> categories = new ArrayList<>();
    changes
        .get("categories")
        .forEach(
            c ->
                categories.add(
                    c.get("category").asString()
                        + " "
                        + c.get("personsBefore").asLong()
                        + "→"
                        + c.get("personsNow").asLong()));
    assertThat(categories)
        .containsExactlyInAnyOrder(
            "Identifiant France Travail 0→1", "Numéro de sécurité sociale (NIR) 1→2");
    JsonNode initialChanges =
        dpo.get("/api/incidents/" + incident + "/notifications/1").json().get("changes");
    assertThat(initialChanges == null || initialChanges.isNull()).isTrue();
    String text = pdfText(dpo, "/api/incidents/" + incident + "/notifications/2/pdf");
    assertThat(text)
        .contains("Changements depuis la notification initiale (version 1)")
        .contains("Personnes concernées : +1 ; consultations de dossiers : +2.")
        .contains("Identifiant France Travail : nouvelle catégorie, de 0 à 1 personnes")
        .contains("Numéro de sécurité sociale (NIR) : de 1 à 2 personnes");
  }

  @Test
  void draft_beforeTheScopeIsConfirmed_isProvisionalAndSaysSo() throws Exception {
    StaffClient dpo = signedIn(newAccount(Role.DPO));
    String incident = declare(dpo);
    ScopeStates.walked(owner, incident);
    ScopeStates.set(owner, incident, Incident.Completeness.State.PENDING);

    StaffClient.Answer early = dpo.post("/api/incidents/" + incident + "/notifications", TEXTS);
    ScopeStates.set(owner, incident, Incident.Completeness.State.CONFIRMED);
    StaffClient.Answer later = dpo.post("/api/incidents/" + incident + "/notifications", TEXTS);

    assertThat(early.status()).as(early.body()).isEqualTo(200);
    assertThat(early.json().get("provisional").asBoolean()).isTrue();
    assertThat(early.json().get("evidence").get(0).get("completeness").asString())
        .isEqualTo("PENDING");
    assertThat(pdfText(dpo, "/api/incidents/" + incident + "/notifications/1/pdf"))
        .contains("Projet provisoire : périmètre non confirmé")
        .contains("Périmètre 1 : la vérification que l'index du journal d'audit n'a omis aucune")
        .contains("Établir une nouvelle version une fois chaque périmètre confirmé");
    assertThat(later.json().get("provisional").asBoolean()).isFalse();
    assertThat(later.json().get("evidence").get(0).get("completeness").asString())
        .isEqualTo("CONFIRMED");
    assertThat(pdfText(dpo, "/api/incidents/" + incident + "/notifications/2/pdf"))
        .doesNotContain("Projet provisoire");
  }

  @Test
  void draft_afterTheCompletenessCheckFailed_saysTheFiguresAreIncomplete() throws Exception {
    StaffClient dpo = signedIn(newAccount(Role.DPO));
    String incident = declare(dpo);
    ScopeStates.walked(owner, incident);
    ScopeStates.set(owner, incident, Incident.Completeness.State.FAILED);

    StaffClient.Answer draft = dpo.post("/api/incidents/" + incident + "/notifications", TEXTS);

    assertThat(draft.json().get("provisional").asBoolean()).isTrue();
    assertThat(pdfText(dpo, "/api/incidents/" + incident + "/notifications/1/pdf"))
        .contains("Périmètre 1 : la vérification de l'exhaustivité a échoué");
  }

  @Test
  void draft_initialThenComplement_asJsonAndPdf_andInTheRegister() throws Exception {
    StaffClient dpo = signedIn(newAccount(Role.DPO));
    String incident = declare(dpo);

    StaffClient.Answer initial = dpo.post("/api/incidents/" + incident + "/notifications", TEXTS);
    StaffClient.Answer complement =
        dpo.post("/api/incidents/" + incident + "/notifications", TEXTS);

    assertThat(initial.status()).as(initial.body()).isEqualTo(200);
    JsonNode draft = initial.json();
    assertThat(draft.get("kind").asString()).isEqualTo("INITIAL");
    assertThat(draft.get("persons").asLong()).isEqualTo(3);
    assertThat(draft.get("records").asLong()).isEqualTo(3);
    assertThat(draft.get("dpoContact").asString()).isNotBlank();
    List<String> categories = new ArrayList<>();
    draft.get("dataCategories").forEach(c -> categories.add(c.get("category").asString()));
    assertThat(categories)
        .containsExactly(
            "Numéro de sécurité sociale (NIR)",
            "Coordonnées (adresse électronique, téléphone, adresse postale)");
    assertThat(complement.json().get("kind").asString()).isEqualTo("COMPLEMENTARY");
    assertThat(complement.json().get("version").asInt()).isEqualTo(2);

    String text = pdfText(dpo, "/api/incidents/" + incident + "/notifications/1/pdf");
    assertThat(text).contains("Notification initiale").contains("3 personnes");
    assertThat(text).contains("Numéro de sécurité sociale (NIR) : 1 personnes");
    assertThat(text).contains("Compte suspendu, sessions révoquées");

    assertThat(dpo.post("/api/incidents/" + incident + "/notifications/1/filed", Map.of()).status())
        .isEqualTo(200);
    JsonNode register = dpo.get("/api/breach-register").json();
    JsonNode line = null;
    for (JsonNode entry : register) {
      if (entry.get("incident").asString().equals(incident)) {
        line = entry;
      }
    }
    assertThat(line).isNotNull();
    assertThat(line.get("persons").asLong()).isEqualTo(3);
    assertThat(line.get("versions").asInt()).isEqualTo(2);
    assertThat(line.get("notifiedAt").isNull()).isFalse();
  }

  @Test
  void register_listsAnIncidentNeverNotified() {
    StaffClient dpo = signedIn(newAccount(Role.DPO));
    String incident = declare(dpo);

    JsonNode register = dpo.get("/api/breach-register").json();

    JsonNode line = null;
    for (JsonNode entry : register) {
      if (entry.get("incident").asString().equals(incident)) {
        line = entry;
      }
    }
    assertThat(line).isNotNull();
    assertThat(line.get("versions").asInt()).isZero();
    assertThat(line.get("notifiedAt").isNull()).isTrue();
  }

  @Test
  void draft_byASecurityAnalyst_isRefused() {
    StaffClient dpo = signedIn(newAccount(Role.DPO));
    String incident = declare(dpo);
    StaffClient analyst = signedIn(newAccount(Role.SECURITY_ANALYST));

    StaffClient.Answer refused =
        analyst.post("/api/incidents/" + incident + "/notifications", TEXTS);

    assertThat(refused.status()).isEqualTo(403);
    assertThat(
            jdbc.queryForObject(
                "select count(*) from incident_notification where incident_id = ?::uuid",
                Integer.class,
                incident))
        .isZero();
  }

  @Test
  void register_forAnAdvisor_isRefused() {
    StaffClient advisor = signedIn(newAccount(Role.ADVISOR));

    assertThat(advisor.get("/api/breach-register").status()).isEqualTo(403);
  }

  private String declare(StaffClient dpo) {
    StaffClient.Answer declared =
        dpo.post(
            "/api/incidents",
            Map.of(
                "reference",
                "INC-" + UUID.randomUUID(),
                "scope",
                Map.of(
                    "accounts", List.of(thief.toString()),
                    "from", from.toString(),
                    "to", to.toString())));
    assertThat(declared.status()).as(declared.body()).isEqualTo(200);
    return declared.json().get("header").get("id").get("value").asString();
  }

  /** Fetches a PDF with the session of {@code client} and extracts its text. */
  private String pdfText(StaffClient client, String path) throws IOException {
    byte[] pdf = client.bytes(path);
    try (var document = Loader.loadPDF(pdf)) {
      return new PDFTextStripper().getText(document).replaceAll("\\s+", " ");
    }
  }
}
