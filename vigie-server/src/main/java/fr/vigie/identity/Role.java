package fr.vigie.identity;

/** What a staff account does in Vigie; see "Who uses it" in the design. */
public enum Role {
  ADVISOR,
  MANAGER,
  SECURITY_ANALYST,
  DPO,
  HELPDESK,
  ADMINISTRATOR,
  SUBCONTRACTOR_OPERATOR
}
