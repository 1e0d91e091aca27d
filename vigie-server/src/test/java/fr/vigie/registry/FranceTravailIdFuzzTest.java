package fr.vigie.registry;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import fr.vigie.ProblemCode;
import fr.vigie.VigieException;
import java.nio.charset.StandardCharsets;

/**
 * Any text given as a France Travail identifier: refused with {@code IDENTIFIER_INVALID} and a
 * message that does not repeat it, or accepted, in agreement with {@link FranceTravailId#isValid};
 * an accepted one parses back from its value and its canonical form, and its masked form shows only
 * the last three characters.
 */
public class FranceTravailIdFuzzTest {

  @FuzzTest(maxDuration = "10s")
  void parse_anyText_refusesOrRoundTrips(byte[] bytes) {
    check(bytes);
  }

  /** The property, for this test and for {@link fr.vigie.AllParsersFuzzTest}. */
  public static void check(byte[] bytes) {
    String text = new String(bytes, StandardCharsets.UTF_8);
    boolean valid = FranceTravailId.isValid(text);
    FranceTravailId identifier;
    try {
      identifier = new FranceTravailId(text);
    } catch (VigieException e) {
      assertThat(valid).as("refused an identifier isValid accepts").isFalse();
      assertThat(e.code()).isEqualTo(ProblemCode.IDENTIFIER_INVALID);
      if (text.strip().length() >= 6) {
        assertThat(e.getMessage()).doesNotContain(text.strip());
      }
      return;
    }
    assertThat(valid).as("accepted an identifier isValid refuses").isTrue();
    assertThat(new FranceTravailId(identifier.value())).isEqualTo(identifier);
    assertThat(new FranceTravailId(identifier.canonical()).canonical())
        .isEqualTo(identifier.canonical());
    String value = identifier.value();
    assertThat(identifier.toString()).doesNotContain(value.substring(0, value.length() - 3));
    assertThat(identifier.masked()).endsWith(value.substring(value.length() - 3));
  }
}
