package fr.vigie.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TotpCodesTest {
  /** The SHA-1 seed of RFC 6238 appendix B. */
  private static final byte[] RFC_SEED = "12345678901234567890".getBytes(StandardCharsets.US_ASCII);

  @ParameterizedTest
  @CsvSource({
    "59, 94287082",
    "1111111109, 07081804",
    "1111111111, 14050471",
    "1234567890, 89005924",
    "2000000000, 69279037",
    "20000000000, 65353130"
  })
  void code_rfc6238Vectors_match(long seconds, String expected) {
    long step = TotpCodes.step(Instant.ofEpochSecond(seconds));

    assertThat(TotpCodes.code(RFC_SEED, step, 8)).isEqualTo(expected);
    assertThat(TotpCodes.code(RFC_SEED, step, 6)).isEqualTo(expected.substring(2));
  }

  @Test
  void matchingStep_codeOneStepAwayEitherSide_isAcceptedAndTwoStepsIsNot() {
    long now = 1_000_000;

    assertThat(TotpCodes.matchingStep(RFC_SEED, TotpCodes.code(RFC_SEED, now - 1, 6), now))
        .hasValue(now - 1);
    assertThat(TotpCodes.matchingStep(RFC_SEED, TotpCodes.code(RFC_SEED, now + 1, 6), now))
        .hasValue(now + 1);
    assertThat(TotpCodes.matchingStep(RFC_SEED, TotpCodes.code(RFC_SEED, now - 2, 6), now))
        .isEmpty();
  }

  @Test
  void matchingStep_notSixDigits_isEmpty() {
    assertThat(TotpCodes.matchingStep(RFC_SEED, null, 1)).isEmpty();
    assertThat(TotpCodes.matchingStep(RFC_SEED, "12345", 1)).isEmpty();
    assertThat(TotpCodes.matchingStep(RFC_SEED, "12345a", 1)).isEmpty();
  }

  @Test
  void base32_rfc4648Vectors_match() {
    assertThat(TotpCodes.base32("foobar".getBytes(StandardCharsets.US_ASCII)))
        .isEqualTo("MZXW6YTBOI");
    assertThat(TotpCodes.base32("f".getBytes(StandardCharsets.US_ASCII))).isEqualTo("MY");
    assertThat(IdentityIntegrationTest.Base32.decode("MZXW6YTBOI"))
        .isEqualTo("foobar".getBytes(StandardCharsets.US_ASCII));
  }
}
