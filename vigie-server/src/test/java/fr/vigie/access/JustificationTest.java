package fr.vigie.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fr.vigie.ProblemCode;
import fr.vigie.VigieException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class JustificationTest {
  @ParameterizedTest
  @ValueSource(strings = {"", "   ", "\n\t"})
  void create_blankText_isRefused(String text) {
    assertThatThrownBy(() -> new Justification(ReasonCode.PERSON_AT_THE_DESK, text))
        .isInstanceOfSatisfying(
            VigieException.class, e -> assertThat(e.code()).isEqualTo(ProblemCode.FIELD_MISSING));
  }

  @Test
  void create_textOverLimit_isRefusedWithoutEchoingIt() {
    String text = "Madame Durand, NIR 2850769123456 ".repeat(16);

    assertThatThrownBy(() -> new Justification(ReasonCode.PERSON_AT_THE_DESK, text))
        .isInstanceOfSatisfying(
            VigieException.class, e -> assertThat(e.code()).isEqualTo(ProblemCode.FIELD_INVALID))
        .message()
        .doesNotContain("Durand")
        .contains("at most 500");
  }

  @Test
  void create_textAtLimitCountedInCharacters_isAccepted() {
    // 500 characters outside the basic plane: 1,000 UTF-16 units, 500 as PostgreSQL counts.
    String text = "😀".repeat(Justification.MAX_TEXT);

    assertThat(new Justification(ReasonCode.CASELOAD_TRANSFER, text).text()).isEqualTo(text);
  }

  @Test
  void toString_anyJustification_showsReasonNotText() {
    Justification justification =
        new Justification(ReasonCode.PERSON_CONTACTED_AGENCY, "Madame Durand a appelé");

    assertThat(justification.toString())
        .contains("PERSON_CONTACTED_AGENCY")
        .doesNotContain("Durand");
  }
}
