package fr.vigie.identity;

/** The kind of an organization whose staff use Vigie. */
public enum OrganizationKind {
  /** A France Travail agency: follows most job seekers. */
  FRANCE_TRAVAIL_AGENCY,
  /** A Cap emploi structure: the partner network for persons with disabilities. */
  CAP_EMPLOI,
  /** A Mission locale: the partner network for young persons (16 to 25). */
  MISSION_LOCALE,
  /** A subcontractor (document digitization): exchanges files, never reads the register. */
  SUBCONTRACTOR
}
