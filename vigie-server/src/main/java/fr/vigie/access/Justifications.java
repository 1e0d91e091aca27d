package fr.vigie.access;

import static java.util.Objects.requireNonNull;

import fr.vigie.ProblemCode;
import fr.vigie.VigieException;
import fr.vigie.identity.AccountId;
import fr.vigie.registry.PersonId;
import fr.vigie.registry.Registry;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The justifications of reads outside a caseload: recorded by the read path when the policy allowed
 * one on {@link Basis#JUSTIFICATION}, reviewed by the manager of the advisor who wrote it. Their
 * text stays in this table, encrypted under the person's data key; everything else names them by
 * id.
 */
@Service
public class Justifications {
  private static final Logger log = LoggerFactory.getLogger(Justifications.class);

  private final JdbcTemplate jdbc;
  private final Registry registry;

  Justifications(JdbcTemplate jdbc, Registry registry) {
    this.jdbc = jdbc;
    this.registry = registry;
  }

  /** Where a justification's text belongs, for the associated data of its ciphertext. */
  static String place(JustificationId id) {
    return "justification:" + id.value();
  }

  /** The text of a stored justification; empty once its person is erased. */
  Optional<String> text(JustificationId id, PersonId person, byte[] sealed) {
    return registry.decryptTextForJournal(person, place(id), sealed);
  }

  /**
   * Seals the texts stored in clear before they were encrypted (a SQL migration cannot reach the
   * keys), at each start until none is left; the text of a person erased meanwhile is dropped.
   */
  @EventListener(ApplicationReadyEvent.class)
  public void sealClearTexts() {
    long sealed = 0;
    while (true) {
      List<Object[]> rows =
          jdbc.query(
              "select id, person_id, text from justification where text is not null limit 500",
              (row, i) ->
                  new Object[] {
                    row.getObject(1, UUID.class), row.getObject(2, UUID.class), row.getString(3)
                  });
      for (Object[] row : rows) {
        JustificationId id = new JustificationId((UUID) row[0]);
        PersonId person = new PersonId((UUID) row[1]);
        byte[] ciphertext;
        try {
          ciphertext = registry.sealText(person, place(id), (String) row[2]);
        } catch (VigieException gone) {
          ciphertext = null;
        }
        jdbc.update(
            "update justification set text_sealed = ?, text = null where id = ?",
            ciphertext,
            id.value());
        sealed++;
      }
      if (rows.size() < 500) {
        break;
      }
    }
    if (sealed > 0) {
      log.info("Justifications: sealed {} texts stored in clear", sealed);
    }
  }

  /** Stores the justification {@code actor} gave for {@code person} and returns its id. */
  @Transactional
  public JustificationId record(Actor actor, PersonId person, Justification justification) {
    requireNonNull(actor, "actor is null");
    requireNonNull(person, "person is null");
    requireNonNull(justification, "justification is null");
    JustificationId id = new JustificationId(UUID.randomUUID());
    // Under the person's data key: the text may name the person, and goes when the person does.
    byte[] sealed = registry.sealText(person, place(id), justification.text());
    jdbc.update(
        "insert into justification (id, account_id, person_id, reason_code, text_sealed)"
            + " values (?, ?, ?, ?, ?)",
        id.value(),
        actor.account().value(),
        person.value(),
        justification.reason().name(),
        sealed);
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
        "select j.id, j.account_id, j.person_id, j.reason_code, j.created_at, j.text_sealed"
            + " from justification j join staff_account a on a.id = j.account_id"
            + " where a.organization_id = ? and j.reviewed_at is null"
            + " order by j.created_at desc, j.id limit ?",
        (row, i) -> {
          JustificationId id = new JustificationId(row.getObject(1, UUID.class));
          PersonId person = new PersonId(row.getObject(3, UUID.class));
          return new PendingJustification(
              id,
              new AccountId(row.getObject(2, UUID.class)),
              person,
              ReasonCode.valueOf(row.getString(4)),
              row.getTimestamp(5).toInstant(),
              text(id, person, row.getBytes(6)).orElse(null));
        },
        manager.organization().value(),
        limit);
  }
}
