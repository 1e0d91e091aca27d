package fr.vigie.access;

import static java.util.Objects.requireNonNull;

import fr.vigie.ProblemCode;
import fr.vigie.VigieException;
import fr.vigie.identity.AccountId;
import fr.vigie.registry.PersonId;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The justifications of reads outside a caseload: recorded by the read path when the policy allowed
 * one on {@link Basis#JUSTIFICATION}, reviewed by the manager of the advisor who wrote it. Their
 * text stays in this table; everything else names them by id.
 */
@Service
public class Justifications {
  private final JdbcTemplate jdbc;

  Justifications(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  /** Stores the justification {@code actor} gave for {@code person} and returns its id. */
  @Transactional
  public JustificationId record(Actor actor, PersonId person, Justification justification) {
    requireNonNull(actor, "actor is null");
    requireNonNull(person, "person is null");
    requireNonNull(justification, "justification is null");
    JustificationId id = new JustificationId(UUID.randomUUID());
    jdbc.update(
        "insert into justification (id, account_id, person_id, reason_code, text)"
            + " values (?, ?, ?, ?, ?)",
        id.value(),
        actor.account().value(),
        person.value(),
        justification.reason().name(),
        justification.text());
    return id;
  }

  /**
   * Records {@code manager}'s verdict on a justification written in its organization; false if it
   * was reviewed already. An unknown id is refused like one of another organization.
   */
  @Transactional
  public boolean review(Actor manager, JustificationId id, ReviewOutcome outcome) {
    requireNonNull(manager, "manager is null");
    requireNonNull(id, "id is null");
    requireNonNull(outcome, "outcome is null");
    Boolean inOrganization =
        jdbc.queryForObject(
            "select exists (select 1 from justification j"
                + " join staff_account a on a.id = j.account_id"
                + " where j.id = ? and a.organization_id = ?)",
            Boolean.class,
            id.value(),
            manager.organization().value());
    Optional<DenyReason> denied =
        ManagementRules.review(manager, Boolean.TRUE.equals(inOrganization));
    if (denied.isPresent()) {
      throw new AccessDenied("review", denied.get());
    }
    return jdbc.update(
            "update justification set reviewed_by = ?, reviewed_at = now(), review_outcome = ?"
                + " where id = ? and reviewed_at is null",
            manager.account().value(),
            outcome.name(),
            id.value())
        > 0;
  }

  /**
   * The justifications written in {@code manager}'s organization and not yet reviewed, newest
   * first, at most {@code limit}: the manager's review queue.
   */
  public List<PendingJustification> pending(Actor manager, int limit) {
    requireNonNull(manager, "manager is null");
    if (limit < 1 || limit > PendingJustification.MAX_LIMIT) {
      throw new VigieException(
          ProblemCode.FIELD_INVALID, "limit: expected 1 to " + PendingJustification.MAX_LIMIT);
    }
    Optional<DenyReason> denied = ManagementRules.reviewQueue(manager);
    if (denied.isPresent()) {
      throw new AccessDenied("list justifications", denied.get());
    }
    return jdbc.query(
        "select j.id, j.account_id, j.person_id, j.reason_code, j.created_at, j.text"
            + " from justification j join staff_account a on a.id = j.account_id"
            + " where a.organization_id = ? and j.reviewed_at is null"
            + " order by j.created_at desc, j.id limit ?",
        (row, i) ->
            new PendingJustification(
                new JustificationId(row.getObject(1, UUID.class)),
                new AccountId(row.getObject(2, UUID.class)),
                new PersonId(row.getObject(3, UUID.class)),
                ReasonCode.valueOf(row.getString(4)),
                row.getTimestamp(5).toInstant(),
                row.getString(6)),
        manager.organization().value(),
        limit);
  }
}
