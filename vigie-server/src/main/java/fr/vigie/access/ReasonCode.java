package fr.vigie.access;

/** Why an advisor opens a person outside its caseload; the fixed list a manager reviews. */
public enum ReasonCode {
  /** The person came to the agency without an appointment. */
  PERSON_AT_THE_DESK("La personne est à l'accueil sans rendez-vous"),
  /** The person called the agency or wrote to it. */
  PERSON_CONTACTED_AGENCY("La personne a appelé ou écrit à l'agence"),
  /** Standing in for the absent advisor who follows the person. */
  REPLACING_ABSENT_COLLEAGUE("Remplacement d'un conseiller absent"),
  /** The person is being moved into the advisor's caseload. */
  CASELOAD_TRANSFER("Transfert vers mon portefeuille"),
  /** A workshop or collective session the advisor leads. */
  COLLECTIVE_SESSION("Atelier ou session collective");

  private final String label;

  ReasonCode(String label) {
    this.label = label;
  }

  /** The reason in French, as staff choose it and as the person reads it in their journal. */
  public String label() {
    return label;
  }
}
