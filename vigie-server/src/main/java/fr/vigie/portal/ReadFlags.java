package fr.vigie.portal;

import fr.vigie.ProblemCode;
import fr.vigie.VigieException;
import fr.vigie.access.AccessJournal;
import fr.vigie.access.Actor;
import fr.vigie.access.Self;
import fr.vigie.audit.AuditAction;
import fr.vigie.audit.AuditDecision;
import fr.vigie.audit.AuditEvent;
import fr.vigie.audit.AuditLog;
import fr.vigie.detection.AccessWatch;
import fr.vigie.identity.AccountId;
import fr.vigie.identity.ContainmentState;
import fr.vigie.identity.Role;
import fr.vigie.identity.Scopes;
import fr.vigie.registry.PersonId;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;

/**
 * Reads a person does not recognize: flagged from their journal, queued for the DPO, and evidence
 * against the staff account that made them ({@link AccessWatch#flagged}: a step-up and an alert at
 * the first flag, a throttle once several persons flag the same account). The person names an entry
 * of their own journal, never an account: which account it was stays hidden from them.
 */
@Service
class ReadFlags {
  /** One flag, as the DPO's queue shows it: pseudonymous ids only. */
  record Flag(
      UUID id,
      long entry,
      UUID account,
      UUID person,
      Instant flaggedAt,
      String status,
      String outcome) {}

  /** What the DPO concluded. */
  enum Outcome {
    /** The read was not the account's owner's work: the analysts decide the account. */
    CONFIRMED,
    /** The read was legitimate (an appointment the person forgot, a colleague covering). */
    UNFOUNDED
  }

  private final JdbcTemplate jdbc;
  private final AccessJournal journal;
  private final AuditLog audit;
  private final AccessWatch watch;
  private final Clock clock;

  ReadFlags(
      JdbcTemplate jdbc,
      AccessJournal journal,
      AuditLog audit,
      AccessWatch watch,
      Optional<Clock> clock) {
    this.jdbc = jdbc;
    this.journal = journal;
    this.audit = audit;
    this.watch = watch;
    this.clock = clock.orElse(Clock.systemUTC());
  }

  /**
   * {@code self} flags the read at {@code entry} of their journal; flagging it again changes
   * nothing. Recorded in the audit log before the detectors hear of it.
   *
   * @throws VigieException NOT_FOUND when the entry is no staff read or change of this person
   */
  Flag flag(Self self, long entry) {
    AccountId account =
        journal
            .accountOf(self.person(), entry)
            .orElseThrow(
                () ->
                    new VigieException(
                        ProblemCode.NOT_FOUND,
                        "entry " + entry + ": no staff access in your journal"));
    Instant now = clock.instant();
    int inserted =
        jdbc.update(
            "insert into read_flag (id, person_id, audit_idx, account_id, flagged_at)"
                + " values (?, ?, ?, ?, ?) on conflict (person_id, audit_idx) do nothing",
            UUID.randomUUID(),
            self.person().value(),
            entry,
            account.value(),
            Timestamp.from(now));
    if (inserted == 1) {
      audit.append(
          new AuditEvent(
              now,
              self.auditActor(),
              AuditAction.ADMIN,
              self.person().toString(),
              List.of(),
              "FLAG",
              AuditDecision.ALLOW,
              self.source(),
              null));
      watch.flagged(account, personsFlagging(account));
    }
    return byEntry(self.person(), entry);
  }

  /** The flags of {@code person}, newest first: which entries of their journal they flagged. */
  List<Long> flaggedEntries(PersonId person) {
    return jdbc.queryForList(
        "select audit_idx from read_flag where person_id = ? order by flagged_at desc",
        Long.class,
        person.value());
  }

  /** The DPO's queue: open flags, oldest first. Audited. */
  List<Flag> open(Actor dpo, int limit) {
    allowed(dpo, "FLAG.QUEUE");
    return jdbc.query(
        SELECT + " where status = 'OPEN' order by flagged_at limit ?",
        (row, i) -> flag(row),
        Math.clamp(limit, 1, 500));
  }

  /**
   * The DPO closes a flag with its outcome. Audited; 404 for a flag that is not open. The account's
   * containment is the security analysts' to decide, from their alert.
   */
  Flag close(Actor dpo, UUID id, Outcome outcome) {
    allowed(dpo, "FLAG.CLOSE");
    int closed =
        jdbc.update(
            "update read_flag set status = 'CLOSED', outcome = ?, closed_by = ?, closed_at = ?"
                + " where id = ? and status = 'OPEN'",
            outcome.name(),
            dpo.account().value(),
            Timestamp.from(clock.instant()),
            id);
    if (closed != 1) {
      throw new VigieException(ProblemCode.NOT_FOUND, "no open flag " + id);
    }
    return jdbc.query(SELECT + " where id = ?", (row, i) -> flag(row), id).getFirst();
  }

  private static final String SELECT =
      "select id, audit_idx, account_id, person_id, flagged_at, status, outcome from read_flag";

  private static Flag flag(java.sql.ResultSet row) throws java.sql.SQLException {
    return new Flag(
        row.getObject(1, UUID.class),
        row.getLong(2),
        row.getObject(3, UUID.class),
        row.getObject(4, UUID.class),
        row.getTimestamp(5).toInstant(),
        row.getString(6),
        row.getString(7));
  }

  private Flag byEntry(PersonId person, long entry) {
    return jdbc.query(
            SELECT + " where person_id = ? and audit_idx = ?",
            (row, i) -> flag(row),
            person.value(),
            entry)
        .getFirst();
  }

  private int personsFlagging(AccountId account) {
    Integer persons =
        jdbc.queryForObject(
            "select count(distinct person_id) from read_flag"
                + " where account_id = ? and status = 'OPEN'",
            Integer.class,
            account.value());
    return persons == null ? 0 : persons;
  }

  /** The DPO of the controller, active and unrestricted; a refusal is audited. */
  private void allowed(Actor actor, String what) {
    boolean allowed =
        actor.role() == Role.DPO
            && Scopes.national(actor.organizationKind(), actor.role())
            && !actor.restricted()
            && actor.containment() == ContainmentState.ACTIVE;
    audit.append(
        new AuditEvent(
            clock.instant(),
            actor.account().toString(),
            AuditAction.ADMIN,
            null,
            List.of(),
            what,
            allowed ? AuditDecision.ALLOW : AuditDecision.DENY,
            actor.channel().network(),
            actor.organization().value().toString()));
    if (!allowed) {
      throw new VigieException(
          ProblemCode.ACCESS_DENIED, "flags: the data protection officer only");
    }
  }
}
