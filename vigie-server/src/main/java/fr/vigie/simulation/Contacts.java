package fr.vigie.simulation;

import java.time.LocalDate;

/**
 * Email addresses derived from the names, French mobile numbers and one-line postal addresses. The
 * postcode is in the department of the organization that follows the person, and so is the city for
 * most of them.
 */
final class Contacts {
  static final double WITH_EMAIL = 0.90;
  static final double WITH_PHONE = 0.95;

  /** Share of persons living in the city of their organization. */
  private static final double IN_ORGANIZATION_CITY = 0.60;

  private static final String[] PROVIDERS = {
    "gmail.com",
    "orange.fr",
    "hotmail.fr",
    "yahoo.fr",
    "free.fr",
    "outlook.fr",
    "laposte.net",
    "sfr.fr",
    "icloud.com"
  };
  private static final double[] PROVIDER_WEIGHTS = {35, 15, 12, 8, 8, 7, 6, 5, 4};

  /** first.last, first.last42, firstlast, f.last, last.first, first_last85. */
  private static final double[] PATTERN_WEIGHTS = {35, 20, 15, 10, 10, 10};

  private final FrenchPools pools;

  Contacts(FrenchPools pools) {
    this.pools = pools;
  }

  String email(Names names, LocalDate birthDate, SplitMix64 random) {
    String first = names.firstNameAscii();
    String last = names.lastNameAscii();
    StringBuilder email = new StringBuilder(40);
    switch (random.weighted(PATTERN_WEIGHTS)) {
      case 0 -> email.append(first).append('.').append(last);
      case 1 -> email.append(first).append('.').append(last).append(random.between(1, 99));
      case 2 -> email.append(first).append(last);
      case 3 -> email.append(first.charAt(0)).append('.').append(last);
      case 4 -> email.append(last).append('.').append(first);
      default -> {
        email.append(first).append('_').append(last);
        Text.appendZeroPadded(email, birthDate.getYear() % 100, 2);
      }
    }
    return email.append('@').append(PROVIDERS[random.weighted(PROVIDER_WEIGHTS)]).toString();
  }

  /** {@code 06 12 34 56 78} or {@code 07 ...}: French mobile numbers, 06 more often. */
  static String phone(SplitMix64 random) {
    StringBuilder phone = new StringBuilder(14).append(random.chance(0.6) ? "06" : "07");
    for (int pair = 0; pair < 4; pair++) {
      Text.appendZeroPadded(phone.append(' '), random.nextInt(100), 2);
    }
    return phone.toString();
  }

  /** {@code 12 Rue Dauphine, 69120 Lyon}. */
  String address(String department, String organizationCity, SplitMix64 random) {
    // Small numbers are more common than large ones.
    double u = random.nextDouble();
    int number = 1 + (int) (u * u * 180);
    String city =
        random.chance(IN_ORGANIZATION_CITY) ? organizationCity : random.pick(pools.cities);
    return new StringBuilder(60)
        .append(number)
        .append(' ')
        .append(random.pick(pools.streets))
        .append(", ")
        .append(Places.postcode(department, random))
        .append(' ')
        .append(city)
        .toString();
  }
}
