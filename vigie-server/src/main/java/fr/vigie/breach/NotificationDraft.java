package fr.vigie.breach;

import java.time.Instant;
import java.util.List;

/**
 * A notification to the regulator (GDPR article 33), as the CNIL's form asks for it: the nature of
 * the breach, the categories and approximate numbers of persons and of records, the DPO's contact,
 * the likely consequences, the measures taken and proposed. Counts, categories and the DPO's texts:
 * never a person's data.
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
    List<Evidence> evidence) {

  /** The first notification, then complements as the facts become known. */
  public enum Kind {
    INITIAL,
    COMPLEMENTARY
  }

  /** One category of data, and for how many persons it left. */
  public record DataCategory(String category, List<String> fields, long persons) {}

  /** What one scope verified in the audit log before it was counted. */
  public record Evidence(
      int scope, String selection, Instant from, Instant to, long entriesVerified, long signedTo) {}

  /** What the DPO writes; the counts come from the incident. */
  public record Texts(
      String nature, String consequences, String measuresTaken, String measuresProposed) {}
}
