package fr.vigie.breach;

import static java.util.Objects.requireNonNull;

import fr.vigie.ProblemCode;
import fr.vigie.VigieException;
import fr.vigie.access.Actor;
import fr.vigie.access.Purpose;
import fr.vigie.audit.AuditAction;
import fr.vigie.audit.AuditDecision;
import fr.vigie.audit.AuditEvent;
import fr.vigie.audit.AuditLog;
import fr.vigie.audit.AuditScan;
import fr.vigie.audit.ProofException;
import fr.vigie.exchange.BatchId;
import fr.vigie.exchange.ExchangeAuditIngest;
import fr.vigie.exchange.ExchangeBatches;
import fr.vigie.exchange.ExchangeStamp;
import fr.vigie.identity.AccountId;
import fr.vigie.identity.ContainmentState;
import fr.vigie.identity.Role;
import fr.vigie.identity.Scopes;
import fr.vigie.registry.PersonId;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.springframework.stereotype.Service;

/**
 * The breach feature's entry point for incidents: declare one by a scope, widen it by another, and
 * read what the audit log says they touched. Scoping reads the audit log only, after verifying the
 * part it uses, never the register. Security analysts and the DPO only; every call is audited,
 * refused or not.
 */
@Service
public class Incidents {
  /** The most persons one page lists. */
  public static final int PAGE_LIMIT = 1_000;

  private static final Pattern REFERENCE = Pattern.compile("[A-Za-z0-9._-]{1,64}");

  private final IncidentStore store;
  private final AuditScan scan;
  private final ScopeCompleteness completeness;
  private final AuditLog audit;
  private final Clock clock;
  private final ExchangeBatches batches;

  Incidents(
      IncidentStore store,
      AuditScan scan,
      ScopeCompleteness completeness,
      AuditLog audit,
      Optional<Clock> clock,
      ExchangeBatches batches) {
    this.store = store;
    this.scan = scan;
    this.completeness = completeness;
    this.audit = audit;
    this.clock = clock.orElse(Clock.systemUTC());
    this.batches = batches;
  }

  /**
   * The scope of an exchange batch: every person of it, with the fields its operator's reads for
   * the exchange disclosed, in the window those reads took.
   */
  public Scope ofBatch(BatchId batch) {
    ExchangeBatches.Batch found = batch(requireNonNull(batch, "batch is null"));
    return Scope.ofBatch(batch, found.operator(), found.readFrom(), found.readTo());
  }

  private ExchangeBatches.Batch batch(BatchId batch) {
    return batches
        .batch(batch)
        .orElseThrow(
            () ->
                new VigieException(
                    ProblemCode.FIELD_INVALID,
                    "batch: no batch " + batch + " whose reads' window is known"));
  }

  /** Declares an incident and scopes it. */
  public Incident declare(Actor actor, String reference, Scope scope) {
    requireNonNull(scope, "scope is null");
    allowed(actor, "INCIDENT.DECLARE", null);
    if (reference == null || !REFERENCE.matcher(reference).matches()) {
      throw new VigieException(
          ProblemCode.FIELD_INVALID, "reference: 1 to 64 letters, digits, dots, dashes");
    }
    if (store.referenceTaken(reference)) {
      throw new VigieException(ProblemCode.FIELD_INVALID, "reference: already used");
    }
    IncidentId id = new IncidentId(UUID.randomUUID());
    // Scoped first: a log that does not verify leaves no incident behind, and the reference free.
    Scoped scoped = scope(scope, List.of());
    store.insertIncident(id, reference, clock.instant(), actor.account());
    keep(id, actor.account(), scope, 1, scoped);
    recorded(actor, "INCIDENT.DECLARE", id);
    return incident(id);
  }

  /** Widens an incident by another scope; the earlier ones and what they found stay. */
  public Incident widen(Actor actor, IncidentId id, Scope scope) {
    requireNonNull(scope, "scope is null");
    allowed(actor, "INCIDENT.WIDEN", id);
    List<Scope> earlier =
        store.scopes(existing(id)).stream().map(Incident.ScopeRecord::scope).toList();
    keep(id, actor.account(), scope, earlier.size() + 1, scope(scope, earlier));
    recorded(actor, "INCIDENT.WIDEN", id);
    return incident(id);
  }

  /** An incident, its scopes and totals. */
  public Incident get(Actor actor, IncidentId id) {
    allowed(actor, "INCIDENT.VIEW", id);
    existing(id);
    recorded(actor, "INCIDENT.VIEW", id);
    return incident(id);
  }

  /** The incidents, newest first. */
  public List<Incident.Header> list(Actor actor, int limit, int offset) {
    allowed(actor, "INCIDENT.LIST", null);
    recorded(actor, "INCIDENT.LIST", null);
    return store.headers(page(limit), Math.max(0, offset));
  }

  /** The persons an incident touched, by id, with their fields: a page of at most 1,000. */
  public List<Incident.Person> persons(Actor actor, IncidentId id, int limit, int offset) {
    allowed(actor, "INCIDENT.PERSONS", id);
    existing(id);
    recorded(actor, "INCIDENT.PERSONS", id);
    return store.persons(id, page(limit), Math.max(0, offset));
  }

  /** The incident as stored, for the other parts of this feature; no access check. */
  Incident incident(IncidentId id) {
    Incident.Header header =
        store
            .header(id)
            .orElseThrow(
                () -> new VigieException(ProblemCode.INCIDENT_NOT_FOUND, "no incident " + id));
    return new Incident(header, store.scopes(id), store.totals(id));
  }

  /** What one scope found, with what its scan verified, before anything is stored. */
  private record Scoped(
      Impact impact, AuditScan.Report report, double seconds, Set<Long> entries) {}

  /**
   * By the index (only the scope's entries read, each proven in the signed tree), then, once the
   * answer is stored, the walk of the whole window that confirms the index missed nothing.
   */
  private Scoped scope(Scope scope, List<Scope> earlier) {
    long started = System.nanoTime();
    ExchangeBatches.Batch batch = scope.kind() == Scope.Kind.BATCH ? batch(scope.batch()) : null;
    Impact impact = new Impact(earlier, admits(batch));
    Set<Long> entries = new java.util.HashSet<>();
    try {
      AuditScan.Report report =
          scan.scanIndexed(
              selection(scope),
              (index, event) -> {
                impact.add(event);
                entries.add(index);
              });
      if (batch != null) {
        downloads(scope, batch).forEach(impact::leftAgainAt);
      }
      return new Scoped(impact, report, (System.nanoTime() - started) / 1e9, entries);
    } catch (ProofException e) {
      // The message names an entry index and what failed: no personal data.
      throw new VigieException(
          ProblemCode.AUDIT_LOG_INVALID, "the scope's part of the log: " + e.getMessage(), e);
    }
  }

  private void keep(IncidentId id, AccountId by, Scope scope, int seq, Scoped scoped) {
    store.addScope(
        id,
        seq,
        clock.instant(),
        by,
        scope,
        scoped.report(),
        scoped.impact().persons(),
        scoped.seconds(),
        scoped.entries());
    if (scoped.report().indexed()) {
      completeness.checkLater(
          id,
          seq,
          selection(scope),
          new ScopeCompleteness.Found(scoped.entries(), scoped.report().logSize()));
    }
  }

  /**
   * The exchange's times of the completed downloads of a batch's file, from the audit entries of
   * the exchange account it was placed for, since its reads. Those entries bear the register's time
   * of their ingest, which may come long after the download: the window runs to now, and the
   * download's own time is the one its entry's source keeps ({@link ExchangeStamp}).
   */
  private List<Instant> downloads(Scope scope, ExchangeBatches.Batch batch) throws ProofException {
    String actor = ExchangeAuditIngest.actor(batch.account());
    if (actor.equals(ExchangeAuditIngest.actor(null))) {
      return List.of();
    }
    Instant now = clock.instant();
    List<Instant> found = new ArrayList<>();
    scan.scanIndexed(
        new AuditScan.Selection(
            Set.of(actor), Set.of(), scope.from(), now.isBefore(scope.from()) ? scope.from() : now),
        (index, event) -> {
          if (ExchangeAuditIngest.DOWNLOADED.equals(event.purpose())
              && event.decision() == AuditDecision.ALLOW) {
            ExchangeStamp.of(event.source())
                .filter(stamp -> scope.batch().equals(stamp.batch()))
                .ifPresent(stamp -> found.add(stamp.at()));
          }
        });
    return found;
  }

  /**
   * Which selected entries a scope takes: for a batch's scope, its persons' reads for the exchange;
   * for any other (no batch), all.
   */
  private static Predicate<AuditEvent> admits(ExchangeBatches.Batch batch) {
    if (batch == null) {
      return event -> true;
    }
    Set<String> persons =
        batch.persons().stream().map(PersonId::toString).collect(Collectors.toSet());
    return event ->
        Purpose.EXCHANGE.name().equals(event.purpose()) && persons.contains(event.subject());
  }

  static AuditScan.Selection selection(Scope scope) {
    Set<String> actors =
        scope.accounts().stream().map(AccountId::toString).collect(Collectors.toSet());
    Set<String> organizations =
        scope.organization() == null ? Set.of() : Set.of(scope.organization().toString());
    return new AuditScan.Selection(actors, organizations, scope.from(), scope.to());
  }

  private IncidentId existing(IncidentId id) {
    store
        .header(requireNonNull(id, "id is null"))
        .orElseThrow(() -> new VigieException(ProblemCode.INCIDENT_NOT_FOUND, "no incident " + id));
    return id;
  }

  /**
   * Security analysts and the DPO of the controller (national scope: {@code docs/security.md}),
   * active and unrestricted; a refusal is audited. A partner's analyst reaches only its own
   * organization, and an incident's scope can name any account, so it is not one of them.
   */
  private void allowed(Actor actor, String what, IncidentId id) {
    requireNonNull(actor, "actor is null");
    boolean allowed =
        (actor.role() == Role.SECURITY_ANALYST || actor.role() == Role.DPO)
            && Scopes.national(actor.organizationKind(), actor.role())
            && !actor.restricted()
            && actor.containment() == ContainmentState.ACTIVE;
    if (!allowed) {
      audit(actor, what, AuditDecision.DENY);
      throw new VigieException(
          ProblemCode.ACCESS_DENIED, "incidents: security analysts and the DPO only");
    }
  }

  private void recorded(Actor actor, String what, IncidentId id) {
    audit(
        actor,
        id == null ? what : what + "." + id.value().toString().toUpperCase(Locale.ROOT),
        AuditDecision.ALLOW);
  }

  private void audit(Actor actor, String purpose, AuditDecision decision) {
    audit.append(
        new AuditEvent(
            clock.instant(),
            actor.account().toString(),
            AuditAction.ADMIN,
            null,
            List.of(),
            purpose,
            decision,
            actor.channel().network(),
            actor.organization().value().toString()));
  }

  private static int page(int limit) {
    return Math.max(1, Math.min(PAGE_LIMIT, limit));
  }
}
