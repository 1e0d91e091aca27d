package fr.vigie.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fr.vigie.ProblemCode;
import fr.vigie.VigieException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FranceTravailIdTest {

  @ParameterizedTest
  @ValueSource(strings = {"12345678901", "1234567E", "12345678"})
  void new_nationalOrLegacyFormat_isAccepted(String text) {
    assertThat(FranceTravailId.isValid(text)).isTrue();
    assertThat(new FranceTravailId(text).value()).isEqualTo(text);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "A2345678",
        "1234567890",
        "1234567e",
        "",
        "1234567",
        "123456789012",
        "1234567EE",
        " 12345678",
        "1234567É"
      })
  void new_otherText_isRejectedWithoutValue(String text) {
    assertThat(FranceTravailId.isValid(text)).isFalse();
    assertThatThrownBy(() -> new FranceTravailId(text))
        .isInstanceOfSatisfying(
            VigieException.class,
            e -> assertThat(e.code()).isEqualTo(ProblemCode.IDENTIFIER_INVALID))
        .hasMessage("identifier: expected 11 digits, or 7 digits and one digit or capital letter");
  }

  @Test
  void new_null_isRejected() {
    assertThat(FranceTravailId.isValid(null)).isFalse();
    assertThatThrownBy(() -> new FranceTravailId(null)).isInstanceOf(NullPointerException.class);
  }

  @Test
  void toString_nationalIdentifier_showsOnlyLastThreeCharacters() {
    String shown = new FranceTravailId("12345678901").toString();

    assertThat(shown)
        .isEqualTo("FranceTravailId[********901]")
        .doesNotContain("12345678901")
        .doesNotContain("12345678");
  }

  @Test
  void toString_legacyIdentifier_showsOnlyLastThreeCharacters() {
    assertThat(new FranceTravailId("1234567E").toString())
        .isEqualTo("FranceTravailId[*****67E]")
        .doesNotContain("12345");
  }

  @Test
  void canonical_validIdentifier_isTheValue() {
    assertThat(new FranceTravailId("1234567E").canonical()).isEqualTo("1234567E");
  }
}
