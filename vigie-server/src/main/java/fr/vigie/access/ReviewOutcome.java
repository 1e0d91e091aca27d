package fr.vigie.access;

/** A manager's verdict on a justification. */
public enum ReviewOutcome {
  /** The access was needed for the reason given. */
  UPHELD,
  /** The access was not justified: the detectors count it against the account. */
  REJECTED
}
