package fr.vigie.web;

import static org.assertj.core.api.Assertions.assertThat;

import fr.vigie.ProblemCode;
import fr.vigie.VigieException;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;

class ProblemAdviceTest {
  private final ProblemAdvice advice = new ProblemAdvice();

  @Test
  void ceilingReached_withItsWindow_saysRetryAfterTheWindowInSeconds() {
    ResponseEntity<ProblemDetail> answer =
        advice.vigie(
            new VigieException(
                ProblemCode.CEILING_REACHED,
                "more than 20 searches that found nobody within 1 hour",
                Duration.ofHours(1)));

    assertThat(answer.getStatusCode().value()).isEqualTo(429);
    assertThat(answer.getHeaders().getFirst(HttpHeaders.RETRY_AFTER)).isEqualTo("3600");
    assertThat(answer.getBody().getProperties()).containsEntry("code", "CEILING_REACHED");
  }

  @Test
  void retryLater_partOfASecond_roundsUpToOneSecond() {
    ResponseEntity<ProblemDetail> answer =
        advice.vigie(
            new VigieException(
                ProblemCode.SIGN_IN_RATE_LIMITED, "too many", Duration.ofMillis(1500)));

    assertThat(answer.getHeaders().getFirst(HttpHeaders.RETRY_AFTER)).isEqualTo("2");
  }

  @Test
  void any429_withoutAWait_stillSaysRetryAfter() {
    ResponseEntity<ProblemDetail> answer =
        advice.vigie(new VigieException(ProblemCode.ACCOUNT_THROTTLED, "slowed down"));

    assertThat(answer.getHeaders().getFirst(HttpHeaders.RETRY_AFTER)).isEqualTo("60");
  }

  @Test
  void not429_hasNoRetryAfter() {
    ResponseEntity<ProblemDetail> answer =
        advice.vigie(new VigieException(ProblemCode.FIELD_INVALID, "value: too long"));

    assertThat(answer.getStatusCode().value()).isEqualTo(400);
    assertThat(answer.getHeaders().containsHeader(HttpHeaders.RETRY_AFTER)).isFalse();
  }
}
