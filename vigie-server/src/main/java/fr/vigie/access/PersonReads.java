package fr.vigie.access;

import static java.util.Objects.requireNonNull;

import fr.vigie.ProblemCode;
import fr.vigie.VigieException;
import fr.vigie.audit.AuditAction;
import fr.vigie.audit.AuditDecision;
import fr.vigie.detection.Access;
import fr.vigie.detection.AccessKind;
import fr.vigie.detection.AccessWatch;
import fr.vigie.detection.AccountProfile;
import fr.vigie.detection.Link;
import fr.vigie.registry.Nir;
import fr.vigie.registry.PersonField;
import fr.vigie.registry.PersonId;
import fr.vigie.registry.Registry;
import fr.vigie.registry.SealedRow;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;

/**
 * The one path every access to a person's data takes, whatever the channel: guard, policy,
 * ceilings, decrypt, audit, event. There is no other: {@link Registry#decryptForReadPath} is called
 * from here only, and a test keeps it so.
 *
 * <p>The audit entry is written, durably, before the data leaves: if it cannot be, the caller gets
 * an error and nothing else (fail closed). Refusals are audited too.
 */
@Service
public class PersonReads {
  private final Relationships relationships;
  private final Justifications justifications;
  private final Registry registry;
  private final AccessWatch watch;
  private final Gate gate;
  private final NoticeCeilings noticeCeilings;
  private final JdbcTemplate jdbc;
  private final Clock clock;

  PersonReads(
      Relationships relationships,
      Justifications justifications,
      Registry registry,
      AccessWatch watch,
      Gate gate,
      NoticeCeilings noticeCeilings,
      JdbcTemplate jdbc,
      Optional<Clock> clock) {
    this.relationships = relationships;
    this.justifications = justifications;
    this.registry = registry;
    this.watch = watch;
    this.gate = gate;
    this.noticeCeilings = noticeCeilings;
    this.jdbc = jdbc;
    this.clock = clock.orElse(Clock.systemUTC());
  }

  /**
   * Reads one person for {@code purpose}: the fields the policy allows, masked as it says.
   *
   * @throws VigieException ACCESS_DENIED, or JUSTIFICATION_REQUIRED when a justification would
   *     allow it; AUDIT_UNAVAILABLE when the read could not be recorded
   */
  public PersonView read(
      Actor actor, PersonId person, Purpose purpose, Optional<Justification> justification) {
    requireNonNull(person, "person is null");
    guard(actor, AuditAction.READ, person, purpose);
    return readGuarded(actor, person, purpose, justification);
  }

  /** A read the guard let through already (a search's hits are one request: one guard). */
  private PersonView readGuarded(
      Actor actor, PersonId person, Purpose purpose, Optional<Justification> justification) {
    // The row comes with the facts, still sealed: one round trip, opened only past the policy.
    Relationships.ForRead related = relationships.forRead(actor, person);
    Facts facts = related.facts();
    Decision decision = AccessPolicy.decide(actor, Action.READ, facts, purpose, justification);
    Decision.Allow allow = allowedOrAudited(actor, Action.READ, person, purpose, decision);
    Access access = access(actor, AccessKind.READ, person, link(facts, allow));
    withinCeilings(actor, AuditAction.READ, access, purpose);
    String purposeCode = purposeCode(actor, person, purpose, allow, justification);
    SealedRow row =
        related
            .row()
            .orElseThrow(
                () -> new VigieException(ProblemCode.PERSON_NOT_FOUND, "no person " + person));
    Map<PersonField, String> clear =
        registry.decryptForReadPath(person, row, allow.fields().keySet());
    EnumMap<PersonField, String> shown = new EnumMap<>(PersonField.class);
    clear.forEach(
        (field, value) -> shown.put(field, show(field, value, allow.fields().get(field))));
    record(actor, AuditAction.READ, person, allow.fields().keySet(), purposeCode, allow.basis());
    if (purpose != Purpose.BREACH_NOTICE) {
      // A notice read is not the DPO's own work: a sender's thousands of contacts would teach
      // the detectors a volume no stolen DPO account could then exceed. It is audited above,
      // bounded by the outbox's claims and by its own ceilings.
      watch.accessed(profile(actor), access);
    }
    return new PersonView(person, shown, allow.basis());
  }

  /**
   * A person reading their own file, signed in to their space: {@link Purpose#SELF} on the screen,
   * {@link Purpose#ARTICLE_15} for the copy they asked for. There is no guard or ceiling of a staff
   * account to pass (the person reads one file, their own); the policy is {@link SelfPolicy}, the
   * decryption the same, and the audit entry, committed before the data leaves, names the person as
   * the actor with the purpose as its code. No event goes to the detectors, which watch staff
   * accounts.
   */
  public PersonView readOwn(Self self, Purpose purpose) {
    requireNonNull(self, "self is null");
    requireNonNull(purpose, "purpose is null");
    PersonId person = self.person();
    Map<PersonField, Visibility> allowed = SelfPolicy.fields(purpose);
    if (allowed == null) {
      gate.auditSelf(self, AuditAction.READ, List.of(), purpose.name(), AuditDecision.DENY);
      throw new VigieException(
          ProblemCode.ACCESS_DENIED, "read: a person reads their own file for SELF or ARTICLE_15");
    }
    SealedRow row =
        relationships
            .row(person)
            .orElseThrow(
                () -> new VigieException(ProblemCode.PERSON_NOT_FOUND, "no person " + person));
    Map<PersonField, String> clear = registry.decryptForReadPath(person, row, allowed.keySet());
    EnumMap<PersonField, String> shown = new EnumMap<>(PersonField.class);
    clear.forEach((field, value) -> shown.put(field, show(field, value, allowed.get(field))));
    gate.auditSelf(
        self, AuditAction.READ, names(allowed.keySet()), purpose.name(), AuditDecision.ALLOW);
    return new PersonView(person, shown, Basis.SELF);
  }

  /**
   * Whether {@code candidate}, found by the blind index of a sign-in's birth name and birth date,
   * is the person the identity provider vouches for: the other fields of its pivot identity are
   * compared with the register's, in memory, and only the answer leaves. The comparison is a read
   * of those fields and is audited as one ({@code IDENTITY_MATCH}), by the pseudonymous token of
   * the provider's subject, allowed when they match and denied when not.
   */
  public boolean confirmIdentity(
      PersonId candidate, Pivot claimed, String subjectToken, String source) {
    requireNonNull(candidate, "candidate is null");
    requireNonNull(claimed, "claimed is null");
    Optional<SealedRow> row = relationships.row(candidate);
    if (row.isEmpty() || row.get().erased()) {
      return false;
    }
    Map<PersonField, String> clear =
        registry.decryptForReadPath(candidate, row.get(), Pivot.COMPARED);
    boolean matches = claimed.matches(clear);
    gate.auditEvent(
        subjectToken,
        AuditAction.READ,
        candidate,
        names(Pivot.COMPARED),
        IDENTITY_MATCH,
        matches ? AuditDecision.ALLOW : AuditDecision.DENY,
        source);
    return matches;
  }

  /** The purpose code of the comparison of a sign-in's pivot identity with the register. */
  public static final String IDENTITY_MATCH = "IDENTITY_MATCH";

  /**
   * Finds at most {@link SearchFilter#LIMIT} persons by an exact criterion among those {@code
   * actor} may read now, and reads each. The filter is the policy's, inside the SQL query.
   */
  public List<PersonView> search(
      Actor actor, Criterion criterion, byte[] indexValue, Purpose purpose) {
    guard(actor, AuditAction.SEARCH, null, purpose);
    Decision.Deny refused = searchRefusal(actor, purpose);
    if (refused != null) {
      audit(actor, AuditAction.SEARCH, null, List.of(), purpose.name(), AuditDecision.DENY);
      watch.accessed(profile(actor), access(actor, AccessKind.REFUSED, null, Link.NONE));
      throw new VigieException(ProblemCode.ACCESS_DENIED, "search: refused, " + refused.reason());
    }
    BoundSql query = SearchFilter.search(actor, purpose, criterion, indexValue);
    List<PersonId> found =
        jdbc.query(
            query.sql(),
            (row, i) -> new PersonId(row.getObject(1, java.util.UUID.class)),
            query.parameters().toArray());
    // Only ids so far: the ceilings count the search with what it found before anyone is read.
    Access search =
        Access.search(
            actor.account(),
            clock.instant(),
            found.size(),
            actor.channel().device(),
            actor.channel().network());
    withinCeilings(actor, AuditAction.SEARCH, search, purpose);
    if (found.size() > 1 && watch.wouldSuspend(profile(actor), search.at(), found)) {
      // An honest broad search must not suspend its advisor: refused before any of it is read.
      audit(
          actor,
          AuditAction.SEARCH,
          null,
          List.of(),
          Gate.ceilingCode("burst"),
          AuditDecision.DENY);
      gate.refused(actor, null);
      throw new VigieException(
          ProblemCode.CEILING_REACHED,
          "this search found more persons than the account may open within a minute: narrow it",
          Duration.ofMinutes(1));
    }
    audit(
        actor,
        AuditAction.SEARCH,
        null,
        List.of(criterion.name().toLowerCase(Locale.ROOT)),
        purpose.name(),
        AuditDecision.ALLOW);
    watch.accessed(profile(actor), search);
    List<PersonView> views = new ArrayList<>(found.size());
    for (PersonId person : found) {
      views.add(readGuarded(actor, person, purpose, Optional.empty()));
    }
    return views;
  }

  /** Changes some fields of one person: only fields the policy shows the actor in clear. */
  public void update(
      Actor actor,
      PersonId person,
      Map<PersonField, String> changes,
      Purpose purpose,
      Optional<Justification> justification) {
    requireNonNull(changes, "changes is null");
    guard(actor, AuditAction.UPDATE, person, purpose);
    Facts facts = relationships.facts(actor, person);
    Decision decision = AccessPolicy.decide(actor, Action.UPDATE, facts, purpose, justification);
    Decision.Allow allow = allowedOrAudited(actor, Action.UPDATE, person, purpose, decision);
    for (PersonField field : changes.keySet()) {
      if (!allow.clear(field)) {
        audit(
            actor,
            AuditAction.UPDATE,
            person,
            names(changes.keySet()),
            purpose.name(),
            AuditDecision.DENY);
        throw new VigieException(
            ProblemCode.ACCESS_DENIED, field.column() + ": this account may not change it");
      }
    }
    LocalDate today = LocalDate.ofInstant(clock.instant(), REGISTRATION_DAYS);
    checkChanges(actor, person, changes, purpose, today);
    Access access = access(actor, AccessKind.UPDATE, person, link(facts, allow));
    withinCeilings(actor, AuditAction.UPDATE, access, purpose);
    String purposeCode = purposeCode(actor, person, purpose, allow, justification);
    // Audited before it is done: an update that cannot be recorded does not happen.
    record(actor, AuditAction.UPDATE, person, changes.keySet(), purposeCode, allow.basis());
    registry.updateForReadPath(person, changes, today);
    watch.accessed(profile(actor), access);
  }

  /** Where the days of registration events are reckoned. */
  private static final ZoneId REGISTRATION_DAYS = ZoneId.of("Europe/Paris");

  /**
   * The changes are checked before the ceilings count them and before the update is recorded: an
   * invalid one is a refusal, audited as one, not an allowed update that never happened (which
   * would overstate a breach's scope).
   */
  private void checkChanges(
      Actor actor,
      PersonId person,
      Map<PersonField, String> changes,
      Purpose purpose,
      LocalDate today) {
    try {
      registry.checkUpdate(person, changes, today);
    } catch (VigieException invalid) {
      audit(
          actor,
          AuditAction.UPDATE,
          person,
          names(changes.keySet()),
          purpose.name(),
          AuditDecision.DENY);
      refused(actor, person);
      throw invalid;
    }
  }

  private Decision.Allow allowedOrAudited(
      Actor actor, Action action, PersonId person, Purpose purpose, Decision decision) {
    AuditAction audited = action == Action.UPDATE ? AuditAction.UPDATE : AuditAction.READ;
    return switch (decision) {
      case Decision.Allow allow -> allow;
      case Decision.Deny deny -> {
        audit(actor, audited, person, List.of(), purpose.name(), AuditDecision.DENY);
        refused(actor, person);
        throw new VigieException(
            ProblemCode.ACCESS_DENIED,
            action.name().toLowerCase(Locale.ROOT) + ": refused, " + deny.reason());
      }
      case Decision.JustificationRequired required -> {
        audit(actor, audited, person, List.of(), purpose.name(), AuditDecision.DENY);
        refused(actor, person);
        throw new VigieException(
            ProblemCode.JUSTIFICATION_REQUIRED,
            "this person is outside the caseload: give a reason code and a text");
      }
    };
  }

  /** The purpose code of the audit entry; a justified access records its justification first. */
  private String purposeCode(
      Actor actor,
      PersonId person,
      Purpose purpose,
      Decision.Allow allow,
      Optional<Justification> justification) {
    if (allow.basis() != Basis.JUSTIFICATION) {
      return purpose.name();
    }
    JustificationId id = justifications.record(actor, person, justification.orElseThrow());
    return JUSTIFICATION_PREFIX + id.value().toString().toUpperCase(Locale.ROOT);
  }

  /** Purpose codes of justified accesses: this prefix, then the justification's id. */
  static final String JUSTIFICATION_PREFIX = "JUSTIFICATION.";

  /** A refusal when the policy would let {@code actor} read nobody at all for this purpose. */
  private static Decision.Deny searchRefusal(Actor actor, Purpose purpose) {
    if (!SearchFilter.readable(actor, purpose).sql().equals("false")) {
      return null;
    }
    Decision decision =
        AccessPolicy.decide(actor, Action.SEARCH, Facts.NONE, purpose, Optional.empty());
    return decision instanceof Decision.Deny deny
        ? deny
        : new Decision.Deny(DenyReason.ACTION_NOT_ALLOWED);
  }

  private static String show(PersonField field, String value, Visibility visibility) {
    return switch (visibility) {
      case CLEAR -> value;
      case MASKED ->
          field == PersonField.NIR && !value.isEmpty()
              ? Nir.parse(value).masked()
              : value.isEmpty() ? "" : value.charAt(0) + "•••";
    };
  }

  private void record(
      Actor actor,
      AuditAction action,
      PersonId person,
      Set<PersonField> fields,
      String purpose,
      Basis basis) {
    audit(
        actor,
        action,
        person,
        names(fields),
        purpose,
        basis == Basis.JUSTIFICATION ? AuditDecision.JUSTIFIED : AuditDecision.ALLOW);
  }

  private void audit(
      Actor actor,
      AuditAction action,
      PersonId person,
      List<String> fields,
      String purpose,
      AuditDecision decision) {
    gate.audit(actor, action, person, fields, purpose, decision);
  }

  private static List<String> names(Set<PersonField> fields) {
    return fields.stream().map(PersonField::column).toList();
  }

  /** The guard: see {@link Gate#guard}; a throttled account's early attempt counts as a read. */
  private void guard(Actor actor, AuditAction action, PersonId person, Purpose purpose) {
    Access attempt = person == null ? null : gate.access(actor, AccessKind.READ, person, Link.NONE);
    gate.guard(actor, action, person, attempt);
  }

  /**
   * The ceilings, after the policy and before decryption: see {@link Gate#withinCeilings}; a
   * notice's read has its own ({@link NoticeCeilings}).
   */
  private void withinCeilings(Actor actor, AuditAction action, Access access, Purpose purpose) {
    if (purpose == Purpose.BREACH_NOTICE) {
      gate.admitted(actor, action, access, noticeCeilings.admit(profile(actor), access));
      return;
    }
    gate.withinCeilings(actor, action, access);
  }

  private static AccountProfile profile(Actor actor) {
    return Gate.profile(actor);
  }

  /**
   * What explains the access to the detectors: a justification, else a manager's time-boxed
   * relationship, else an appointment, else the caseload.
   */
  private static Link link(Facts facts, Decision.Allow allow) {
    if (allow.basis() == Basis.JUSTIFICATION) {
      return Link.OUTSIDE;
    }
    if (facts.timeBoxed()) {
      // The manager's relationship says why this account, the appointment only that someone of
      // its organization sees the person: the detectors weigh a stranger read under the first as
      // explained, under the second as one the account never read (never-read).
      return Link.TIME_BOXED;
    }
    return facts.appointment() ? Link.APPOINTMENT : Link.FOLLOWED;
  }

  private Access access(Actor actor, AccessKind kind, PersonId person, Link link) {
    return gate.access(actor, kind, person, link);
  }

  private void refused(Actor actor, PersonId person) {
    gate.refused(actor, person);
  }
}
