package fr.vigie.audit;

/**
 * A proof, checkpoint or log entry that does not verify. It names the index at which verification
 * failed: a proof step, or an entry of the log; -1 when the inputs are refused before any step, or
 * when no single step is at fault (a computed root that differs).
 */
public final class ProofException extends Exception {
  private final long index;

  public ProofException(String message, long index) {
    super(message);
    this.index = index;
  }

  /** The proof step or log entry at which verification failed, or -1. */
  public long index() {
    return index;
  }
}
