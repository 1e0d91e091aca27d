package fr.vigie.registry;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import fr.vigie.ProblemCode;
import fr.vigie.VigieException;
import java.nio.charset.StandardCharsets;

/**
 * Any text given as a NIR: it is refused with {@code NIR_INVALID} and a reason that does not repeat
 * it, or accepted; {@link Nir#isValid} and {@link Nir#problemWith} agree with the constructor and
 * never throw; an accepted NIR formats and parses back to itself, its key is the one {@link
 * Nir#keyOf} computes, and its masked form hides the birth place and order number.
 */
public class NirFuzzTest {

  @FuzzTest(maxDuration = "10s")
  void parse_anyText_refusesOrRoundTrips(byte[] bytes) {
    check(bytes);
  }

  /** The property, for this test and for {@link fr.vigie.AllParsersFuzzTest}. */
  public static void check(byte[] bytes) {
    String text = new String(bytes, StandardCharsets.UTF_8);
    boolean valid = Nir.isValid(text);
    assertThat(Nir.problemWith(text).isEmpty()).isEqualTo(valid);
    Nir nir;
    try {
      nir = Nir.parse(text);
    } catch (VigieException e) {
      assertThat(valid).as("refused a NIR isValid accepts").isFalse();
      assertThat(e.code()).isEqualTo(ProblemCode.NIR_INVALID);
      String digits = text.replace(" ", "");
      if (digits.length() >= 6) {
        assertThat(e.getMessage()).doesNotContain(digits);
      }
      return;
    }
    assertThat(valid).as("accepted a NIR isValid refuses").isTrue();
    String value = nir.value();
    assertThat(value).hasSize(15);
    assertThat(Nir.parse(value)).isEqualTo(nir);
    assertThat(Nir.parse(spaced(value))).isEqualTo(nir);
    assertThat(Integer.parseInt(value.substring(13))).isEqualTo(Nir.keyOf(value.substring(0, 13)));
    assertThat(Nir.withKey(value.substring(0, 13))).isEqualTo(nir);
    assertThat(nir.toString()).doesNotContain(value.substring(5, 13));
    assertThat(nir.masked()).doesNotContain(value.substring(5, 13));
  }

  /** The way NIRs are printed on a carte Vitale: 1 85 03 75 056 123 56. */
  private static String spaced(String v) {
    return String.join(
        " ",
        v.substring(0, 1),
        v.substring(1, 3),
        v.substring(3, 5),
        v.substring(5, 7),
        v.substring(7, 10),
        v.substring(10, 13),
        v.substring(13));
  }
}
