package fr.vigie.detection;

import java.time.Duration;

/** What the ceilings say of one access about to happen. */
public sealed interface Admission {
  /** Within every ceiling: it is counted, and may go on to decryption. */
  record Admitted() implements Admission {}

  /**
   * Over {@code limit}: refused, the account goes on. The same access would be admitted again after
   * {@code retryAfter}, if nothing else were counted meanwhile.
   */
  record Refused(Limit limit, Duration retryAfter) implements Admission {}

  /**
   * Over a limit that suspends, or the account is suspended already: refused, and {@code verdict}.
   */
  record Suspended(Verdict verdict) implements Admission {}

  Admitted ADMITTED = new Admitted();

  default boolean admitted() {
    return this instanceof Admitted;
  }
}
