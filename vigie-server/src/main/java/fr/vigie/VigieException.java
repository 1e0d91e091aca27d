package fr.vigie;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.Optional;

/**
 * The one exception type Vigie's features throw across their boundary: a {@link ProblemCode} and a
 * message that names fields and reasons, never values.
 */
public class VigieException extends RuntimeException {
  private final ProblemCode code;
  private final Duration retryAfter;

  public VigieException(ProblemCode code, String detail) {
    this(code, detail, (Duration) null);
  }

  /**
   * A refusal that may succeed if tried again after {@code retryAfter} (HTTP {@code Retry-After}).
   */
  public VigieException(ProblemCode code, String detail, Duration retryAfter) {
    super(requireNonNull(detail, "detail is null"));
    this.code = requireNonNull(code, "code is null");
    this.retryAfter = retryAfter;
  }

  public VigieException(ProblemCode code, String detail, Throwable cause) {
    super(requireNonNull(detail, "detail is null"), cause);
    this.code = requireNonNull(code, "code is null");
    this.retryAfter = null;
  }

  public ProblemCode code() {
    return code;
  }

  /** How long to wait before trying again, when waiting helps. */
  public Optional<Duration> retryAfter() {
    return Optional.ofNullable(retryAfter);
  }
}
