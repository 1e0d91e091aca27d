package fr.vigie.breach;

import static org.assertj.core.api.Assertions.assertThat;

import fr.vigie.audit.AuditScan;
import fr.vigie.identity.AccountId;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/**
 * The article 33 draft made from an incident's figures: categories and counts, the DPO's texts, as
 * JSON and PDF. Writes the samples that docs/breach-response.md shows to target/breach-samples.
 */
class NotificationsTest {
  private static final Instant FROM = Instant.parse("2024-02-06T18:00:00Z");
  private static final Instant TO = Instant.parse("2024-03-05T23:59:59Z");

  static Incident incident() {
    AccountId thief = new AccountId(UUID.fromString("5f0c8a4e-5b1a-4c55-9d0a-0c2a4f8f1e11"));
    Scope scope = Scope.ofAccounts(Set.of(thief), FROM, TO);
    return new Incident(
        new Incident.Header(
            new IncidentId(UUID.fromString("0d7e1f52-3a44-4c1b-a0a8-6f3f0e9b2c10")),
            "INC-2024-007",
            Instant.parse("2024-02-29T10:12:00Z"),
            thief),
        List.of(
            new Incident.ScopeRecord(
                1,
                Instant.parse("2024-02-29T10:12:00Z"),
                thief,
                scope,
                new AuditScan.Report(
                    1_200_000, 9_600_000, 2_419_201, 9_600_000, 0, 18, 9_600_000, false),
                17,
                4.2,
                new Incident.Completeness(Incident.Completeness.State.CONFIRMED, null, null))),
        new Incident.Totals(
            17, 18, Map.of("identifier", 17L, "usual_name", 17L, "email", 12L, "nir", 5L)));
  }

  static final NotificationDraft.Texts TEXTS =
      new NotificationDraft.Texts(
          "Le compte d'un conseiller d'un organisme partenaire, dont le mot de passe avait été"
              + " réinitialisé par l'assistance à la demande d'un tiers, a consulté des dossiers"
              + " de demandeurs d'emploi jusqu'à sa suspension automatique.",
          "Hameçonnage et escroqueries ciblées (faux conseillers) utilisant l'identité, les"
              + " coordonnées et, pour cinq personnes, le numéro de sécurité sociale.",
          "Compte suspendu et sessions révoquées à la 11e consultation ; réinitialisation par"
              + " l'assistance soumise à l'approbation du responsable ; périmètre établi depuis le"
              + " journal d'audit vérifié.",
          "Information de chaque personne concernée (courriel, espace personnel, courrier) ;"
              + " revue des réinitialisations du mois.");

  @Test
  void compose_countsPersonsAndCategoriesFromTheIncident() {
    NotificationDraft draft =
        new NotificationsFixture()
            .compose(incident(), 1, TEXTS, Instant.parse("2024-02-29T12:00:00Z"));

    assertThat(draft.kind()).isEqualTo(NotificationDraft.Kind.INITIAL);
    assertThat(draft.persons()).isEqualTo(17);
    assertThat(draft.records()).isEqualTo(18);
    assertThat(draft.dataCategories())
        .extracting(
            NotificationDraft.DataCategory::category, NotificationDraft.DataCategory::persons)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("Identifiant France Travail", 17L),
            org.assertj.core.groups.Tuple.tuple("Numéro de sécurité sociale (NIR)", 5L),
            org.assertj.core.groups.Tuple.tuple(
                "État civil (nom, prénoms, sexe, date et lieu de naissance)", 17L),
            org.assertj.core.groups.Tuple.tuple(
                "Coordonnées (adresse électronique, téléphone, adresse postale)", 12L));
  }

  @Test
  void compose_secondVersion_isComplementary() {
    NotificationDraft draft =
        new NotificationsFixture()
            .compose(incident(), 2, TEXTS, Instant.parse("2024-03-08T12:00:00Z"));

    assertThat(draft.kind()).isEqualTo(NotificationDraft.Kind.COMPLEMENTARY);
  }

  @Test
  void approximately_roundsUpToTwoDigits() {
    assertThat(Notifications.approximately(17)).isEqualTo("environ 17");
    assertThat(Notifications.approximately(36_820_828)).isEqualTo("environ 37 000 000");
  }

  @Test
  void pdf_holdsTheFormsBoxes_andSamplesAreWritten() throws IOException {
    NotificationDraft draft =
        new NotificationsFixture()
            .compose(incident(), 1, TEXTS, Instant.parse("2024-02-29T12:00:00Z"));

    byte[] pdf = NotificationPdf.render(List.of(Notifications.blocks(draft)));

    String text;
    try (var document = Loader.loadPDF(pdf)) {
      text = new PDFTextStripper().getText(document);
    }
    assertThat(text.replaceAll("\\s+", " "))
        .contains("Notification initiale")
        .contains("Numéro de sécurité sociale (NIR) : 5 personnes")
        .contains("Mesures envisagées");
    Path samples = Path.of("target", "breach-samples");
    Files.createDirectories(samples);
    Files.writeString(
        samples.resolve("article-33.json"),
        JsonMapper.builder().build().writerWithDefaultPrettyPrinter().writeValueAsString(draft));
    Files.writeString(samples.resolve("article-33.txt"), text);
    Files.writeString(
        samples.resolve("notice.txt"),
        NoticeText.body(
            List.of("identifier", "usual_name", "email", "nir"),
            "12 février 2024",
            "12 février 2024",
            "France Travail",
            "dpo@vigie.example"));
  }

  /** compose() without Spring: it reads nothing but its arguments and the two settings. */
  private static final class NotificationsFixture {
    NotificationDraft compose(
        Incident incident, int version, NotificationDraft.Texts texts, Instant at) {
      return new Notifications(
              null,
              null,
              null,
              null,
              java.util.Optional.empty(),
              "France Travail",
              "dpo@vigie.example")
          .compose(incident, version, texts, at);
    }
  }
}
