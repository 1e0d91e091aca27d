package fr.vigie;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class FieldTextTest {

  @Test
  void line_frenchNameWithAccentsAndApostrophe_isAccepted() {
    assertThat(FieldText.line("name", "N'Diaye-Lefèvre Œdipe", 100))
        .isEqualTo("N'Diaye-Lefèvre Œdipe");
  }

  @Test
  void line_surrogatePair_countsAsOneCharacter() {
    String emoji = "\uD83D\uDE00";

    assertThat(FieldText.line("name", emoji.repeat(3), 3)).isEqualTo(emoji.repeat(3));
  }

  @Test
  void line_longerThanMax_isRefusedNamingTheFieldNotTheValue() {
    assertThatThrownBy(() -> FieldText.line("value", "SECRETNAME".repeat(11), 100))
        .isInstanceOf(VigieException.class)
        .hasMessage("value: longer than 100 characters")
        .extracting(e -> ((VigieException) e).code())
        .isEqualTo(ProblemCode.FIELD_INVALID);
  }

  @Test
  void line_bidiOverride_isRefused() {
    assertThatThrownBy(() -> FieldText.line("value", "abc\u202Edef", 100))
        .isInstanceOf(VigieException.class)
        .hasMessage("value: holds the control or format character U+202E");
  }

  @Test
  void line_otherBidiAndInvisibleFormatCharacters_areRefused() {
    for (char c :
        new char[] {'\u202A', '\u202D', '\u2066', '\u2069', '\u200E', '\u200B', '\uFEFF'}) {
      assertThatThrownBy(() -> FieldText.line("value", "a" + c + "b", 100))
          .as("U+%04X", (int) c)
          .isInstanceOf(VigieException.class);
    }
  }

  @Test
  void line_controlCharactersAndLineBreaks_areRefused() {
    for (char c : new char[] {'\u0000', '\u0007', '\n', '\r', '\t', '\u007F', '\u0085', '\u2028'}) {
      assertThatThrownBy(() -> FieldText.line("value", "a" + c + "b", 100))
          .as("U+%04X", (int) c)
          .isInstanceOf(VigieException.class);
    }
  }

  @Test
  void text_lineBreaksAndTabs_areAccepted() {
    assertThat(FieldText.text("text", "venue au guichet\r\n\tavec son fils", 500)).isNotNull();
  }

  @Test
  void text_bidiOverride_isRefused() {
    assertThatThrownBy(() -> FieldText.text("text", "ok\n\u202Eexe.txt", 500))
        .isInstanceOf(VigieException.class);
  }

  @Test
  void line_loneSurrogates_areRefused() {
    for (String value : new String[] {"a\uD800b", "a\uDC00b", "ab\uD83D"}) {
      assertThatThrownBy(() -> FieldText.line("value", value, 100))
          .isInstanceOf(VigieException.class)
          .hasMessageStartingWith("value: holds a lone surrogate");
    }
  }

  @Test
  void line_null_isLeftToTheCaller() {
    assertThat(FieldText.line("value", null, 10)).isNull();
  }
}
