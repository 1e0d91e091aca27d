package fr.vigie.simulation;

import fr.vigie.registry.FranceTravailId;
import fr.vigie.registry.Nir;
import fr.vigie.registry.PersonRecord;
import fr.vigie.registry.RegistrationCategory;
import fr.vigie.registry.Sex;
import java.time.LocalDate;

/**
 * Builds the person at an index: a pure function of the seed, the index and the pools, so persons
 * can be generated lazily, in any order or in parallel, and always come out the same.
 */
final class PersonFactory {
  private static final RegistrationCategory[] CATEGORIES = RegistrationCategory.values();

  /** A 50%, B 12%, C 24%, D 6%, E 8%: mostly A, as in France Travail's statistics. */
  private static final double[] CATEGORY_WEIGHTS = {50, 12, 24, 6, 8};

  /** Ages 16-24, 25-49 and 50-66 for France Travail and Cap emploi. */
  private static final double[] AGE_BAND_WEIGHTS = {14, 58, 28};

  private static final int[][] AGE_BANDS = {{16, 24}, {25, 49}, {50, 66}};

  /** Missions locales follow persons aged 16 to 25. */
  private static final int[] YOUNG = {16, 25};

  static final double LEAVERS = 0.15;
  static final double LEFT_OVER_20_YEARS_AGO = 0.25;

  private final long seed;
  private final LocalDate asOf;
  private final AgencyLayout layout;
  private final Identifiers identifiers;
  private final Contacts contacts;
  private final FrenchPools pools;

  PersonFactory(long seed, LocalDate asOf, AgencyLayout layout, FrenchPools pools) {
    this.seed = SplitMix64.mix(seed ^ 0x5045_5253_4F4E_5331L);
    this.asOf = asOf;
    this.layout = layout;
    this.pools = pools;
    this.identifiers = new Identifiers(seed);
    this.contacts = new Contacts(pools);
  }

  PersonRecord person(long index) {
    int organization = layout.organizationIndexOf(index);
    Network network = layout.networks.get(organization);
    SplitMix64 random = SplitMix64.forIndex(seed, index);
    Sex sex = random.chance(0.5) ? Sex.FEMALE : Sex.MALE;
    LocalDate birthDate = birthDate(network, random);
    String birthPlace = Places.birthPlace(random);
    Names names = Names.draw(pools, sex, birthDate, asOf, random);
    Registration registration = Registration.draw(birthDate, asOf, random);
    // Arguments are evaluated left to right (JLS 15.7.4): the draws below keep their order.
    return new PersonRecord(
        identifiers.of(index),
        nir(sex, birthDate, birthPlace, random),
        sex,
        names.birthName(),
        names.usualName(),
        names.firstNames(),
        birthDate,
        birthPlace,
        random.chance(Contacts.WITH_EMAIL) ? contacts.email(names, birthDate, random) : null,
        random.chance(Contacts.WITH_PHONE) ? Contacts.phone(random) : null,
        contacts.address(
            layout.departments.get(organization), layout.cities.get(organization), random),
        CATEGORIES[random.weighted(CATEGORY_WEIGHTS)],
        registration.registeredOn(),
        registration.leftOn(),
        layout.organizations.get(organization).code());
  }

  private LocalDate birthDate(Network network, SplitMix64 random) {
    int[] ages = network.youngOnly() ? YOUNG : AGE_BANDS[random.weighted(AGE_BAND_WEIGHTS)];
    // Aged a to b on asOf: born after asOf - (b + 1) years, on or before asOf - a years.
    long earliest = asOf.minusYears(ages[1] + 1L).toEpochDay() + 1;
    long latest = asOf.minusYears(ages[0]).toEpochDay();
    return LocalDate.ofEpochDay(random.between(earliest, latest));
  }

  /** Sex, year, month, birth place, an order number 001-999, and the key. */
  private static Nir nir(Sex sex, LocalDate birthDate, String birthPlace, SplitMix64 random) {
    StringBuilder first13 = new StringBuilder(13).append(sex == Sex.MALE ? '1' : '2');
    Text.appendZeroPadded(first13, birthDate.getYear() % 100, 2);
    Text.appendZeroPadded(first13, birthDate.getMonthValue(), 2);
    first13.append(birthPlace);
    Text.appendZeroPadded(first13, random.between(1, 999), 3);
    // Nir.withKey would do, but it pads the key with the default locale's digits (Arabic-Indic
    // under ar-EG, for one), and the generator's output must not depend on the machine.
    int key = Nir.keyOf(first13.toString());
    return new Nir(Text.appendZeroPadded(first13, key, 2).toString());
  }

  /**
   * France Travail identifiers: 11 digits, a leading digit then an affine bijection of the index
   * modulo 10^10, so that identifiers are unique within a seed without remembering any.
   */
  static final class Identifiers {
    private static final long MODULUS = 10_000_000_000L;

    private final long leading;
    private final long multiplier;
    private final long offset;

    Identifiers(long seed) {
      long mixed = SplitMix64.mix(seed ^ 0x4944_454E_5449_4649L);
      this.leading = 1 + Math.floorMod(mixed, 9);
      long multiplier = Math.floorMod(SplitMix64.mix(mixed), MODULUS) | 1;
      // Invertible modulo 10^10 = 2^10 * 5^10: odd, and not a multiple of 5.
      while (multiplier % 5 == 0) {
        multiplier += 2;
      }
      this.multiplier = multiplier % MODULUS;
      this.offset = Math.floorMod(SplitMix64.mix(mixed + 1), MODULUS);
    }

    FranceTravailId of(long index) {
      // index < 10^8 and multiplier < 10^10: the product stays below 2^63.
      long value = leading * MODULUS + (multiplier * index + offset) % MODULUS;
      return new FranceTravailId(Long.toString(value));
    }
  }
}
