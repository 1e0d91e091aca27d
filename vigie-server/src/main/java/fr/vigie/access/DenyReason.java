package fr.vigie.access;

/** Why the policy refused: safe to show the actor and to log, it names no person. */
public enum DenyReason {
  /** The account is under recovery limits (a helpdesk reset, a second factor not re-enrolled). */
  ACCOUNT_RESTRICTED,
  /** The actor's role reads no person on this path, or cannot do this management action. */
  ROLE_NOT_ALLOWED,
  /** The actor's organization (a subcontractor) reads no person. */
  ORGANIZATION_NOT_ALLOWED,
  /** The role does not act for this purpose. */
  PURPOSE_NOT_ALLOWED,
  /** The role may not do this action, e.g. a manager updating a person. */
  ACTION_NOT_ALLOWED,
  /** The person is neither followed by nor referred to the actor's organization. */
  NO_RELATIONSHIP,
  /** A search shows only persons readable without a justification; this one would need one. */
  NOT_IN_CASELOAD,
  /** The advisor named in a management action is not an advisor of the actor's organization. */
  ADVISOR_NOT_IN_ORGANIZATION,
  /** A referral goes to a partner organization (Cap emploi, Mission locale) only. */
  NOT_A_PARTNER
}
