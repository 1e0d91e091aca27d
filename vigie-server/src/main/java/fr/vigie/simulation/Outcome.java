package fr.vigie.simulation;

/** What one simulated access got back. */
public enum Outcome {
  /** The person's data left in the answer (a read, an update, or a search that found it). */
  DISCLOSED,
  /** A search that found nobody the account may see. */
  NOTHING_FOUND,
  /** The policy refused (no relationship, justification missing, account restricted). */
  DENIED,
  /** A ceiling refused; the account goes on. */
  REFUSED,
  /** The guard asks for a fresh second factor first. */
  STEP_UP,
  /** The guard slows the account down: too soon after its last access. */
  THROTTLED,
  /** The account is suspended: nothing. */
  SUSPENDED;

  /** True when personal data left. */
  public boolean disclosed() {
    return this == DISCLOSED;
  }
}
