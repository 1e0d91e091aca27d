package fr.vigie.access;

import fr.vigie.ProblemCode;
import fr.vigie.VigieException;
import fr.vigie.audit.AuditAction;
import fr.vigie.audit.AuditDecision;
import fr.vigie.audit.AuditEvent;
import fr.vigie.audit.AuditJournal;
import fr.vigie.audit.AuditLog;
import fr.vigie.identity.AccountId;
import fr.vigie.identity.ContainmentState;
import fr.vigie.identity.Role;
import fr.vigie.identity.Scopes;
import fr.vigie.registry.PersonId;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;

/**
 * A person's access journal: every access to their record, with when, which organization and role,
 * which fields, and the stated purpose or the justification. Made from the audit log, so it shows
 * what the log holds and nothing it does not. The data protection officer reads the justification's
 * reason code and its free text; the person reads the reason's French label only: a staff member's
 * text may name another person or a colleague, which the person is not owed.
 */
@Service
public class AccessJournal {
  private final AuditJournal audit;
  private final AuditLog log;
  private final JdbcTemplate jdbc;
  private final Justifications justifications;
  private final Clock clock;
  private final Gate gate;

  AccessJournal(
      AuditJournal audit,
      AuditLog log,
      JdbcTemplate jdbc,
      Justifications justifications,
      Gate gate,
      Optional<Clock> clock) {
    this.gate = gate;
    this.justifications = justifications;
    this.audit = audit;
    this.log = log;
    this.jdbc = jdbc;
    this.clock = clock.orElse(Clock.systemUTC());
  }

  /**
   * One access: no staff name, the organization and the role are what the person is owed. {@code
   * entry} is its index in the audit log, by which the person flags it; {@code own} marks the
   * person's own reads in their space (and the identity check of their first sign-in), which have
   * neither organization nor role.
   */
  public record Line(
      long entry,
      boolean own,
      Instant at,
      String organization,
      String role,
      String action,
      List<String> fields,
      String purpose,
      String justification,
      String decision) {}

  /** The journal of {@code person}, newest first; readable by the data protection officer. */
  public List<Line> of(Actor actor, PersonId person) {
    boolean allowed =
        !actor.restricted()
            && actor.role() == Role.DPO
            // Persons' journals are national: only France Travail's DPO, not a DPO account a
            // partner or subcontractor should never have held.
            && Scopes.national(actor.organizationKind(), Role.DPO)
            && actor.containment() == ContainmentState.ACTIVE;
    // Who read whose journal is itself recorded, allowed or not (not as a read of the person).
    log.append(
        new AuditEvent(
            clock.instant(),
            actor.account().toString(),
            AuditAction.ADMIN,
            person.toString(),
            List.of(),
            "JOURNAL",
            allowed ? AuditDecision.ALLOW : AuditDecision.DENY,
            actor.channel().network(),
            actor.organization().value().toString()));
    if (!allowed) {
      throw new VigieException(
          ProblemCode.ACCESS_DENIED, "journal: only the data protection officer reads it here");
    }
    return lines(person, Justified.CODE_AND_TEXT);
  }

  /**
   * The journal a person reads of their own file, in their space: the same lines as the DPO's.
   * Reading it is recorded too, by the person ({@code JOURNAL.SELF}).
   */
  public List<Line> ofOwn(Self self) {
    gate.auditSelf(self, AuditAction.ADMIN, List.of(), "JOURNAL.SELF", AuditDecision.ALLOW);
    return lines(self.person(), Justified.LABEL);
  }

  /**
   * The staff account that made the read or change at {@code entry} of {@code person}'s journal:
   * what a person's flag accuses. Empty when the entry is not about this person, is not a read or a
   * change, or is the person's own.
   */
  public Optional<AccountId> accountOf(PersonId person, long entry) {
    return audit
        .entry(entry, person.value())
        .filter(e -> e.action() == AuditAction.READ || e.action() == AuditAction.UPDATE)
        .filter(e -> !own(e.actor()))
        .flatMap(e -> staffAccount(e.actor()));
  }

  /** How a line shows a break-the-glass justification. */
  private enum Justified {
    /** The reason code and the staff member's text while the person is not erased. */
    CODE_AND_TEXT,
    /** The reason's French label alone. */
    LABEL
  }

  private List<Line> lines(PersonId person, Justified shown) {
    Map<String, String[]> accounts = new ConcurrentHashMap<>();
    return audit.indexedAbout(person.value()).stream()
        .filter(
            e -> e.event().action() == AuditAction.READ || e.event().action() == AuditAction.UPDATE)
        .map(
            e ->
                line(
                    e.index(),
                    e.event(),
                    shown,
                    accounts.computeIfAbsent(e.event().actor(), this::account)))
        .toList();
  }

  /** Whether an audit actor is the person themselves (or their sign-in's identity check). */
  private static boolean own(String actor) {
    return actor.startsWith(Self.ACTOR_PREFIX) || actor.startsWith(SUBJECT_PREFIX);
  }

  /** The audit actor prefix of a sign-in's identity check: a token of the provider's subject. */
  public static final String SUBJECT_PREFIX = "oidc:";

  private static Optional<AccountId> staffAccount(String actor) {
    try {
      return Optional.of(new AccountId(UUID.fromString(actor)));
    } catch (IllegalArgumentException notAnAccount) {
      return Optional.empty();
    }
  }

  private Line line(long entry, AuditEvent event, Justified shown, String[] account) {
    String purpose = event.purpose();
    String justification = null;
    if (purpose != null && purpose.startsWith(PersonReads.JUSTIFICATION_PREFIX)) {
      JustificationId id =
          new JustificationId(
              UUID.fromString(purpose.substring(PersonReads.JUSTIFICATION_PREFIX.length())));
      justification = justification(id, shown);
      purpose = JournalWords.JUSTIFIED;
    }
    return new Line(
        entry,
        account == OWN,
        event.at(),
        account[0],
        account[1],
        event.action().name().toLowerCase(Locale.ROOT),
        event.fields(),
        purpose,
        justification,
        event.decision().name());
  }

  private String justification(JustificationId id, Justified shown) {
    return jdbc
        .query(
            "select reason_code, person_id, text_sealed from justification where id = ?",
            (row, i) ->
                switch (shown) {
                  case LABEL -> ReasonCode.valueOf(row.getString(1)).label();
                  // The text is readable while the person is: once erased, only the code is left.
                  case CODE_AND_TEXT ->
                      row.getString(1)
                          + justifications
                              .text(id, new PersonId(row.getObject(2, UUID.class)), row.getBytes(3))
                              .map(text -> ": " + text)
                              .orElse("");
                },
            id.value())
        .stream()
        .findFirst()
        .orElse(null);
  }

  /** The organization and role of the person's own entries: none, they are the person's. */
  private static final String[] OWN = {null, JournalWords.OWN_ROLE};

  /** The organization name and role of an account, or unknowns for one that is gone. */
  private String[] account(String accountId) {
    if (own(accountId)) {
      return OWN;
    }
    if (staffAccount(accountId).isEmpty()) {
      return new String[] {JournalWords.UNKNOWN, JournalWords.UNKNOWN};
    }
    return jdbc
        .query(
            "select o.name, a.role from staff_account a join organization o"
                + " on o.id = a.organization_id where a.id = ?",
            (row, i) -> new String[] {row.getString(1), row.getString(2)},
            UUID.fromString(accountId))
        .stream()
        .findFirst()
        .orElse(new String[] {JournalWords.UNKNOWN, JournalWords.UNKNOWN});
  }
}
