package fr.vigie.simulation;

import static java.util.Objects.requireNonNull;

import fr.vigie.registry.PersonRecord;
import java.util.List;
import java.util.stream.LongStream;
import java.util.stream.Stream;

/**
 * A synthetic agency generated from a shape and a seed: organizations, advisors, persons and
 * caseloads, the same byte for byte on every run and every machine. Persons are generated on demand
 * from their index, so millions of them never sit in memory; organizations and advisors (a few
 * thousand) are built once. Safe to share between threads.
 */
public final class SyntheticAgency {
  private final AgencyShape shape;
  private final long seed;
  private final AgencyLayout layout;
  private final PersonFactory persons;

  private SyntheticAgency(AgencyShape shape, long seed) {
    this.shape = shape;
    this.seed = seed;
    FrenchPools pools = FrenchPools.draw(SplitMix64.mix(seed ^ 0x504F_4F4C_5321L));
    this.layout =
        AgencyLayout.build(
            shape.persons(), new SplitMix64(SplitMix64.mix(seed ^ 0x4C41_594F_5554L)), pools);
    this.persons = new PersonFactory(seed, shape.asOf(), layout, pools);
  }

  /** Generates the organizations and advisors of {@code shape}; persons come on demand. */
  public static SyntheticAgency generate(AgencyShape shape, long seed) {
    return new SyntheticAgency(requireNonNull(shape, "shape is null"), seed);
  }

  /** {@code persons} persons seen from {@link AgencyShape#DEFAULT_AS_OF}. */
  public static SyntheticAgency generate(long persons, long seed) {
    return generate(AgencyShape.of(persons), seed);
  }

  public AgencyShape shape() {
    return shape;
  }

  public long seed() {
    return seed;
  }

  /** France Travail agencies, then Cap emploi structures, then Missions locales. */
  public List<SyntheticOrganization> organizations() {
    return layout.organizations;
  }

  /** Every advisor, organization by organization; their caseloads cover every person once. */
  public List<SyntheticAdvisor> advisors() {
    return layout.advisors;
  }

  public long personCount() {
    return shape.persons();
  }

  /** The person at {@code index}, from 0 to {@link #personCount()} - 1. */
  public PersonRecord person(long index) {
    checkIndex(index);
    return persons.person(index);
  }

  /**
   * Every person in index order, generated lazily. The stream may be made parallel: each person
   * depends only on its index.
   */
  public Stream<PersonRecord> persons() {
    return LongStream.range(0, shape.persons()).mapToObj(persons::person);
  }

  /** The organization that follows the person at {@code index}. */
  public SyntheticOrganization organizationOf(long index) {
    checkIndex(index);
    return layout.organizations.get(layout.organizationIndexOf(index));
  }

  /** The one advisor whose caseload holds the person at {@code index}, of its organization. */
  public SyntheticAdvisor advisorOf(long index) {
    checkIndex(index);
    return layout.advisorOf(index);
  }

  private void checkIndex(long index) {
    if (index < 0 || index >= shape.persons()) {
      throw new IndexOutOfBoundsException(
          "person index " + index + " outside 0 to " + (shape.persons() - 1));
    }
  }

  @Override
  public String toString() {
    return "SyntheticAgency[persons="
        + shape.persons()
        + ", asOf="
        + shape.asOf()
        + ", seed="
        + seed
        + ", organizations="
        + layout.organizations.size()
        + ", advisors="
        + layout.advisors.size()
        + "]";
  }
}
