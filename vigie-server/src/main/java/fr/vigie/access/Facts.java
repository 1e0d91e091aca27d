package fr.vigie.access;

/**
 * What relates one actor to one person, loaded by {@link Relationships#facts} in one query. An
 * unknown person has no facts, so the policy answers for it as for a person the actor may not see.
 *
 * @param inCaseload the person is in the actor's caseload
 * @param followedByOrganization the person is followed by the actor's organization
 * @param referredToOrganization the person has an active referral to the actor's organization
 */
public record Facts(
    boolean inCaseload, boolean followedByOrganization, boolean referredToOrganization) {
  /** No relationship at all. */
  public static final Facts NONE = new Facts(false, false, false);
}
