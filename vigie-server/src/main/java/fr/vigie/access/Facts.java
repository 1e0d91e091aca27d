package fr.vigie.access;

/**
 * What relates one actor to one person, loaded by {@link Relationships#facts} in one query. An
 * unknown person has no facts, so the policy answers for it as for a person the actor may not see.
 *
 * @param inCaseload the person is in the actor's caseload
 * @param followedByOrganization the person is followed by the actor's organization
 * @param referredToOrganization the person has an active referral to the actor's organization
 * @param appointment the person has an appointment this week (Monday to Sunday, Paris) with someone
 *     of the actor's organization: it explains the access to the detectors; the policy does not
 *     read it
 * @param timeBoxed a manager's time-boxed relationship holds now between the actor and the person
 *     (covering an absent colleague, a session's or a reception desk's list): an agency advisor
 *     reads the person without breaking the glass, and the read is explained to the detectors
 * @param noticeDue the breach outbox holds a notice to the person claimed for sending now: the one
 *     fact that lets the DPO read the person's contact details, for {@link Purpose#BREACH_NOTICE}
 */
public record Facts(
    boolean inCaseload,
    boolean followedByOrganization,
    boolean referredToOrganization,
    boolean appointment,
    boolean timeBoxed,
    boolean noticeDue) {
  /** No relationship at all. */
  public static final Facts NONE = new Facts(false, false, false, false, false, false);

  /** The facts of a read, with no time-boxed relationship and no notice due. */
  public Facts(
      boolean inCaseload,
      boolean followedByOrganization,
      boolean referredToOrganization,
      boolean appointment) {
    this(inCaseload, followedByOrganization, referredToOrganization, appointment, false, false);
  }

  /** The policy's facts, with no appointment. */
  public Facts(boolean inCaseload, boolean followedByOrganization, boolean referredToOrganization) {
    this(inCaseload, followedByOrganization, referredToOrganization, false, false, false);
  }
}
