package fr.vigie;

import static java.util.Objects.requireNonNull;

/**
 * The one exception type Vigie's features throw across their boundary: a {@link ProblemCode} and a
 * message that names fields and reasons, never values.
 */
public class VigieException extends RuntimeException {
  private final ProblemCode code;

  public VigieException(ProblemCode code, String detail) {
    super(requireNonNull(detail, "detail is null"));
    this.code = requireNonNull(code, "code is null");
  }

  public VigieException(ProblemCode code, String detail, Throwable cause) {
    super(requireNonNull(detail, "detail is null"), cause);
    this.code = requireNonNull(code, "code is null");
  }

  public ProblemCode code() {
    return code;
  }
}
