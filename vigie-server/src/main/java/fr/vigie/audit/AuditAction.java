package fr.vigie.audit;

/** What an audited event did. Stored by name, so constants may be added or reordered freely. */
public enum AuditAction {
  READ,
  SEARCH,
  UPDATE,
  ERASE,
  EXCHANGE,
  DENY,
  SIGN_IN,
  SIGN_IN_FAILED,
  SECOND_FACTOR,
  RECOVERY,
  CONTAINMENT,
  ADMIN,
  CHECKPOINT
}
