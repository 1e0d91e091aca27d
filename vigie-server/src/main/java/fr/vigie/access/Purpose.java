package fr.vigie.access;

/** Why an actor acts: the policy grants fields, the NIR above all, for a purpose. */
public enum Purpose {
  /** Following the person: appointments, job offers, training. */
  FOLLOW_UP,
  /** Checking a registration against the person's documents: the one purpose that needs the NIR. */
  REGISTRATION_CHECK,
  /** A manager reviewing its team's accesses outside their caseloads. */
  REVIEW,
  /**
   * Responding to a security incident. Refused on this path to every role: the breach feature
   * scopes incidents from the audit log, not by reading persons.
   */
  INCIDENT_RESPONSE,
  /**
   * Sending a person's file to the subcontractor it was referred to (documents to digitize),
   * encrypted to that subcontractor, through the exchange. Only a subcontractor operator's account
   * reads for it, and only over the exchange: the web console refuses it.
   */
  EXCHANGE,
  /**
   * A job seeker reading their own file in their space. Only a signed-in person reads for it, and
   * only themselves ({@link PersonReads#readOwn}); every staff role is refused it.
   */
  SELF,
  /**
   * The copy of their data a job seeker asks for under GDPR article 15: their whole file, the NIR
   * in clear. Like {@link #SELF}, for the person alone, audited under its own code.
   */
  ARTICLE_15,
  /**
   * Sending a person the notice of GDPR article 34 after a breach: the contact details the notice
   * needs, read by the DPO's sending of an incident's notices, for a person whose notice the outbox
   * holds claimed at that moment ({@link Facts#noticeDue}). The web console refuses it.
   */
  BREACH_NOTICE;

  /** Whether the purpose needs the NIR in clear. */
  boolean needsClearNir() {
    return switch (this) {
      case REGISTRATION_CHECK, ARTICLE_15 -> true;
      case FOLLOW_UP, REVIEW, INCIDENT_RESPONSE, EXCHANGE, SELF, BREACH_NOTICE -> false;
    };
  }
}
