package fr.vigie.access;

import static java.util.Objects.requireNonNull;

import fr.vigie.ProblemCode;
import fr.vigie.VigieException;
import fr.vigie.identity.AccountId;
import fr.vigie.registry.PersonId;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Out-of-caseload work a manager makes explicit for a while, so that the advisor's reads are
 * explained instead of breaking the glass: covering an absent colleague (every person of the
 * colleague's caseload), or a list of persons (a collective session, a reception desk's visitors).
 *
 * @param colleague for {@link Kind#ABSENCE_COVER}, the advisor who is away; null otherwise
 * @param persons for a session or a reception desk, the persons listed; empty for a cover
 */
public record TimeBoxedRelationship(
    Kind kind,
    AccountId advisor,
    AccountId colleague,
    List<PersonId> persons,
    Instant startsAt,
    Instant endsAt) {
  /** The longest a relationship may hold: a manager renews a long absence's cover every month. */
  public static final Duration LONGEST = Duration.ofDays(31);

  /** The most persons one list may name: a session's or a desk's day, not the register. */
  public static final int MOST_PERSONS = 200;

  /** The identifier of one grant, what the audit log and a revocation name. */
  public record Id(java.util.UUID value) {
    public Id {
      requireNonNull(value, "value is null");
    }

    @Override
    public String toString() {
      return value.toString();
    }
  }

  /** What the relationship stands for. */
  public enum Kind {
    /** The advisor covers a colleague away (leave, illness): the colleague's caseload. */
    ABSENCE_COVER,
    /** A collective session (workshop, information meeting): its list of persons. */
    SESSION,
    /** A reception desk shift: the persons booked to come in. */
    RECEPTION
  }

  public TimeBoxedRelationship {
    requireNonNull(kind, "kind is null");
    requireNonNull(advisor, "advisor is null");
    requireNonNull(startsAt, "startsAt is null");
    requireNonNull(endsAt, "endsAt is null");
    persons = persons == null ? List.of() : List.copyOf(persons);
    if (!endsAt.isAfter(startsAt)) {
      throw invalid("endsAt: must be after startsAt");
    }
    if (Duration.between(startsAt, endsAt).compareTo(LONGEST) > 0) {
      throw invalid("endsAt: at most 31 days after startsAt");
    }
    boolean cover = kind == Kind.ABSENCE_COVER;
    if (cover && (colleague == null || !persons.isEmpty())) {
      throw invalid("colleague: an absence cover names the colleague away and no persons");
    }
    if (cover && colleague.equals(advisor)) {
      throw invalid("colleague: an advisor does not cover itself");
    }
    if (!cover && (colleague != null || persons.isEmpty())) {
      throw invalid("persons: a session or a reception desk lists persons and no colleague");
    }
    if (persons.size() > MOST_PERSONS) {
      throw invalid("persons: at most " + MOST_PERSONS + ", got " + persons.size());
    }
  }

  /** A cover of {@code colleague}'s caseload by {@code advisor}. */
  public static TimeBoxedRelationship cover(
      AccountId advisor, AccountId colleague, Instant startsAt, Instant endsAt) {
    return new TimeBoxedRelationship(
        Kind.ABSENCE_COVER, advisor, colleague, List.of(), startsAt, endsAt);
  }

  /** A list of persons for {@code advisor}: a session or a reception desk. */
  public static TimeBoxedRelationship list(
      Kind kind, AccountId advisor, List<PersonId> persons, Instant startsAt, Instant endsAt) {
    return new TimeBoxedRelationship(kind, advisor, null, persons, startsAt, endsAt);
  }

  private static VigieException invalid(String detail) {
    return new VigieException(ProblemCode.FIELD_INVALID, detail);
  }

  @Override
  public String toString() {
    return "TimeBoxedRelationship["
        + kind
        + " advisor="
        + advisor
        + " persons="
        + persons.size()
        + " "
        + startsAt
        + ".."
        + endsAt
        + "]";
  }
}
