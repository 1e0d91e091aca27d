package fr.vigie.audit;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.regex.Pattern;

/**
 * One audited event, pseudonymous only: who (an account id), what, on whom (a person id), which
 * fields, for which purpose code, from where (an opaque token the caller provides), and the
 * decision. Every text component is an id or a code whose alphabet leaves no room for a name, an
 * email or free text: free-text justifications are stored elsewhere and referenced by id.
 *
 * @param at when it happened; kept to the microsecond, as PostgreSQL keeps it
 * @param actor the account id (a UUID or another token of letters, digits and {@code . _ : -})
 * @param subject the person id, a UUID, or null when the event concerns no person
 * @param fields the names of the fields concerned, in the order given ({@code [a-z][a-z0-9_]*})
 * @param purpose a purpose or justification code ({@code [A-Z0-9_.-]+}), or null
 * @param source an opaque, pseudonymous token for where the request came from, or null
 * @param organization the organization id on whose behalf the actor acted, or null
 */
public record AuditEvent(
    Instant at,
    String actor,
    AuditAction action,
    String subject,
    List<String> fields,
    String purpose,
    AuditDecision decision,
    String source,
    String organization) {
  /** At most this many fields per event. */
  public static final int MAX_FIELDS = 64;

  private static final Pattern ID = Pattern.compile("[A-Za-z0-9._:-]{1,64}");
  private static final Pattern UUID =
      Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
  private static final Pattern FIELD = Pattern.compile("[a-z][a-z0-9_]{0,31}");
  private static final Pattern CODE = Pattern.compile("[A-Z0-9_.-]{1,64}");
  private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9._:+/=-]{1,128}");

  public AuditEvent {
    requireNonNull(at, "at is null");
    requireNonNull(action, "action is null");
    requireNonNull(decision, "decision is null");
    at = at.truncatedTo(ChronoUnit.MICROS);
    check(actor, ID, "actor", false);
    check(subject, UUID, "subject", true);
    check(purpose, CODE, "purpose", true);
    check(source, TOKEN, "source", true);
    check(organization, ID, "organization", true);
    fields = List.copyOf(requireNonNull(fields, "fields is null"));
    if (fields.size() > MAX_FIELDS) {
      throw new IllegalArgumentException(
          "an event names " + fields.size() + " fields, at most " + MAX_FIELDS);
    }
    for (int i = 0; i < fields.size(); i++) {
      if (!FIELD.matcher(fields.get(i)).matches()) {
        throw new IllegalArgumentException("field " + i + " is not a field name");
      }
    }
  }

  /** Ids only: the fields, purpose and source stay out of logs. */
  @Override
  public String toString() {
    return "AuditEvent["
        + action
        + " "
        + decision
        + ", actor="
        + actor
        + ", subject="
        + subject
        + "]";
  }

  /** The message names the component and its rule, never the value: it could be anything. */
  private static void check(String value, Pattern pattern, String name, boolean nullable) {
    if (value == null) {
      if (!nullable) {
        throw new IllegalArgumentException(name + " is missing");
      }
      return;
    }
    if (!pattern.matcher(value).matches()) {
      throw new IllegalArgumentException(name + " does not match " + pattern.pattern());
    }
  }
}
