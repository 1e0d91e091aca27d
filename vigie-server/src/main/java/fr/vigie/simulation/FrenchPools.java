package fr.vigie.simulation;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;
import java.util.function.Predicate;
import java.util.function.Supplier;
import net.datafaker.Faker;

/**
 * Names, streets and cities drawn from Datafaker's French data once per seed. Datafaker resolves an
 * expression on every call, far too slow for a million persons, so persons pick from these arrays
 * with their own generator instead. Each array keeps Datafaker's draws, repeats included, so common
 * names come up more often in one seed than in another.
 */
final class FrenchPools {
  private static final int NAME_DRAWS = 4_000;
  private static final int PLACE_DRAWS = 2_000;

  /**
   * Datafaker's French {@code name.first_name} lists boys' names first, then girls' names from
   * {@code Léa} on; the French locale has no male or female list of its own (those calls fall back
   * to English names).
   */
  private static final String FIRST_GIRL_NAME = "Léa";

  final NamePool lastNames;
  final NamePool maleFirstNames;
  final NamePool femaleFirstNames;
  final String[] streets;
  final String[] cities;

  /**
   * One-word street names such as Mouffetard or Saint-Jacques, to tell agencies of a city apart.
   */
  final String[] districts;

  private FrenchPools(
      NamePool lastNames,
      NamePool maleFirstNames,
      NamePool femaleFirstNames,
      String[] streets,
      String[] cities,
      String[] districts) {
    this.lastNames = lastNames;
    this.maleFirstNames = maleFirstNames;
    this.femaleFirstNames = femaleFirstNames;
    this.streets = streets;
    this.cities = cities;
    this.districts = districts;
  }

  /** Names as written, and the same names as email-ready ASCII, index for index. */
  record NamePool(String[] written, String[] ascii) {
    static NamePool of(List<String> written) {
      return new NamePool(
          written.toArray(String[]::new),
          written.stream().map(Text::asciiSlug).toArray(String[]::new));
    }

    int size() {
      return written.length;
    }
  }

  static FrenchPools draw(long seed) {
    Faker faker = new Faker(Locale.FRANCE, new Random(seed));
    Set<String> boys = boysNames(faker);
    List<String> firstNames = draw(faker.name()::firstName, NAME_DRAWS, FrenchPools::isSlugable);
    return new FrenchPools(
        NamePool.of(draw(faker.name()::lastName, NAME_DRAWS, FrenchPools::isSlugable)),
        NamePool.of(firstNames.stream().filter(boys::contains).toList()),
        NamePool.of(firstNames.stream().filter(name -> !boys.contains(name)).toList()),
        // Datafaker's French street prefixes include "Allée, Voie": a comma would split the
        // one-line address, so those draws are left out.
        draw(faker.address()::streetName, PLACE_DRAWS, street -> street.indexOf(',') < 0)
            .toArray(String[]::new),
        draw(faker.address()::cityName, PLACE_DRAWS, city -> true).toArray(String[]::new),
        draw(faker.address()::streetSuffix, PLACE_DRAWS, FrenchPools::isDistrict)
            .toArray(String[]::new));
  }

  private static Set<String> boysNames(Faker faker) {
    List<String> all = faker.fakeValuesService().fetchObject("name.first_name", faker.getContext());
    int firstGirl = all.indexOf(FIRST_GIRL_NAME);
    if (firstGirl <= 0) {
      throw new IllegalStateException(
          "Datafaker's French first names no longer start with boys' names then "
              + FIRST_GIRL_NAME
              + ": update FrenchPools");
    }
    return new HashSet<>(all.subList(0, firstGirl));
  }

  private static List<String> draw(Supplier<String> source, int count, Predicate<String> keep) {
    List<String> values = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      String value = source.get();
      if (keep.test(value)) {
        values.add(value);
      }
    }
    if (values.isEmpty()) {
      throw new IllegalStateException("Datafaker returned no usable value");
    }
    return values;
  }

  private static boolean isDistrict(String streetSuffix) {
    return Character.isUpperCase(streetSuffix.charAt(0)) && streetSuffix.indexOf(' ') < 0;
  }

  private static boolean isSlugable(String name) {
    return !Text.asciiSlug(name).isEmpty();
  }
}
