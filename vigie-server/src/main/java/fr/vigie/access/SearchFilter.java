package fr.vigie.access;

import static java.util.Objects.requireNonNull;

import fr.vigie.access.Decision.Allow;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.StringJoiner;
import java.util.function.Predicate;

/**
 * The policy as SQL, for searches: the condition on {@code person p} is derived from {@link
 * AccessPolicy#decide} itself, by asking it about every combination of {@link Facts}, so that a
 * search returns exactly the persons the actor may read now, without a justification. A person who
 * would need one is not shown at all, not even as existing: the advisor opens it by its exact
 * identifier with a justification instead.
 */
public final class SearchFilter {
  /** The most persons one search returns. */
  public static final int LIMIT = 20;

  private static final int ALL_FACTS = (1 << Fact.values().length) - 1;

  private SearchFilter() {}

  /**
   * The condition on {@code person p} that holds exactly for the persons {@code actor} may read for
   * {@code purpose} without a justification; {@code false} for an actor that may read none.
   */
  public static BoundSql readable(Actor actor, Purpose purpose) {
    return derive(actor, purpose, allow -> true);
  }

  /**
   * The query for the ids (column {@code id}) of at most {@value #LIMIT} persons whose {@code
   * criterion} blind index equals {@code indexValue} and whom {@code actor} may read now, the
   * criterion's fields in clear. The caller then reads each through the policy as usual.
   */
  public static BoundSql search(
      Actor actor, Purpose purpose, Criterion criterion, byte[] indexValue) {
    requireNonNull(criterion, "criterion is null");
    requireNonNull(indexValue, "indexValue is null");
    if (indexValue.length == 0) {
      throw new IllegalArgumentException("a search needs an exact criterion: the index is empty");
    }
    BoundSql allowed = derive(actor, purpose, criterion::usableWith);
    List<Object> parameters = new ArrayList<>();
    parameters.add(indexValue.clone());
    parameters.addAll(allowed.parameters());
    return new BoundSql(
        "select p.id from person p where p."
            + criterion.column
            + " = ? and ("
            + allowed.sql()
            + ") order by p.id limit "
            + LIMIT,
        parameters);
  }

  private static BoundSql derive(Actor actor, Purpose purpose, Predicate<Allow> usable) {
    requireNonNull(actor, "actor is null");
    requireNonNull(purpose, "purpose is null");
    List<Term> allowed = new ArrayList<>();
    for (int bits = 0; bits <= ALL_FACTS; bits++) {
      Decision decision =
          AccessPolicy.decide(actor, Action.SEARCH, Fact.fromBits(bits), purpose, Optional.empty());
      if (decision instanceof Allow allow && usable.test(allow)) {
        allowed.add(new Term(ALL_FACTS, bits));
      }
    }
    return render(actor, simplify(allowed));
  }

  /**
   * A conjunction of facts: those in {@code mask} must hold when their bit is set in {@code bits}
   * and must not hold otherwise; the others do not matter.
   */
  record Term(int mask, int bits) {}

  /**
   * Merges terms that differ in one fact until none do (Quine-McCluskey), so that the SQL reads as
   * the rule does: "in the caseload and followed by the organization", not four cases.
   */
  static Set<Term> simplify(List<Term> terms) {
    Set<Term> current = new LinkedHashSet<>(terms);
    while (true) {
      Set<Term> next = new LinkedHashSet<>();
      Set<Term> merged = new HashSet<>();
      for (Term a : current) {
        for (Term b : current) {
          int difference = a.bits() ^ b.bits();
          if (a.mask() == b.mask() && Integer.bitCount(difference) == 1) {
            next.add(new Term(a.mask() & ~difference, a.bits() & ~difference));
            merged.add(a);
          }
        }
      }
      if (next.isEmpty()) {
        return current;
      }
      current.stream().filter(term -> !merged.contains(term)).forEach(next::add);
      current = next;
    }
  }

  private static BoundSql render(Actor actor, Set<Term> terms) {
    if (terms.isEmpty()) {
      return new BoundSql("false", List.of());
    }
    StringJoiner disjunction = new StringJoiner(" or ");
    List<Object> parameters = new ArrayList<>();
    for (Term term : terms) {
      StringJoiner conjunction = new StringJoiner(" and ", "(", ")");
      conjunction.setEmptyValue("true");
      for (Fact fact : Fact.values()) {
        if ((term.mask() & fact.bit()) != 0) {
          conjunction.add((term.bits() & fact.bit()) != 0 ? fact.sql : "not (" + fact.sql + ")");
          parameters.add(fact.parameter(actor));
        }
      }
      disjunction.add(conjunction.toString());
    }
    return new BoundSql(disjunction.toString(), parameters);
  }
}
