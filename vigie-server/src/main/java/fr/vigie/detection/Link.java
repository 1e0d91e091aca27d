package fr.vigie.detection;

/** What explains an access to a person: the relationship the read path found between them. */
public enum Link {
  /** The person has an appointment with the account (or its organization, for a partner) soon. */
  APPOINTMENT,
  /**
   * A manager's time-boxed relationship holds (covering an absent colleague, a session's or a
   * reception desk's list): out-of-caseload work made explicit.
   */
  TIME_BOXED,
  /** The person is followed (caseload, referral) but nothing scheduled explains this access. */
  FOLLOWED,
  /** Outside what the account follows: a justified access. */
  OUTSIDE,
  /** No access: refused, or a search. */
  NONE;

  /** True when something in the register explains why this account looked at this person. */
  public boolean explained() {
    return this == APPOINTMENT || this == TIME_BOXED;
  }
}
