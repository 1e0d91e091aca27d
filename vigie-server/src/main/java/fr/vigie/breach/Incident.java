package fr.vigie.breach;

import fr.vigie.audit.AuditScan;
import fr.vigie.identity.AccountId;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * An incident as the analyst and the DPO see it: its scopes in the order they were given, what each
 * verified and found, and the totals. Pseudonymous ids only.
 */
public record Incident(Header header, List<ScopeRecord> scopes, Totals totals) {
  /** Who declared it and when. */
  public record Header(IncidentId id, String reference, Instant declaredAt, AccountId declaredBy) {}

  /** One scope, with what its scoping verified in the audit log and found. */
  public record ScopeRecord(
      int seq,
      Instant addedAt,
      AccountId addedBy,
      Scope scope,
      AuditScan.Report verified,
      int persons,
      double seconds,
      Completeness completeness) {}

  /**
   * Whether a scope is known to have missed no entry: {@code CONFIRMED} when every entry of its
   * window was read (a walk), or when the walk run after an indexed scope found exactly the same
   * entries; {@code PENDING} while that walk runs; {@code FAILED} with what it found (an entry
   * index, never personal data). {@code seconds}: how long that walk took, if one ran.
   */
  public record Completeness(State state, String detail, Double seconds) {
    /** The states of the check. */
    public enum State {
      PENDING,
      CONFIRMED,
      FAILED
    }
  }

  /** Persons touched, accesses that disclosed data (records), and persons per field. */
  public record Totals(long persons, long records, Map<String, Long> personsByField) {}

  /** One person touched: the fields that left, when first and last, and by how many accesses. */
  public record Person(
      UUID person, List<String> fields, Instant firstAt, Instant lastAt, int reads, int foundBy) {}
}
