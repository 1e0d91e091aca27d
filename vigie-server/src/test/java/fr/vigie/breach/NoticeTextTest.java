package fr.vigie.breach;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class NoticeTextTest {
  @Test
  void body_namesTheFieldsThatLeft_andNoOther() {
    String body =
        NoticeText.body(
            List.of("phone", "email"),
            "6 février 2024",
            "6 février 2024",
            "France Travail",
            "dpo@vigie.example");

    assertThat(body)
        .contains("- votre adresse électronique\n- votre numéro de téléphone\n")
        .contains("le 6 février 2024")
        .doesNotContain("sécurité sociale")
        .doesNotContain("adresse postale")
        .doesNotContain("date de naissance");
  }

  @Test
  void body_withTheNir_saysWhatToWatch() {
    String body =
        NoticeText.body(
            List.of("nir", "identifier"),
            "6 février 2024",
            "5 mars 2024",
            "France Travail",
            "dpo@vigie.example");

    assertThat(body)
        .contains("entre le 6 février 2024 et le 5 mars 2024")
        .contains("- votre identifiant France Travail\n- votre numéro de sécurité sociale\n")
        .contains("caisse d'assurance maladie")
        .doesNotContain("adresse électronique");
  }

  @Test
  void complement_namesOnlyTheNewFields_asAdditionsToTheFirstNotice() throws Exception {
    String complement =
        NoticeText.complement(
            List.of("nir"), "6 février 2024", "5 mars 2024", "France Travail", "dpo@vigie.example");

    assertThat(complement)
        .contains("Nous vous avons informé(e)")
        .contains("d'autres informations vous concernant ont aussi pu être copiées :\n")
        .contains("- votre numéro de sécurité sociale\n\nElles s'ajoutent")
        .contains("caisse d'assurance maladie")
        .doesNotContain("adresse électronique")
        .doesNotContain("identifiant");
    Path samples = Files.createDirectories(Path.of("target", "breach-samples"));
    Files.writeString(samples.resolve("notice-complement.txt"), complement);
  }

  @Test
  void complement_withNoField_isRefused() {
    assertThatThrownBy(() -> NoticeText.complement(List.of(), "a", "b", "c", "d"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void body_withNoField_isRefused() {
    assertThatThrownBy(() -> NoticeText.body(List.of(), "a", "b", "c", "d"))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
