package fr.vigie.audit;

/** What was decided for an audited event. Stored by name. */
public enum AuditDecision {
  /** Allowed by the policy. */
  ALLOW,
  /** Allowed only because the actor gave a justification (break-the-glass). */
  JUSTIFIED,
  /** Refused. */
  DENY
}
