package fr.vigie.registry;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CanonicalTest {

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({
    "Hélène, HELENE",
    "Noël, NOEL",
    "François, FRANCOIS",
    "Müller, MULLER",
    "ÉLODIE, ELODIE",
    "dupont, DUPONT",
    "DuPont, DUPONT",
    "Le Bihan-Éric, LEBIHANERIC",
    "LEBIHAN ERIC, LEBIHANERIC",
    "'  Le  Bihan  ', LEBIHAN",
    "D'Artagnan, DARTAGNAN",
    "Martin--Durand, MARTINDURAND"
  })
  void name_accentsCaseHyphensAndSpaces_areRemoved(String name, String canonical) {
    assertThat(Canonical.name(name)).isEqualTo(canonical);
  }

  @Test
  void name_sameNameWrittenDifferently_isEqual() {
    assertThat(Canonical.name("Le Bihan-Éric")).isEqualTo(Canonical.name("LEBIHAN ERIC"));
  }

  @Test
  void name_differentLetters_stayDifferent() {
    assertThat(Canonical.name("Martin")).isNotEqualTo(Canonical.name("Martine"));
    assertThat(Canonical.name("Hélène")).isNotEqualTo(Canonical.name("Helen"));
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({"Cœur, COEUR", "LŒTITIA, LOETITIA", "Lætitia, LAETITIA", "ÆLIS, AELIS"})
  void name_frenchLigature_isSpelledOut(String name, String canonical) {
    assertThat(Canonical.name(name)).isEqualTo(canonical);
  }

  @Test
  void name_ligature_doesNotMatchNameWithoutTheLetters() {
    assertThat(Canonical.name("Cœur")).isNotEqualTo(Canonical.name("Cur"));
  }

  @Test
  void email_caseAndSurroundingSpaces_areRemoved() {
    assertThat(Canonical.email("  Claire.Dupont@Example.FR "))
        .isEqualTo("claire.dupont@example.fr");
  }

  @Test
  void email_differentLocalPart_staysDifferent() {
    assertThat(Canonical.email("claire.dupont@example.fr"))
        .isNotEqualTo(Canonical.email("claire_dupont@example.fr"));
  }

  @Test
  void nameAndBirthDate_joinsCanonicalNameAndIsoDate() {
    assertThat(Canonical.nameAndBirthDate("Le Bihan-Éric", LocalDate.of(1990, 5, 1)))
        .isEqualTo("LEBIHANERIC|1990-05-01");
  }

  @Test
  void nameAndBirthDate_sameNameOtherDate_differs() {
    assertThat(Canonical.nameAndBirthDate("Martin", LocalDate.of(1990, 5, 1)))
        .isNotEqualTo(Canonical.nameAndBirthDate("Martin", LocalDate.of(1990, 5, 2)));
  }
}
