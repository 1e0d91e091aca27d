package fr.vigie.simulation;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Cuts an organization's persons into its advisors' caseloads, each within its kind's bounds. */
final class Caseloads {
  private Caseloads() {}

  static List<SyntheticAdvisor> plan(
      SyntheticOrganization organization, Network network, SplitMix64 random) {
    List<CaseloadKind> kinds = new ArrayList<>();
    List<Integer> sizes = new ArrayList<>();
    long remaining = organization.persons();
    while (remaining > 0) {
      CaseloadKind kind = network.drawCaseload(random);
      int size = random.between(kind.usualMinPersons(), kind.maxPersons());
      if (size < remaining) {
        kinds.add(kind);
        sizes.add(size);
        remaining -= size;
      } else if (remaining >= kind.usualMinPersons()) {
        kinds.add(kind);
        sizes.add((int) remaining);
        remaining = 0;
      } else {
        remaining = spread(remaining, kinds, sizes, random);
        addIntensive(remaining, kinds, sizes);
        remaining = 0;
      }
    }
    return advisors(organization, kinds, sizes);
  }

  /** Gives the last few persons to advisors who have room, one at a time; returns what is left. */
  private static long spread(
      long remaining, List<CaseloadKind> kinds, List<Integer> sizes, SplitMix64 random) {
    int count = sizes.size();
    if (count == 0) {
      return remaining;
    }
    int start = random.nextInt(count);
    boolean roomLeft = true;
    while (remaining > 0 && roomLeft) {
      roomLeft = false;
      for (int k = 0; k < count && remaining > 0; k++) {
        int i = (start + k) % count;
        if (sizes.get(i) < kinds.get(i).maxPersons()) {
          sizes.set(i, sizes.get(i) + 1);
          remaining--;
          roomLeft = true;
        }
      }
    }
    return remaining;
  }

  /** Places persons nobody has room for with new intensive advisors, as evenly as possible. */
  private static void addIntensive(long remaining, List<CaseloadKind> kinds, List<Integer> sizes) {
    int max = CaseloadKind.INTENSIVE.maxPersons();
    int advisors = (int) ((remaining + max - 1) / max);
    for (int i = 0; i < advisors; i++) {
      kinds.add(CaseloadKind.INTENSIVE);
      sizes.add((int) (remaining / advisors + (i < remaining % advisors ? 1 : 0)));
    }
  }

  private static List<SyntheticAdvisor> advisors(
      SyntheticOrganization organization, List<CaseloadKind> kinds, List<Integer> sizes) {
    String prefix = organization.code().replace("-", "").toLowerCase(Locale.ROOT) + "-a";
    List<SyntheticAdvisor> advisors = new ArrayList<>(sizes.size());
    long next = organization.firstPerson();
    for (int i = 0; i < sizes.size(); i++) {
      advisors.add(
          new SyntheticAdvisor(
              prefix + Text.zeroPadded(i + 1, 3),
              organization.code(),
              kinds.get(i),
              next,
              sizes.get(i)));
      next += sizes.get(i);
    }
    return advisors;
  }
}
