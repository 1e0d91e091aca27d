package fr.vigie;

import static java.util.Objects.requireNonNull;

import java.time.Duration;

/**
 * A refusal that ends by itself (a rate limit, a ceiling, a throttle): the web layer answers it
 * with a {@code Retry-After} of {@link #retryAfter()}, the longest the caller has to wait.
 */
public class RetryLater extends VigieException {
  private final Duration retryAfter;

  public RetryLater(ProblemCode code, String detail, Duration retryAfter) {
    super(code, detail);
    this.retryAfter = requireNonNull(retryAfter, "retryAfter is null");
  }

  public Duration retryAfter() {
    return retryAfter;
  }
}
