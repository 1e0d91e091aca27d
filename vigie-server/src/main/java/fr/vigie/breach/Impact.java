package fr.vigie.breach;

import fr.vigie.audit.AuditAction;
import fr.vigie.audit.AuditDecision;
import fr.vigie.audit.AuditEvent;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.Predicate;

/**
 * What the selected audit entries say left: per person, the fields disclosed, when first and last,
 * and how many accesses. Only accesses that returned data count: allowed or justified reads and
 * exchanges naming at least one field; refusals, searches (their hits are reads of their own) and
 * updates disclosed nothing.
 */
final class Impact {
  /** One person touched. */
  static final class Touch {
    final TreeSet<String> fields = new TreeSet<>();
    Instant first;
    Instant last;
    int reads;

    void add(AuditEvent event) {
      fields.addAll(event.fields());
      seen(event.at());
      reads++;
    }

    private void seen(Instant at) {
      first = first == null || at.isBefore(first) ? at : first;
      last = last == null || at.isAfter(last) ? at : last;
    }
  }

  private static final Set<AuditAction> DISCLOSING = Set.of(AuditAction.READ, AuditAction.EXCHANGE);

  private final Map<UUID, Touch> persons = new HashMap<>();
  private final List<Scope> earlier;
  private final Predicate<AuditEvent> admits;

  /**
   * @param earlier the incident's scopes before this one: accesses they covered were counted then
   */
  Impact(List<Scope> earlier) {
    this(earlier, event -> true);
  }

  /**
   * @param admits which of the selected entries belong to this scope (a batch's: its persons, read
   *     for the exchange)
   */
  Impact(List<Scope> earlier, Predicate<AuditEvent> admits) {
    this.earlier = List.copyOf(earlier);
    this.admits = admits;
  }

  void add(AuditEvent event) {
    if (!disclosed(event) || !admits.test(event) || coveredEarlier(event)) {
      return;
    }
    persons.computeIfAbsent(UUID.fromString(event.subject()), p -> new Touch()).add(event);
  }

  /**
   * What was read left again at {@code at}: a batch's file downloaded from the exchange, at the
   * exchange's time. Every person touched so far counts it in their window, not as another read.
   */
  void leftAgainAt(Instant at) {
    persons.values().forEach(touch -> touch.seen(at));
  }

  Map<UUID, Touch> persons() {
    return persons;
  }

  static boolean disclosed(AuditEvent event) {
    // A set, not a switch: other features add actions, and only these two return a person's data.
    boolean returnsData = DISCLOSING.contains(event.action());
    return returnsData
        && event.decision() != AuditDecision.DENY
        && event.subject() != null
        && !event.fields().isEmpty();
  }

  private boolean coveredEarlier(AuditEvent event) {
    for (Scope scope : earlier) {
      if (scope.covers(event.actor(), event.organization(), event.at())) {
        return true;
      }
    }
    return false;
  }
}
