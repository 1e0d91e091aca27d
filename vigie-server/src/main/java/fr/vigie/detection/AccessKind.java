package fr.vigie.detection;

/** What an account did, as the detectors see it. */
public enum AccessKind {
  /** Data of one person left in an answer. */
  READ,
  /** One person's data was changed (and shown to the account). */
  UPDATE,
  /** A search by an exact criterion; the persons it found come as READs of their own. */
  SEARCH,
  /** The policy or a ceiling refused: nothing left. */
  REFUSED,
  /**
   * A change to who follows one person (an assignment to a caseload, a referral): no data left, but
   * the ceilings count it.
   */
  CHANGE
}
