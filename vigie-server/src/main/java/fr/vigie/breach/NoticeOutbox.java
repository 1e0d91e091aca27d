package fr.vigie.breach;

import fr.vigie.registry.PersonId;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The outbox of article 34 notices ({@code breach_notice}, {@code breach_letter_batch}): every
 * statement binds its parameters, and each state change commits on its own before the step that
 * depends on it.
 */
@Repository
class NoticeOutbox {
  private final JdbcTemplate jdbc;
  private final TransactionTemplate transactions;

  NoticeOutbox(JdbcTemplate jdbc, TransactionTemplate transactions) {
    this.jdbc = jdbc;
    this.transactions = transactions;
  }

  /**
   * One notice, as the sender needs it: no personal data, field names only. {@code seq} 1 is the
   * person's first notice of the incident, 2 and more the complementary ones.
   */
  record Due(
      PersonId person,
      int seq,
      List<String> fields,
      Instant firstAt,
      Instant lastAt,
      String messageId) {
    boolean complementary() {
      return seq > 1;
    }
  }

  /**
   * Creates, for each person of the incident, the notice of the fields no earlier notice of the
   * incident named: the first notice of a person new to the outbox, a complementary one (next
   * {@code seq}, the new fields only) of a person a widened scope found more fields for. Returns
   * how many were added; once every field is named, adds none.
   */
  int prepare(IncidentId incident, Instant at) {
    return jdbc.update(
        "insert into breach_notice (incident_id, person_id, seq, fields, first_at, last_at,"
            + " message_id, created_at)"
            + " select p.incident_id, p.person_id, coalesce(n.last_seq, 0) + 1,"
            + " array(select f from unnest(p.fields) with ordinality u(f, i)"
            + "  where f <> all (coalesce(n.named, '{}')) order by i),"
            + " p.first_at, p.last_at, '<' || gen_random_uuid() || '@notice.vigie>', ?"
            + " from incident_person p left join lateral"
            + " (select max(b.seq) last_seq, array_agg(distinct f) named"
            + "  from breach_notice b cross join unnest(b.fields) f"
            + "  where b.incident_id = p.incident_id and b.person_id = p.person_id) n on true"
            + " where p.incident_id = ? and not (p.fields <@ coalesce(n.named, '{}'))"
            + " on conflict (incident_id, person_id, seq) do nothing",
        Timestamp.from(at),
        incident.value());
  }

  /**
   * Puts back to PENDING the notices a sender claimed and never finished: the caller holds the
   * incident's sending lock, so that sender is dead. Returns how many; their {@code attempts} stay,
   * and a notice sent again goes under its own message id.
   */
  int releaseClaims(IncidentId incident) {
    return jdbc.update(
        "update breach_notice set state = 'PENDING', claimed_at = null"
            + " where incident_id = ? and state = 'CLAIMED'",
        incident.value());
  }

  /** Claims the next PENDING notice, committed before anything is read or sent. */
  Optional<Due> claim(IncidentId incident, Instant at) {
    return jdbc
        .query(
            "update breach_notice set state = 'CLAIMED', claimed_at = ?, attempts = attempts + 1"
                + " where (incident_id, person_id, seq) = (select incident_id, person_id, seq"
                + "  from breach_notice where incident_id = ? and state = 'PENDING'"
                + "  order by person_id, seq limit 1 for update skip locked)"
                + " returning person_id, seq, fields, first_at, last_at, message_id",
            (row, i) -> due(row),
            Timestamp.from(at),
            incident.value())
        .stream()
        .findFirst();
  }

  /** An SMTP server accepted the email. */
  void sent(IncidentId incident, Due notice, Instant at) {
    done(incident, notice, "SENT", "EMAIL", at);
  }

  /** No email address: the notice waits for a letter batch. */
  void letterDue(IncidentId incident, Due notice, Instant at) {
    done(incident, notice, "LETTER_DUE", "LETTER", at);
  }

  /** A claimed notice that could not go out (the mail server refused it): to send again. */
  void unclaim(IncidentId incident, Due notice) {
    jdbc.update(
        "update breach_notice set state = 'PENDING', claimed_at = null"
            + " where incident_id = ? and person_id = ? and seq = ? and state = 'CLAIMED'",
        incident.value(),
        notice.person().value(),
        notice.seq());
  }

  private void done(IncidentId incident, Due notice, String state, String channel, Instant at) {
    int changed =
        jdbc.update(
            "update breach_notice set state = ?, channel = ?, done_at = ?"
                + " where incident_id = ? and person_id = ? and seq = ? and state = 'CLAIMED'",
            state,
            channel,
            Timestamp.from(at),
            incident.value(),
            notice.person().value(),
            notice.seq());
    if (changed != 1) {
      throw new IllegalStateException(
          "notice " + notice.seq() + " of " + notice.person() + ": no longer claimed");
    }
  }

  /**
   * Puts at most {@code size} waiting letters into a new batch, in one transaction; empty when none
   * waits.
   */
  Optional<UUID> batchLetters(IncidentId incident, int size, Instant at) {
    return transactions.execute(
        status -> {
          List<Waiting> waiting =
              jdbc.query(
                  "select person_id, seq from breach_notice where incident_id = ? and state ="
                      + " 'LETTER_DUE' order by person_id, seq limit ? for update",
                  (row, i) -> new Waiting(row.getObject(1, UUID.class), row.getInt(2)),
                  incident.value(),
                  size);
          if (waiting.isEmpty()) {
            return Optional.<UUID>empty();
          }
          UUID batch = UUID.randomUUID();
          jdbc.update(
              "insert into breach_letter_batch (id, incident_id, seq, created_at, letters)"
                  + " select ?, ?, coalesce(max(seq), 0) + 1, ?, ? from breach_letter_batch"
                  + " where incident_id = ?",
              batch,
              incident.value(),
              Timestamp.from(at),
              waiting.size(),
              incident.value());
          jdbc.update(
              "update breach_notice set state = 'LETTER_BATCHED', letter_batch = ?"
                  + " where incident_id = ? and (person_id, seq) in"
                  + " (select * from unnest(?::uuid[], ?::integer[]))",
              batch,
              incident.value(),
              waiting.stream().map(Waiting::person).toArray(UUID[]::new),
              waiting.stream().map(Waiting::seq).toArray(Integer[]::new));
          return Optional.of(batch);
        });
  }

  private record Waiting(UUID person, int seq) {}

  /** A batch whose PDF is not written yet: its number and its notices, in page order. */
  record Batch(UUID id, int seq, List<Due> letters) {}

  /** The batches not yet printed, a crashed run's included, in order. */
  List<Batch> unprinted(IncidentId incident) {
    List<Batch> batches =
        jdbc.query(
            "select id, seq from breach_letter_batch where incident_id = ? and printed_at is null"
                + " order by seq",
            (row, i) -> new Batch(row.getObject(1, UUID.class), row.getInt(2), List.of()),
            incident.value());
    return batches.stream().map(b -> batch(b.id(), b.seq())).toList();
  }

  /** A batch as it stands, its letters in page order. */
  Batch batch(UUID id, int seq) {
    return new Batch(
        id,
        seq,
        jdbc.query(
            "select person_id, seq, fields, first_at, last_at, message_id from"
                + " breach_notice where letter_batch = ? order by person_id, seq",
            (row, i) -> due(row),
            id));
  }

  /** The batch's PDF is written: the batch and its letters are done, together. */
  void printed(UUID batch, String fileName, Instant at) {
    transactions.executeWithoutResult(
        status -> {
          jdbc.update(
              "update breach_letter_batch set printed_at = ?, file_name = ? where id = ?",
              Timestamp.from(at),
              fileName,
              batch);
          jdbc.update(
              "update breach_notice set state = 'PRINTED', done_at = ? where letter_batch = ?",
              Timestamp.from(at),
              batch);
        });
  }

  /**
   * Ends as ERASED every notice of the incident not yet out whose person was crypto-shredded: their
   * contact went with their key, so no email or letter can reach them. The caller holds the
   * incident's sending lock, so a CLAIMED notice is its own. Returns the notices it ended, for the
   * audit; reads only the person's clear erasure date. A letter that leaves its batch is taken off
   * the batch's count in the same statement, so that the count stays the letters it holds.
   */
  List<Due> erased(IncidentId incident, Instant at) {
    return jdbc.query(
        "with ended as (update breach_notice n set state = 'ERASED', channel = null,"
            + " done_at = ?, letter_batch = null from person p, breach_notice was"
            + " where p.id = n.person_id and p.erased_at is not null and n.incident_id = ?"
            + " and n.state in ('PENDING', 'CLAIMED', 'LETTER_DUE', 'LETTER_BATCHED')"
            + " and was.incident_id = n.incident_id and was.person_id = n.person_id"
            + " and was.seq = n.seq"
            + " returning n.person_id, n.seq, n.fields, n.first_at, n.last_at, n.message_id,"
            + " was.letter_batch as left_batch),"
            + " recounted as (update breach_letter_batch b set letters = b.letters - g.gone"
            + " from (select left_batch, count(*) as gone from ended"
            + " where left_batch is not null group by left_batch) g where b.id = g.left_batch)"
            + " select person_id, seq, fields, first_at, last_at, message_id from ended",
        (row, i) -> due(row),
        Timestamp.from(at),
        incident.value());
  }

  /** How many notices of the incident are in each state. */
  Notices.Status status(IncidentId incident) {
    return jdbc.queryForObject(
        "select count(*) filter (where state = 'PENDING'),"
            + " count(*) filter (where state = 'CLAIMED'),"
            + " count(*) filter (where state = 'SENT'),"
            + " count(*) filter (where state in ('LETTER_DUE', 'LETTER_BATCHED')),"
            + " count(*) filter (where state = 'PRINTED'),"
            + " count(*) filter (where attempts > 1),"
            + " count(*) filter (where state = 'ERASED')"
            + " from breach_notice where incident_id = ?",
        (row, i) ->
            new Notices.Status(
                row.getLong(1),
                row.getLong(2),
                row.getLong(3),
                row.getLong(4),
                row.getLong(5),
                row.getLong(6),
                row.getLong(7)),
        incident.value());
  }

  /** The notices that went out to {@code person}, oldest first. */
  List<Notices.Sent> sentTo(PersonId person) {
    return jdbc.query(
        "select n.incident_id, i.reference, n.done_at, n.fields, n.first_at, n.last_at, n.channel,"
            + " n.seq from breach_notice n join incident i on i.id = n.incident_id"
            + " where n.person_id = ? and n.state in ('SENT', 'PRINTED')"
            + " order by n.done_at, n.seq",
        (row, i) ->
            new Notices.Sent(
                new IncidentId(row.getObject(1, UUID.class)),
                row.getString(2),
                row.getTimestamp(3).toInstant(),
                fields(row.getArray(4)),
                row.getTimestamp(5).toInstant(),
                row.getTimestamp(6).toInstant(),
                Notices.Channel.valueOf(row.getString(7)),
                row.getInt(8) > 1),
        person.value());
  }

  private static Due due(ResultSet row) throws SQLException {
    return new Due(
        new PersonId(row.getObject(1, UUID.class)),
        row.getInt(2),
        fields(row.getArray(3)),
        row.getTimestamp(4).toInstant(),
        row.getTimestamp(5).toInstant(),
        row.getString(6));
  }

  private static List<String> fields(Array array) throws SQLException {
    return Arrays.asList((String[]) array.getArray());
  }
}
