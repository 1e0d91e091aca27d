package fr.vigie.simulation;

import fr.vigie.registry.Sex;
import java.time.LocalDate;

/**
 * The names of one generated person, as written and as email-ready ASCII. Package-private, and its
 * {@link #toString()} shows nothing, since it holds personal data (synthetic, but shaped like it).
 */
record Names(
    String birthName,
    String usualName,
    String firstNames,
    String firstNameAscii,
    String lastNameAscii) {

  /** Compound birth names (two family names joined by a hyphen): 5% of persons. */
  static final double COMPOUND = 0.05;

  /** Women of 23 or more using a spouse's name: 40%, so about a third of all women. */
  static final double USUAL_NAME = 0.40;

  /** One first name for 55% of persons, two for 33%, three for 12%. */
  private static final double[] FIRST_NAME_COUNT_WEIGHTS = {55, 33, 12};

  static Names draw(
      FrenchPools pools, Sex sex, LocalDate birthDate, LocalDate asOf, SplitMix64 random) {
    FrenchPools.NamePool last = pools.lastNames;
    int family = random.nextInt(last.size());
    String birthName = last.written()[family];
    String birthAscii = last.ascii()[family];
    if (random.chance(COMPOUND)) {
      int second = random.nextInt(last.size());
      if (!last.written()[second].equals(birthName)) {
        birthName = birthName + "-" + last.written()[second];
        birthAscii = birthAscii + "-" + last.ascii()[second];
      }
    }
    String usualName = null;
    String lastAscii = birthAscii;
    if (sex == Sex.FEMALE && !birthDate.plusYears(23).isAfter(asOf) && random.chance(USUAL_NAME)) {
      int spouse = random.nextInt(last.size());
      if (!last.written()[spouse].equals(birthName)) {
        usualName = last.written()[spouse];
        lastAscii = last.ascii()[spouse];
      }
    }
    FrenchPools.NamePool given = sex == Sex.MALE ? pools.maleFirstNames : pools.femaleFirstNames;
    int first = random.nextInt(given.size());
    StringBuilder firstNames = new StringBuilder(given.written()[first]);
    int count = 1 + random.weighted(FIRST_NAME_COUNT_WEIGHTS);
    for (int i = 1; i < count; i++) {
      String more = given.written()[random.nextInt(given.size())];
      if (firstNames.indexOf(more) < 0) {
        firstNames.append(", ").append(more);
      }
    }
    return new Names(birthName, usualName, firstNames.toString(), given.ascii()[first], lastAscii);
  }

  @Override
  public String toString() {
    return "Names[***]";
  }
}
