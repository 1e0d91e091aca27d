package fr.vigie.simulation;

import java.util.ArrayList;
import java.util.List;

/**
 * INSEE place codes: the departments (01 to 95 without 20, Corsica's 2A and 2B, overseas 971 to
 * 976), birth places as 5-character codes, and postcodes.
 */
final class Places {
  /** Born abroad: 8% of persons. */
  static final double ABROAD = 0.08;

  /** Born overseas: 3% of persons. */
  static final double OVERSEAS = 0.03;

  /** Metropolitan departments: 01 to 95 except 20, then 2A and 2B. */
  static final String[] MAINLAND = mainland();

  /** Overseas departments and collectivities with a NIR department code, and their communes. */
  private static final String[] OVERSEAS_DEPARTMENTS = {"971", "972", "973", "974", "975", "976"};

  private static final int[] OVERSEAS_COMMUNES = {32, 34, 22, 24, 2, 17};

  /**
   * Countries of birth with their INSEE code (99 + 3 digits), weighted roughly by the number of job
   * seekers born there.
   */
  private static final String[] COUNTRIES = {
    "99352", // Algeria
    "99350", // Morocco
    "99351", // Tunisia
    "99139", // Portugal
    "99127", // Italy
    "99134", // Spain
    "99109", // Germany
    "99208", // Turkey
    "99114", // Romania
    "99341", // Senegal
    "99326", // Côte d'Ivoire
    "99322", // Cameroon
    "99131", // Belgium
    "99132" // United Kingdom
  };

  private static final double[] COUNTRY_WEIGHTS = {24, 20, 9, 9, 4, 4, 3, 6, 5, 5, 5, 4, 1, 1};

  /** Every department an organization can sit in, overseas included (not 975). */
  static final String[] ORGANIZATION_DEPARTMENTS = organizationDepartments();

  private Places() {}

  /** A 5-character INSEE code: department and commune, overseas, or 99 and a country. */
  static String birthPlace(SplitMix64 random) {
    double where = random.nextDouble();
    if (where < ABROAD) {
      return COUNTRIES[random.weighted(COUNTRY_WEIGHTS)];
    }
    if (where < ABROAD + OVERSEAS) {
      int department = random.nextInt(OVERSEAS_DEPARTMENTS.length);
      int commune = random.between(1, OVERSEAS_COMMUNES[department]);
      return OVERSEAS_DEPARTMENTS[department] + Text.zeroPadded(commune, 2);
    }
    return random.pick(MAINLAND) + Text.zeroPadded(random.between(1, 350), 3);
  }

  /** A postcode of {@code department}: Corsica's start with 20, overseas ones with 97x. */
  static String postcode(String department, SplitMix64 random) {
    if (department.length() == 3) {
      return department + Text.zeroPadded(random.nextInt(10) * 10, 2);
    }
    String prefix = department.startsWith("2A") || department.startsWith("2B") ? "20" : department;
    return prefix + Text.zeroPadded(random.nextInt(100) * 10, 3);
  }

  private static String[] mainland() {
    List<String> departments = new ArrayList<>();
    for (int d = 1; d <= 95; d++) {
      if (d != 20) {
        departments.add(Text.zeroPadded(d, 2));
      }
    }
    departments.add("2A");
    departments.add("2B");
    return departments.toArray(String[]::new);
  }

  private static String[] organizationDepartments() {
    List<String> departments = new ArrayList<>(List.of(MAINLAND));
    departments.addAll(List.of("971", "972", "973", "974", "976"));
    return departments.toArray(String[]::new);
  }
}
