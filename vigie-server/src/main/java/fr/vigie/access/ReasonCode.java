package fr.vigie.access;

/** Why an advisor opens a person outside its caseload; the fixed list a manager reviews. */
public enum ReasonCode {
  /** The person came to the agency without an appointment. */
  PERSON_AT_THE_DESK,
  /** The person called the agency or wrote to it. */
  PERSON_CONTACTED_AGENCY,
  /** Standing in for the absent advisor who follows the person. */
  REPLACING_ABSENT_COLLEAGUE,
  /** The person is being moved into the advisor's caseload. */
  CASELOAD_TRANSFER,
  /** A workshop or collective session the advisor leads. */
  COLLECTIVE_SESSION
}
