package fr.vigie.access;

import static org.assertj.core.api.Assertions.assertThat;

import fr.vigie.identity.Role;
import org.junit.jupiter.api.Test;

class JournalWordsTest {
  private static final String CODE = ".*[A-Z]{2,}_?[A-Z]*.*";

  @Test
  void purpose_ofEveryCodeTheJournalHolds_isFrenchWords() {
    for (Purpose purpose : Purpose.values()) {
      assertThat(JournalWords.purpose(purpose.name())).as(purpose.name()).doesNotMatch(CODE);
    }
    assertThat(JournalWords.purpose(JournalWords.JUSTIFIED))
        .isEqualTo("Consultation hors du suivi habituel, avec une justification");
    assertThat(JournalWords.purpose(PersonReads.IDENTITY_MATCH)).contains("identité");
    assertThat(JournalWords.purpose("FOLLOW_UP"))
        .isEqualTo("Suivi de la personne (rendez-vous, offres, formations)");
  }

  @Test
  void purpose_ofAnUnknownOrMissingCode_isNeverTheCode() {
    assertThat(JournalWords.purpose("SOMETHING_NEW")).isEqualTo("Autre motif");
    assertThat(JournalWords.purpose((String) null)).isEqualTo("Motif non précisé");
  }

  @Test
  void role_ofEveryStaffRoleAndThePerson_isFrenchWords() {
    for (Role role : Role.values()) {
      assertThat(JournalWords.role(role.name())).as(role.name()).doesNotMatch(CODE);
    }
    assertThat(JournalWords.role("ADVISOR")).isEqualTo("Conseiller");
    assertThat(JournalWords.role(JournalWords.OWN_ROLE)).isEqualTo("La personne elle-même");
    assertThat(JournalWords.role("unknown")).isEqualTo("Fonction inconnue");
    assertThat(JournalWords.role((String) null)).isEqualTo("Fonction inconnue");
  }

  @Test
  void organization_ofAnAccountNoLongerFound_readsAsUnknownInFrench() {
    assertThat(JournalWords.organization(JournalWords.UNKNOWN)).isEqualTo("Organisme inconnu");
    assertThat(JournalWords.organization(null)).isEqualTo("Organisme inconnu");
    assertThat(JournalWords.organization("Agence de Lyon")).isEqualTo("Agence de Lyon");
  }
}
