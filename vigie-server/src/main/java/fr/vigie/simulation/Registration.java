package fr.vigie.simulation;

import java.time.LocalDate;

/**
 * When a person registered and, for 15% of them, left. A quarter of those who left did so more than
 * 20 years before the reference day, past the retention period, so that the retention job has work.
 * Nobody registers before 16 or more than 28 years back.
 */
record Registration(LocalDate registeredOn, LocalDate leftOn) {
  private static final int MIN_DAYS = 30;
  private static final int MAX_DAYS = 3 * 365;

  static Registration draw(LocalDate birthDate, LocalDate asOf, SplitMix64 random) {
    long today = asOf.toEpochDay();
    long earliest =
        Math.max(birthDate.plusYears(16).toEpochDay(), asOf.minusYears(28).toEpochDay());
    long retentionLimit = asOf.minusYears(20).toEpochDay() - 1;
    if (random.chance(PersonFactory.LEAVERS)) {
      if (random.chance(PersonFactory.LEFT_OVER_20_YEARS_AGO)
          && earliest + MIN_DAYS <= retentionLimit) {
        return leaving(earliest, retentionLimit, random);
      }
      long recent = Math.max(earliest, retentionLimit + 1);
      if (recent + MIN_DAYS <= today) {
        return leaving(recent, today, random);
      }
    }
    long registered = random.between(Math.max(earliest, today - 6 * 365), today);
    return new Registration(LocalDate.ofEpochDay(registered), null);
  }

  /**
   * Registered on or after {@code from}, left 30 days to 3 years later, on or before {@code to}.
   */
  private static Registration leaving(long from, long to, SplitMix64 random) {
    long registered = random.between(from, to - MIN_DAYS);
    long left = Math.min(registered + random.between(MIN_DAYS, MAX_DAYS), to);
    return new Registration(LocalDate.ofEpochDay(registered), LocalDate.ofEpochDay(left));
  }

  /** Dates of a person's registration are personal data: not shown. */
  @Override
  public String toString() {
    return "Registration[***]";
  }
}
