package fr.vigie.transfer;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** RFC 6238 appendix B vectors (SHA-1), the last six digits of each. */
class TotpCodesTest {
  private static final byte[] KEY = "12345678901234567890".getBytes(StandardCharsets.US_ASCII);

  @Test
  void code_ofTheRfcVectors_isTheirLastSixDigits() {
    assertThat(TotpCodes.code(KEY, TotpCodes.step(Instant.ofEpochSecond(59)))).isEqualTo("287082");
    assertThat(TotpCodes.code(KEY, TotpCodes.step(Instant.ofEpochSecond(1111111109))))
        .isEqualTo("081804");
    assertThat(TotpCodes.code(KEY, TotpCodes.step(Instant.ofEpochSecond(2000000000))))
        .isEqualTo("279037");
  }

  @Test
  void matchingStep_withinOneStep_isFound_andTwoStepsAway_isNot() {
    long step = TotpCodes.step(Instant.ofEpochSecond(1111111109));
    String code = TotpCodes.code(KEY, step);

    assertThat(TotpCodes.matchingStep(KEY, code, step + 1)).hasValue(step);
    assertThat(TotpCodes.matchingStep(KEY, code, step + 2)).isEmpty();
    assertThat(TotpCodes.matchingStep(KEY, "12345", step)).isEmpty();
    assertThat(TotpCodes.matchingStep(KEY, null, step)).isEmpty();
  }

  @Test
  void base32_ofTheRfc4648Vector_isItsUnpaddedText() {
    assertThat(TotpCodes.base32("foobar".getBytes(StandardCharsets.US_ASCII)))
        .isEqualTo("MZXW6YTBOI");
    assertThat(HttpsClient.base32("MZXW6YTBOI"))
        .isEqualTo("foobar".getBytes(StandardCharsets.US_ASCII));
  }
}
