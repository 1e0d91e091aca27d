package fr.vigie.simulation;

import fr.vigie.identity.OrganizationKind;

/**
 * The three networks that follow job seekers, calibrated on design.md: about 900 France Travail
 * agencies, 98 Cap emploi structures and 440 Missions locales for 6.4 million persons. The share of
 * persons each follows is an assumption of this generator: Cap emploi about 2,500 advisors at about
 * 100 persons each, Missions locales the young persons that France Travail does not follow itself.
 */
enum Network {
  FRANCE_TRAVAIL(
      OrganizationKind.FRANCE_TRAVAIL_AGENCY,
      "FT",
      5,
      "France Travail",
      900,
      0.86,
      // About 250 persons per advisor on average: 5% intensive, 12% guided, 82.5% light, 0.5%
      // overloaded (about 1 advisor in 200 at about 1,100).
      new double[] {0.05, 0.12, 0.825, 0.005}),
  CAP_EMPLOI(
      OrganizationKind.CAP_EMPLOI, "CE", 3, "Cap emploi", 98, 0.04, new double[] {0.3, 0.7, 0, 0}),
  MISSION_LOCALE(
      OrganizationKind.MISSION_LOCALE,
      "ML",
      4,
      "Mission locale",
      440,
      0.10,
      new double[] {0.3, 0.7, 0, 0});

  /** The persons in categories A to E nationally. */
  static final long NATIONAL_PERSONS = 6_400_000L;

  private final OrganizationKind kind;
  private final String codePrefix;
  private final int codeDigits;
  private final String displayName;
  private final int nationalOrganizations;
  private final double personShare;
  private final double[] caseloadWeights;

  Network(
      OrganizationKind kind,
      String codePrefix,
      int codeDigits,
      String displayName,
      int nationalOrganizations,
      double personShare,
      double[] caseloadWeights) {
    this.kind = kind;
    this.codePrefix = codePrefix;
    this.codeDigits = codeDigits;
    this.displayName = displayName;
    this.nationalOrganizations = nationalOrganizations;
    this.personShare = personShare;
    this.caseloadWeights = caseloadWeights;
  }

  OrganizationKind kind() {
    return kind;
  }

  String displayName() {
    return displayName;
  }

  double personShare() {
    return personShare;
  }

  /** Missions locales follow persons aged 16 to 25 only. */
  boolean youngOnly() {
    return this == MISSION_LOCALE;
  }

  /** {@code FT-00042}, {@code CE-007}, {@code ML-0123}: numbered from 1. */
  String code(int number) {
    return codePrefix + "-" + Text.zeroPadded(number, codeDigits);
  }

  /** How many organizations follow {@code persons} persons: the national ratio, at least one. */
  int organizationsFor(long persons) {
    if (persons == 0) {
      return 0;
    }
    double perOrganization = NATIONAL_PERSONS * personShare / nationalOrganizations;
    return (int) Math.max(1, Math.round(persons / perOrganization));
  }

  CaseloadKind drawCaseload(SplitMix64 random) {
    return CaseloadKind.values()[random.weighted(caseloadWeights)];
  }
}
