package fr.vigie.breach;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * A notification to the regulator (GDPR article 33), as the CNIL's form asks for it: the nature of
 * the breach, the categories and approximate numbers of persons and of records, the DPO's contact,
 * the likely consequences, the measures taken and proposed. Counts, categories and the DPO's texts:
 * never a person's data. A complementary version says what changed since the initial one ({@link
 * Changes}); the initial one has none ({@code null}). A version drafted while a scope's
 * completeness was not {@code CONFIRMED} is {@code provisional}: the figures come from the index
 * and the walk that shows the index missed no entry had not ended (or failed), and the PDF says so.
 */
public record NotificationDraft(
    String incident,
    String reference,
    int version,
    Kind kind,
    Instant draftedAt,
    String controller,
    String dpoContact,
    Instant declaredAt,
    Instant from,
    Instant to,
    List<String> breachTypes,
    String nature,
    List<String> personCategories,
    long persons,
    String personsApproximately,
    long records,
    List<DataCategory> dataCategories,
    String consequences,
    String measuresTaken,
    String measuresProposed,
    List<Evidence> evidence,
    Changes changes,
    boolean provisional) {

  /** The first notification, then complements as the facts become known. */
  public enum Kind {
    INITIAL,
    COMPLEMENTARY
  }

  /** One category of data, and for how many persons it left. */
  public record DataCategory(String category, List<String> fields, long persons) {}

  /**
   * What one scope verified in the audit log before it was counted; {@code completeness}: whether
   * the walk of its window confirmed that the index missed no entry ({@code CONFIRMED}), is still
   * running ({@code PENDING}) or found otherwise ({@code FAILED}); null in versions drafted before
   * it was recorded.
   */
  public record Evidence(
      int scope,
      String selection,
      Instant from,
      Instant to,
      long entriesVerified,
      long signedTo,
      Incident.Completeness.State completeness) {
    /** Whether this scope was not yet known complete when the draft was made. */
    public boolean unconfirmed() {
      return completeness != null && completeness != Incident.Completeness.State.CONFIRMED;
    }
  }

  /**
   * What a complementary version adds to the initial one ({@code since}: its version, 1): persons
   * and records more, each category of data whose count of persons changed (0 before: a category
   * new since), the scopes added since.
   */
  public record Changes(
      int since,
      long personsAdded,
      long recordsAdded,
      List<CategoryChange> categories,
      List<Integer> newScopes) {

    static Changes between(NotificationDraft initial, NotificationDraft now) {
      Map<String, Long> before =
          initial.dataCategories().stream()
              .collect(Collectors.toMap(DataCategory::category, DataCategory::persons));
      List<CategoryChange> categories = new ArrayList<>();
      for (DataCategory c : now.dataCategories()) {
        long was = before.getOrDefault(c.category(), 0L);
        if (was != c.persons()) {
          categories.add(new CategoryChange(c.category(), was, c.persons()));
        }
      }
      Map<Integer, Evidence> earlier =
          initial.evidence().stream()
              .collect(Collectors.toMap(Evidence::scope, Function.identity()));
      return new Changes(
          initial.version(),
          now.persons() - initial.persons(),
          now.records() - initial.records(),
          categories,
          now.evidence().stream()
              .map(Evidence::scope)
              .filter(scope -> !earlier.containsKey(scope))
              .toList());
    }
  }

  /** A category of data whose count of persons changed since the initial version. */
  public record CategoryChange(String category, long personsBefore, long personsNow) {}

  /** This version, with what changed since {@code initial}. */
  NotificationDraft complementing(NotificationDraft initial) {
    return new NotificationDraft(
        incident,
        reference,
        version,
        kind,
        draftedAt,
        controller,
        dpoContact,
        declaredAt,
        from,
        to,
        breachTypes,
        nature,
        personCategories,
        persons,
        personsApproximately,
        records,
        dataCategories,
        consequences,
        measuresTaken,
        measuresProposed,
        evidence,
        Changes.between(initial, this),
        provisional);
  }

  /** What the DPO writes; the counts come from the incident. */
  public record Texts(
      String nature, String consequences, String measuresTaken, String measuresProposed) {}
}
