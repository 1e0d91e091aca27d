package fr.vigie.simulation;

/**
 * The year of one simulated advisor, drawn once from the seed: its hours, its remote days, its
 * leave, its sick days, a long absence for a few, a late arrival for new advisors, and when its
 * devices and home network change. Every figure here is an assumption listed in docs/evaluation.md.
 */
final class AdvisorLife {
  final int index;
  final boolean[] absent;
  final int arrival;

  /** Seconds after midnight. */
  final int start;

  final int end;
  final int lunch;
  final int lunchLength;
  final int partTimeDay;
  final int remoteA;
  final int remoteB;

  /** The day its office PC, laptop and home network were replaced (-1: not in the run). */
  final int newPc;

  final int newLaptop;
  final int newHome;

  /**
   * A remote worker with one laptop for everything (half of them): the same device at the office,
   * at home and on its phone's connection, so that its device roams from the start.
   */
  final boolean oneLaptop;

  /** From this day on the owner does not use the account (an attack took it, or it left). */
  int stoppedFrom = Integer.MAX_VALUE;

  AdvisorLife(long seed, int index, int days) {
    this.index = index;
    SplitMix64 random = SplitMix64.forIndex(seed ^ 0x4C49_4645L, index);
    double kind = random.nextDouble();
    // 70% start at 8:30, 15% early (7:45), 15% late (9:15), with a few minutes of jitter.
    int base = kind < 0.7 ? 8 * 3600 + 1800 : kind < 0.85 ? 7 * 3600 + 2700 : 9 * 3600 + 900;
    start = base + random.between(-600, 600);
    end = start + 8 * 3600 + 1800 + random.between(-900, 900);
    lunch = 12 * 3600 + random.between(-1800, 1800);
    lunchLength = random.between(2700, 5400);
    partTimeDay = random.chance(0.15) ? 3 : 0;
    boolean remote = random.chance(0.4);
    // Remote days are working days: never the part-time day off.
    remoteA = remote ? workday(random.between(1, 5)) : 0;
    remoteB = remote && random.chance(0.4) ? workday(random.between(1, 5)) : 0;
    newPc = random.chance(days / (4.0 * 365)) ? random.nextInt(days) : -1;
    newLaptop = remote && random.chance(days / (3.0 * 365)) ? random.nextInt(days) : -1;
    newHome = remote && random.chance(days / (2.0 * 365)) ? random.nextInt(days) : -1;
    arrival = random.chance(0.04) ? random.nextInt(days) : 0;
    // Drawn apart, so that the draws above and below are those of the runs before it.
    oneLaptop = remote && SplitMix64.forIndex(seed ^ 0x524F_414DL, index).chance(0.5);
    absent = new boolean[days];
    absences(random, days);
  }

  private int workday(int day) {
    return day == partTimeDay ? (day % 5) + 1 : day;
  }

  private void absences(SplitMix64 random, int days) {
    // Five weeks of leave a year, pro rata: blocks of one or two weeks.
    double weeks = 5.0 * days / 365;
    while (weeks > 0) {
      int length = random.chance(0.4) ? 14 : 7;
      mark(random.nextInt(days), length);
      weeks -= length / 7.0;
      if (weeks < 1 && !random.chance(weeks)) {
        break;
      }
    }
    // Sick leave: about 4% of working days, in spells of one to five days.
    for (int d = 0; d < days; d++) {
      if (random.chance(0.01)) {
        mark(d, random.between(1, 5));
      }
    }
    // A long absence (parental, long illness) of six to twelve weeks for 3% of advisors.
    if (random.chance(0.03 * days / 365 * 2)) {
      mark(random.nextInt(days), random.between(42, 84));
    }
  }

  private void mark(int from, int length) {
    for (int d = from; d < Math.min(absent.length, from + length); d++) {
      absent[d] = true;
    }
  }

  /** Works on {@code day} (a weekday, not on leave, already arrived, not stopped). */
  boolean works(int day, int dayOfWeek) {
    return dayOfWeek <= 5
        && dayOfWeek != partTimeDay
        && day >= arrival
        && day < stoppedFrom
        && !absent[day];
  }

  boolean remote(int dayOfWeek) {
    return dayOfWeek == remoteA || dayOfWeek == remoteB;
  }

  boolean remoteWorker() {
    return remoteA != 0;
  }
}
