package fr.vigie.simulation;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Organizations and advisors of an agency, and who follows whom. Persons sit in index ranges:
 * France Travail agencies first, then Cap emploi, then Missions locales; each organization's range
 * is cut into its advisors' caseloads. Finding the organization or advisor of a person is a binary
 * search, so nothing per person is kept in memory.
 */
final class AgencyLayout {
  final List<SyntheticOrganization> organizations;
  final List<Network> networks;
  final List<String> departments;
  final List<String> cities;
  final List<SyntheticAdvisor> advisors;
  private final long[] organizationStarts;
  private final long[] advisorStarts;

  private AgencyLayout(
      List<SyntheticOrganization> organizations,
      List<Network> networks,
      List<String> departments,
      List<String> cities,
      List<SyntheticAdvisor> advisors) {
    this.organizations = List.copyOf(organizations);
    this.networks = List.copyOf(networks);
    this.departments = List.copyOf(departments);
    this.cities = List.copyOf(cities);
    this.advisors = List.copyOf(advisors);
    this.organizationStarts =
        organizations.stream().mapToLong(SyntheticOrganization::firstPerson).toArray();
    this.advisorStarts = advisors.stream().mapToLong(SyntheticAdvisor::firstPerson).toArray();
  }

  static AgencyLayout build(long persons, SplitMix64 random, FrenchPools pools) {
    List<SyntheticOrganization> organizations = new ArrayList<>();
    List<Network> networks = new ArrayList<>();
    List<String> departments = new ArrayList<>();
    List<String> cities = new ArrayList<>();
    List<SyntheticAdvisor> advisors = new ArrayList<>();
    Set<String> namesGiven = new HashSet<>();
    long next = 0;
    for (Network network : Network.values()) {
      long networkPersons = personsOf(network, persons);
      long[] sizes = split(networkPersons, network.organizationsFor(networkPersons), random);
      for (int i = 0; i < sizes.length; i++) {
        String city = random.pick(pools.cities);
        SyntheticOrganization organization =
            new SyntheticOrganization(
                network.code(i + 1),
                network.kind(),
                uniqueName(network.displayName() + " " + city, namesGiven, pools, random),
                next,
                sizes[i]);
        organizations.add(organization);
        networks.add(network);
        departments.add(random.pick(Places.ORGANIZATION_DEPARTMENTS));
        cities.add(city);
        advisors.addAll(Caseloads.plan(organization, network, random));
        next += sizes[i];
      }
    }
    return new AgencyLayout(organizations, networks, departments, cities, advisors);
  }

  /**
   * {@code France Travail Lyon}; the next agencies of a city add a district, {@code France Travail
   * Lyon Mouffetard}, and a number if even that is taken.
   */
  private static String uniqueName(
      String base, Set<String> given, FrenchPools pools, SplitMix64 random) {
    if (given.add(base)) {
      return base;
    }
    String withDistrict = base;
    for (int attempt = 0; attempt < 8; attempt++) {
      withDistrict = base + " " + random.pick(pools.districts);
      if (given.add(withDistrict)) {
        return withDistrict;
      }
    }
    for (int number = 2; ; number++) {
      if (given.add(withDistrict + " " + number)) {
        return withDistrict + " " + number;
      }
    }
  }

  /** Cap emploi and Missions locales take their share, rounded down; France Travail the rest. */
  private static long personsOf(Network network, long persons) {
    if (network == Network.FRANCE_TRAVAIL) {
      return persons
          - personsOf(Network.CAP_EMPLOI, persons)
          - personsOf(Network.MISSION_LOCALE, persons);
    }
    return (long) Math.floor(persons * network.personShare());
  }

  /** Cuts {@code total} into {@code parts} sizes of up to three to one, each at least 1. */
  private static long[] split(long total, int parts, SplitMix64 random) {
    double[] cumulative = new double[parts];
    double sum = 0;
    for (int i = 0; i < parts; i++) {
      sum += 0.5 + random.nextDouble();
      cumulative[i] = sum;
    }
    long[] sizes = new long[parts];
    long previous = 0;
    for (int i = 0; i < parts; i++) {
      long end = i == parts - 1 ? total : Math.round(total * cumulative[i] / sum);
      // Organizations are far fewer than persons (thousands of persons each), so every part keeps
      // at least one person; the guard only protects against rounding.
      end = Math.max(end, previous + 1);
      sizes[i] = end - previous;
      previous = end;
    }
    return sizes;
  }

  int organizationIndexOf(long personIndex) {
    return indexIn(organizationStarts, personIndex);
  }

  SyntheticAdvisor advisorOf(long personIndex) {
    return advisors.get(indexIn(advisorStarts, personIndex));
  }

  private static int indexIn(long[] starts, long value) {
    int found = Arrays.binarySearch(starts, value);
    return found >= 0 ? found : -found - 2;
  }
}
