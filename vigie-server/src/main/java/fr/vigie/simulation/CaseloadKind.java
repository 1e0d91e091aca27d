package fr.vigie.simulation;

/**
 * The kind of follow-up an advisor gives, with the caseload sizes design.md calibrates: up to 70
 * persons (intensive), 100 to 150 (guided), 200 to 350 (light), and about 1,100 in the few
 * overloaded agencies.
 */
public enum CaseloadKind {
  INTENSIVE(1, 70, 30),
  GUIDED(100, 150, 100),
  LIGHT(200, 350, 200),
  OVERLOADED(1_000, 1_200, 1_000);

  private final int minPersons;
  private final int maxPersons;
  private final int usualMinPersons;

  CaseloadKind(int minPersons, int maxPersons, int usualMinPersons) {
    this.minPersons = minPersons;
    this.maxPersons = maxPersons;
    this.usualMinPersons = usualMinPersons;
  }

  /** The smallest caseload of this kind (an intensive caseload may be nearly empty). */
  public int minPersons() {
    return minPersons;
  }

  /** The largest caseload of this kind. */
  public int maxPersons() {
    return maxPersons;
  }

  /** The smallest size drawn for a new advisor; below it only to place the last few persons. */
  int usualMinPersons() {
    return usualMinPersons;
  }

  public boolean allows(int persons) {
    return persons >= minPersons && persons <= maxPersons;
  }
}
