package fr.vigie.simulation;

import fr.vigie.access.Facts;
import fr.vigie.detection.Link;
import fr.vigie.identity.AccountId;
import fr.vigie.identity.OrganizationKind;
import fr.vigie.registry.PersonId;
import java.time.LocalDate;
import java.util.UUID;

/**
 * The relationships of a simulated agency, as the server would load them: caseloads, the persons
 * each organization follows (for a partner, the persons referred to it) and the appointment book.
 * Appointments are a pure function of (seed, person, week), so behaviours and the executor agree on
 * them without storing any.
 */
final class Register {
  private final SyntheticAgency agency;
  private final long seed;

  Register(SyntheticAgency agency) {
    this.agency = agency;
    this.seed = agency.seed();
  }

  SyntheticAgency agency() {
    return agency;
  }

  /** The partner organization the attacks refer persons to: the agency's first. */
  SyntheticOrganization partner() {
    return agency.organizations().stream()
        .filter(
            o ->
                o.kind() == OrganizationKind.CAP_EMPLOI
                    || o.kind() == OrganizationKind.MISSION_LOCALE)
        .findFirst()
        .orElseThrow(() -> new IllegalStateException("the agency has no partner organization"));
  }

  /**
   * What relates {@code account} to the person at {@code person}; {@code timeBoxed} when a
   * manager's time-boxed relationship covers the access (it names a person of the organization).
   */
  Facts facts(SimulatedAccount account, long person, boolean timeBoxed) {
    if (person < 0) {
      return Facts.NONE;
    }
    boolean organization = account.organization().follows(person);
    return new Facts(
        account.advisor().follows(person),
        organization,
        account.partner() && organization,
        false,
        timeBoxed && organization,
        false);
  }

  /**
   * What explains an access the policy allowed: outside what the account follows, a manager's
   * time-boxed relationship or else a justification; for a followed person, a time-boxed
   * relationship, else an appointment this week (with the account, or its organization for a
   * partner), else followed.
   */
  Link link(SimulatedAccount account, long person, LocalDate day, boolean timeBoxed) {
    boolean followed =
        account.advisor().follows(person)
            || (account.partner() && account.organization().follows(person));
    if (!followed) {
      return timeBoxed ? Link.TIME_BOXED : Link.OUTSIDE;
    }
    // In the server's order (PersonReads.link): a time-boxed relationship explains a read of a
    // followed person too, such as a partner's session list of persons referred to it, before an
    // appointment that may be any colleague's.
    if (timeBoxed) {
      return Link.TIME_BOXED;
    }
    return appointmentDay(person, day) > 0 ? Link.APPOINTMENT : Link.FOLLOWED;
  }

  /**
   * The day of the week (1 = Monday to 5) of the person's appointment in the week of {@code day},
   * or 0 when it has none that week. How often a person is seen depends on its advisor's kind of
   * follow-up.
   */
  int appointmentDay(long person, LocalDate day) {
    return appointmentDay(person, day, agency.advisorOf(person).caseload());
  }

  /** The same, knowing the kind of follow-up of the person's advisor. */
  int appointmentDay(long person, LocalDate day, CaseloadKind kind) {
    // Weeks from Monday 1970-01-05: 1970-01-01 was a Thursday.
    long week = Math.floorDiv(day.toEpochDay() + 3, 7);
    long h = SplitMix64.mix(seed ^ SplitMix64.mix(person * 0x9E3779B97F4A7C15L + week));
    if ((h >>> 11) * 0x1.0p-53 >= weeklyAppointments(kind)) {
      return 0;
    }
    return 1 + (int) Math.floorMod(h, 5);
  }

  /**
   * The chance that a person has an appointment in a given week: every two weeks in intensive
   * follow-up, monthly in guided, quarterly in light, twice a year in an overloaded caseload.
   */
  static double weeklyAppointments(CaseloadKind kind) {
    return switch (kind) {
      case INTENSIVE -> 0.5;
      case GUIDED -> 0.23;
      case LIGHT -> 0.08;
      case OVERLOADED -> 0.035;
    };
  }

  PersonId personId(long person) {
    return new PersonId(new UUID(0x5E50_0000_0000_0000L ^ seed, person));
  }

  AccountId accountId(int advisor) {
    return new AccountId(new UUID(0xACC0_0000_0000_0000L ^ seed, advisor));
  }
}
