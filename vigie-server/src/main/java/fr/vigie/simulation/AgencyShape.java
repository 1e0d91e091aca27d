package fr.vigie.simulation;

import static java.util.Objects.requireNonNull;

import java.time.LocalDate;

/**
 * What to generate: how many persons, and the day the agency is seen from (ages, registration and
 * leaving dates are counted back from it). Organizations and advisors follow from the count.
 *
 * @param persons the number of persons, 1 to {@link #MAX_PERSONS}
 * @param asOf the reference day; fixed rather than today so that a seed gives the same agency on
 *     every run
 */
public record AgencyShape(long persons, LocalDate asOf) {
  /** The most persons one agency holds: beyond, identifiers would need more than 11 digits. */
  public static final long MAX_PERSONS = 100_000_000L;

  /** The reference day used when none is given. */
  public static final LocalDate DEFAULT_AS_OF = LocalDate.of(2026, 1, 1);

  public AgencyShape {
    requireNonNull(asOf, "asOf is null");
    if (persons < 1 || persons > MAX_PERSONS) {
      throw new IllegalArgumentException(
          "persons: expected 1 to " + MAX_PERSONS + ", got " + persons);
    }
    if (asOf.getYear() < 1950 || asOf.getYear() > 2099) {
      throw new IllegalArgumentException("asOf: expected a year from 1950 to 2099");
    }
  }

  /** {@code persons} persons seen from {@link #DEFAULT_AS_OF}. */
  public static AgencyShape of(long persons) {
    return new AgencyShape(persons, DEFAULT_AS_OF);
  }
}
