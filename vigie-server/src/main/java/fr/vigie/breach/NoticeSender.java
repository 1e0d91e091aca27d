package fr.vigie.breach;

import fr.vigie.ProblemCode;
import fr.vigie.VigieException;
import fr.vigie.access.Actor;
import fr.vigie.access.PersonReads;
import fr.vigie.access.PersonView;
import fr.vigie.access.Purpose;
import fr.vigie.audit.AuditDecision;
import fr.vigie.registry.PersonField;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Sends an incident's notices from the outbox, one sender per incident at a time (a PostgreSQL
 * advisory lock held on a connection of its own, which the server drops with a dead process).
 *
 * <p><b>What "exactly once" means here.</b> Each notice is claimed (committed) before its contact
 * is read and its email handed to the SMTP server, and marked SENT (committed) right after the
 * server accepted it. A run that dies leaves at most the notices it held claimed; the next run,
 * holding the lock, knows their sender is dead and sends them again, under the Message-ID the
 * outbox fixed when it created the notice. So nobody is notified zero times, and a notice can be
 * delivered twice only if the process died between the server's acceptance and the mark, a window
 * of one database update; the two copies then carry the same Message-ID, which mail clients and
 * archives show as one message. SMTP has no way to ask a server whether it already took a message,
 * so no sender can do better than that across a crash. The pace sleeps before a claim, never
 * between the send and the mark, so a process killed while waiting holds no claim at all.
 *
 * <p>Letters: a person without an email address waits as LETTER_DUE; at the end of the emails the
 * waiting letters go into numbered batches (one transaction each), then each batch is written as
 * one PDF and marked printed with its letters in one transaction. A batch whose PDF a crash
 * interrupted is written again whole under the same file name, so each letter is in exactly one
 * file; hand a batch's file to the mail house once the command has reported it.
 */
@Component
class NoticeSender {
  private final NoticeOutbox outbox;
  private final NoticeMail mail;
  private final NoticeWords words;
  private final NoticeAudit audit;
  private final PersonReads reads;
  private final DataSource dataSource;
  private final Clock clock;
  private final int lettersPerBatch;

  NoticeSender(
      NoticeOutbox outbox,
      NoticeMail mail,
      NoticeWords words,
      NoticeAudit audit,
      PersonReads reads,
      DataSource dataSource,
      Optional<Clock> clock,
      @Value("${vigie.breach.notice.letters-per-batch:2000}") int lettersPerBatch) {
    this.outbox = outbox;
    this.mail = mail;
    this.words = words;
    this.audit = audit;
    this.reads = reads;
    this.dataSource = dataSource;
    this.clock = clock.orElse(Clock.systemUTC());
    this.lettersPerBatch = lettersPerBatch;
  }

  /** One sending: by whom, of which incident, how far apart the emails, where the letters go. */
  record Run(Actor actor, Incident.Header incident, Duration spacing, Path letters) {
    IncidentId id() {
      return incident.id();
    }
  }

  Notices.Outcome send(Run run, Notices.Progress progress) {
    try (Connection lock = dataSource.getConnection()) {
      if (!advisoryLock(lock, "pg_try_advisory_lock", run.id())) {
        throw new VigieException(
            ProblemCode.NOTICES_BUSY, "incident " + run.id() + ": another sender holds it");
      }
      try {
        int released = outbox.releaseClaims(run.id());
        unreachable(run);
        int emailed = emails(run, progress);
        while (outbox.batchLetters(run.id(), lettersPerBatch, clock.instant()).isPresent()) {
          // one batch per transaction, until no letter waits
        }
        List<Path> files = new ArrayList<>();
        int letters = 0;
        unreachable(run);
        for (NoticeOutbox.Batch batch : outbox.unprinted(run.id())) {
          Printed printed = print(run, batch);
          files.add(printed.file());
          letters += printed.letters();
          progress.advanced(outbox.status(run.id()));
        }
        return new Notices.Outcome(released, emailed, letters, files, outbox.status(run.id()));
      } finally {
        advisoryLock(lock, "pg_advisory_unlock", run.id());
      }
    } catch (SQLException e) {
      throw new IllegalStateException("the notices' sending lock: " + e.getSQLState(), e);
    }
  }

  private int emails(Run run, Notices.Progress progress) {
    int emailed = 0;
    long nextAt = System.nanoTime();
    long reportedAt = nextAt;
    while (true) {
      pause(nextAt - System.nanoTime());
      Optional<NoticeOutbox.Due> claimed = outbox.claim(run.id(), clock.instant());
      if (claimed.isEmpty()) {
        progress.advanced(outbox.status(run.id()));
        return emailed;
      }
      nextAt = System.nanoTime() + run.spacing().toNanos();
      NoticeOutbox.Due due = claimed.get();
      Optional<PersonView> contact = contact(run, due);
      if (contact.isEmpty()) {
        continue;
      }
      String email = contact.get().fields().getOrDefault(PersonField.EMAIL, "");
      if (email.isBlank()) {
        outbox.letterDue(run.id(), due, clock.instant());
        continue;
      }
      String body = words.body(due);
      try {
        mail.send(email, due.messageId(), NoticeText.subject(due.complementary()), body);
      } catch (VigieException refused) {
        outbox.unclaim(run.id(), due);
        throw refused;
      }
      outbox.sent(run.id(), due, clock.instant());
      audit.append(
          run.actor(), "NOTICE.EMAIL", run.id(), due.person(), due.fields(), AuditDecision.ALLOW);
      emailed++;
      if (System.nanoTime() - reportedAt > PROGRESS_EVERY.toNanos()) {
        progress.advanced(outbox.status(run.id()));
        reportedAt = System.nanoTime();
      }
    }
  }

  /** How often progress is counted: a count reads every notice of the incident. */
  private static final Duration PROGRESS_EVERY = Duration.ofSeconds(5);

  /** A written batch: its file and how many letters it holds. */
  private record Printed(Path file, int letters) {}

  /**
   * Writes a batch's PDF. A person of the batch erased since it was made leaves it (ERASED) and the
   * batch is read again, so that the file holds exactly the letters marked printed.
   */
  private Printed print(Run run, NoticeOutbox.Batch batch) {
    List<NoticeOutbox.Due> dues = batch.letters();
    List<NoticeLetters.Letter> letters = new ArrayList<>();
    for (NoticeOutbox.Due due : dues) {
      Optional<PersonView> contact = contact(run, due);
      if (contact.isEmpty()) {
        return print(run, outbox.batch(batch.id(), batch.seq()));
      }
      letters.add(letter(contact.get(), words.body(due)));
    }
    String name = NoticeLetters.fileName(run.incident().reference(), batch.seq());
    Path file = NoticeLetters.write(run.letters(), name, letters);
    outbox.printed(batch.id(), name, clock.instant());
    for (NoticeOutbox.Due due : dues) {
      audit.append(
          run.actor(), "NOTICE.LETTER", run.id(), due.person(), due.fields(), AuditDecision.ALLOW);
    }
    return new Printed(file, dues.size());
  }

  /**
   * The contact through the one read path, for {@link Purpose#BREACH_NOTICE}; over the notices'
   * ceilings, waits as long as the refusal says and asks again. Empty when the person was erased
   * meanwhile: their notices are then ended as ERASED ({@link #unreachable}).
   */
  private Optional<PersonView> contact(Run run, NoticeOutbox.Due due) {
    while (true) {
      try {
        return Optional.of(
            reads.read(run.actor(), due.person(), Purpose.BREACH_NOTICE, Optional.empty()));
      } catch (VigieException e) {
        if (e.code() == ProblemCode.PERSON_ERASED) {
          unreachable(run);
          return Optional.empty();
        }
        if (e.code() != ProblemCode.CEILING_REACHED) {
          throw e;
        }
        pause(e.retryAfter().orElse(Duration.ofSeconds(10)).toNanos());
      }
    }
  }

  /**
   * Ends the notices of persons crypto-shredded before their notice went out: nothing can reach
   * them, and a notice left waiting would stop every later run at that person. Each is audited
   * ({@code NOTICE.ERASED}: the person's id and the fields it would have named).
   */
  private void unreachable(Run run) {
    for (NoticeOutbox.Due due : outbox.erased(run.id(), clock.instant())) {
      audit.append(
          run.actor(), "NOTICE.ERASED", run.id(), due.person(), due.fields(), AuditDecision.ALLOW);
    }
  }

  /** A letter's address block, from the fields the notice's read returned. */
  static NoticeLetters.Letter letter(PersonView contact, String body) {
    String first = contact.fields().getOrDefault(PersonField.FIRST_NAMES, "");
    String usual = contact.fields().getOrDefault(PersonField.USUAL_NAME, "");
    String name =
        usual.isBlank() ? contact.fields().getOrDefault(PersonField.BIRTH_NAME, "") : usual;
    String address = contact.fields().getOrDefault(PersonField.ADDRESS, "").replace(", ", "\n");
    return new NoticeLetters.Letter((first + " " + name).strip(), address, body);
  }

  private static boolean advisoryLock(Connection connection, String function, IncidentId id)
      throws SQLException {
    // The function name is one of two constants above; the key is bound.
    try (PreparedStatement statement =
        connection.prepareStatement("select " + function + "(hashtextextended(?, 34))")) {
      statement.setString(1, id.value().toString());
      try (ResultSet row = statement.executeQuery()) {
        return row.next() && row.getBoolean(1);
      }
    }
  }

  private static void pause(long nanos) {
    if (nanos <= 0) {
      return;
    }
    try {
      Thread.sleep(Duration.ofNanos(nanos));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("the notices' sending was interrupted", e);
    }
  }
}
