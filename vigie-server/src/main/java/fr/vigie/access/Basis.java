package fr.vigie.access;

/** On what relationship an access was allowed: goes to the audit log and the detectors. */
public enum Basis {
  /** The person is in the advisor's caseload, within its organization. */
  CASELOAD,
  /** The person is actively referred to the partner advisor's organization. */
  REFERRAL,
  /** Out of caseload, within the organization, with a justification ("break the glass"). */
  JUSTIFICATION,
  /** Out of caseload, within the organization, under a manager's time-boxed relationship. */
  TIME_BOXED,
  /** A manager reviewing accesses to a person of its organization. */
  REVIEW,
  /** The person themselves, signed in to their space. */
  SELF,
  /** The DPO sending the article 34 notice of a breach to the person. */
  NOTICE
}
