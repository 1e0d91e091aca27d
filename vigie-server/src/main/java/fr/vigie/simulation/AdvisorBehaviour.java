package fr.vigie.simulation;

import fr.vigie.access.Action;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * What a real advisor does on one day, as simulated accesses in time order: the persons it meets,
 * the files of its caseload it works on, searches (a few with a typo), justified reads outside its
 * caseload, a colleague's appointments when covering for them, month-end and campaign peaks, and
 * where it works from. Every rate is an assumption listed in docs/evaluation.md.
 */
final class AdvisorBehaviour {
  private static final double SEARCH_FIRST = 0.35;
  private static final double TYPO = 0.06;
  private static final double OUTSIDE_PER_DAY = 0.6;
  private static final double COVER = 0.5;
  private static final double SECOND_DEVICE = 0.02;
  private static final double OTHER_SITE = 0.003;
  private static final double EVENING = 0.05;
  private static final double FLAP = 0.03;
  private static final double WORKSHOP = 0.02;
  private static final int ONBOARDING_DAYS = 10;

  private final Register register;
  private final SimulatedCalendar calendar;
  private final List<SimulatedAccount> accounts;
  private final List<AdvisorLife> lives;
  private final long seed;

  AdvisorBehaviour(
      Register register,
      SimulatedCalendar calendar,
      List<SimulatedAccount> accounts,
      List<AdvisorLife> lives) {
    this.register = register;
    this.calendar = calendar;
    this.accounts = accounts;
    this.lives = lives;
    this.seed = register.agency().seed();
  }

  /** Mean followed reads a day (besides appointments), by kind of follow-up. */
  static double followedPerDay(CaseloadKind kind) {
    return switch (kind) {
      case INTENSIVE -> 8;
      case GUIDED -> 10;
      case LIGHT -> 12;
      case OVERLOADED -> 18;
    };
  }

  /** The accesses of {@code account}'s owner on {@code day}, in time order; empty on a day off. */
  List<SimulatedAccess> day(SimulatedAccount account, int day) {
    AdvisorLife life = lives.get(account.index());
    LocalDate date = calendar.date(day);
    int dow = date.getDayOfWeek().getValue();
    if (!life.works(day, dow)) {
      return List.of();
    }
    SplitMix64 random =
        SplitMix64.forIndex(seed ^ 0x4441_5953L ^ ((long) day << 40), account.index());
    Place place = place(account, life, day, dow, random);
    List<SimulatedAccess> out = new ArrayList<>(64);
    SyntheticAdvisor advisor = account.advisor();
    // The persons met today.
    for (long p = advisor.firstPerson(); p < advisor.firstPerson() + advisor.caseloadSize(); p++) {
      if (register.appointmentDay(p, date, advisor.caseload()) == dow) {
        double at = workingSecond(life, random);
        add(out, random, day, at, p, false, false, place);
        if (random.chance(0.5)) {
          add(
              out,
              random,
              day,
              Math.min(at + random.between(60, 2700), life.end),
              p,
              false,
              false,
              place);
        }
      }
    }
    // Files of the caseload worked on without an appointment: calls, mail, paperwork.
    double factor = (dow == 1 ? 1.1 : 1.0) * (SimulatedCalendar.monthEnd(date) ? 1.35 : 1.0);
    factor *= campaign(account, date) ? 1.7 : 1.0;
    int followed = poisson(random, followedPerDay(advisor.caseload()) * factor);
    for (int i = 0; i < followed; i++) {
      long p = advisor.firstPerson() + random.nextInt(advisor.caseloadSize());
      add(out, random, day, workingSecond(life, random), p, false, false, place);
    }
    // A new advisor goes through the caseload it takes over: about 30 more files a day at first.
    if (life.arrival > 0 && day - life.arrival < ONBOARDING_DAYS) {
      int onboarding = poisson(random, 30);
      for (int i = 0; i < onboarding; i++) {
        long p = advisor.firstPerson() + random.nextInt(advisor.caseloadSize());
        add(out, random, day, workingSecond(life, random), p, false, false, place);
      }
    }
    // A collective session (workshop) with 8 to 15 persons of the organization, most outside the
    // caseload, all opened within the hour before it starts.
    if (random.chance(WORKSHOP)) {
      int attendees = random.between(8, 15);
      double at = workingSecond(life, random);
      for (int i = 0; i < attendees; i++) {
        long p = organizationPerson(account, random);
        boolean outside = !advisor.follows(p);
        add(out, random, day, at + random.nextInt(3600), p, false, outside, place);
      }
    }
    // Persons of the organization outside the caseload: at the desk, on the phone (justified).
    if (!account.partner()) {
      int outside = poisson(random, OUTSIDE_PER_DAY);
      for (int i = 0; i < outside; i++) {
        long p = organizationPerson(account, random);
        add(out, random, day, workingSecond(life, random), p, true, false, place);
      }
    }
    cover(account, day, date, dow, random, life, place, out);
    if (life.remoteWorker() && random.chance(EVENING)) {
      int n = random.between(1, 3);
      for (int i = 0; i < n; i++) {
        long p = advisor.firstPerson() + random.nextInt(advisor.caseloadSize());
        double at = 19 * 3600 + random.nextInt(9000);
        out.add(
            access(
                day,
                at,
                Action.READ,
                p,
                false,
                laptop(account, life, day),
                home(account, life, day)));
      }
    }
    out.sort((a, b) -> a.at().compareTo(b.at()));
    return out;
  }

  /** When a colleague (the next advisor of the organization) is away, half the time: its day. */
  private void cover(
      SimulatedAccount account,
      int day,
      LocalDate date,
      int dow,
      SplitMix64 random,
      AdvisorLife life,
      Place place,
      List<SimulatedAccess> out) {
    int next = account.index() + 1;
    if (next >= accounts.size()
        || !accounts.get(next).organization().equals(account.organization())
        || lives.get(next).works(day, dow)
        || day < lives.get(next).arrival
        || !random.chance(COVER)) {
      return;
    }
    SyntheticAdvisor colleague = accounts.get(next).advisor();
    for (long p = colleague.firstPerson();
        p < colleague.firstPerson() + colleague.caseloadSize();
        p++) {
      if (register.appointmentDay(p, date, colleague.caseload()) == dow) {
        add(out, random, day, workingSecond(life, random), p, false, true, place);
      }
    }
  }

  private void add(
      List<SimulatedAccess> out,
      SplitMix64 random,
      int day,
      double at,
      long person,
      boolean justified,
      boolean timeBoxed,
      Place place) {
    String device = place.device;
    String address = place.address;
    if (place.flap && at > 13 * 3600 && random.chance(0.5)) {
      address = place.mobile;
    }
    if (place.secondDevice != null && random.chance(0.15)) {
      device = place.secondDevice;
    }
    if (!justified && !timeBoxed && random.chance(SEARCH_FIRST)) {
      if (random.chance(TYPO)) {
        out.add(
            access(day, at - 20, Action.SEARCH, SimulatedAccess.NOBODY, false, device, address));
      }
      out.add(access(day, at, Action.SEARCH, person, false, device, address));
      return;
    }
    Action action = random.chance(0.15) ? Action.UPDATE : Action.READ;
    out.add(
        SimulatedAccess.timeBoxed(
            calendar.at(day, at), action, person, justified, device, address, timeBoxed));
  }

  private SimulatedAccess access(
      int day, double second, Action action, long person, boolean justified, String d, String a) {
    return new SimulatedAccess(calendar.at(day, second), action, person, justified, d, a);
  }

  /** Where the advisor works from today, on which device. */
  private Place place(SimulatedAccount account, AdvisorLife life, int day, int dow, SplitMix64 r) {
    if (r.chance(OTHER_SITE)) {
      SyntheticOrganization other =
          register
              .agency()
              .organizations()
              .get(r.nextInt(register.agency().organizations().size()));
      return new Place(
          "site-pc-" + account.index() + "-" + day, "office-" + other.code(), null, false, null);
    }
    if (life.remote(dow)) {
      boolean flap = r.chance(FLAP);
      return new Place(
          laptop(account, life, day),
          home(account, life, day),
          null,
          flap,
          "mobile-" + account.index());
    }
    String second =
        r.chance(SECOND_DEVICE)
            ? "shared-" + account.organization().code() + "-" + r.nextInt(8)
            : null;
    return new Place(
        pc(account, life, day), "office-" + account.organization().code(), second, false, null);
  }

  private static String pc(SimulatedAccount account, AdvisorLife life, int day) {
    return "pc-" + account.index() + (life.newPc >= 0 && day >= life.newPc ? "b" : "");
  }

  /** The device it works on away from the office: its laptop, or its one device for everything. */
  private static String laptop(SimulatedAccount account, AdvisorLife life, int day) {
    if (life.oneLaptop) {
      return pc(account, life, day);
    }
    return "laptop-" + account.index() + (life.newLaptop >= 0 && day >= life.newLaptop ? "b" : "");
  }

  private static String home(SimulatedAccount account, AdvisorLife life, int day) {
    return "home-" + account.index() + (life.newHome >= 0 && day >= life.newHome ? "b" : "");
  }

  private record Place(
      String device, String address, String secondDevice, boolean flap, String mobile) {}

  /** Two campaign weeks per organization in each quarter (calls to a category of persons). */
  private boolean campaign(SimulatedAccount account, LocalDate date) {
    int week = date.getDayOfYear() / 7;
    int quarter = week / 13;
    long h = SplitMix64.mix(seed ^ account.organization().code().hashCode() ^ quarter * 31L);
    int first = (int) Math.floorMod(h, 12);
    return week % 13 == first || week % 13 == first + 1;
  }

  private long organizationPerson(SimulatedAccount account, SplitMix64 random) {
    SyntheticOrganization org = account.organization();
    return org.firstPerson() + random.between(0L, org.persons() - 1);
  }

  private static double workingSecond(AdvisorLife life, SplitMix64 random) {
    int morning = life.lunch - life.start;
    int afternoon = life.end - life.lunch - life.lunchLength;
    int s = random.nextInt(morning + afternoon);
    return s < morning ? life.start + s : life.lunch + life.lunchLength + (s - morning);
  }

  static int poisson(SplitMix64 random, double mean) {
    double limit = Math.exp(-mean);
    double product = random.nextDouble();
    int n = 0;
    while (product > limit) {
      product *= random.nextDouble();
      n++;
    }
    return n;
  }
}
