package fr.vigie.breach;

import static java.util.Objects.requireNonNull;

import fr.vigie.ProblemCode;
import fr.vigie.VigieException;
import fr.vigie.access.Actor;
import fr.vigie.audit.AuditDecision;
import fr.vigie.identity.ContainmentState;
import fr.vigie.identity.Role;
import fr.vigie.identity.Scopes;
import fr.vigie.registry.PersonId;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;

/**
 * The notices of GDPR article 34 to the persons an incident touched, and the record of those sent.
 *
 * <p>For the DPO: {@link #prepare} puts one notice per (incident, person) in the outbox, once;
 * {@link #send} sends them, email first, a letter for a person with no email address, throttled and
 * resumable (see {@link NoticeSender} for what "exactly once" means across a crash).
 *
 * <p>For the person's space: {@link #sentTo} lists the notices that went out to one person, with
 * their words ({@link Sent#text}). It checks nothing: the caller shows a person their own.
 */
@Service
public class Notices implements PersonNotices {
  private final Incidents incidents;
  private final NoticeOutbox outbox;
  private final NoticeSender sender;
  private final NoticeAudit audit;
  private final NoticeWords words;
  private final Clock clock;
  private final Duration confirmationWait;

  Notices(
      Incidents incidents,
      NoticeOutbox outbox,
      NoticeSender sender,
      NoticeAudit audit,
      NoticeWords words,
      Optional<Clock> clock,
      @Value("${vigie.breach.notice.confirmation-wait:PT5M}") Duration confirmationWait) {
    this.incidents = incidents;
    this.outbox = outbox;
    this.sender = sender;
    this.audit = audit;
    this.words = words;
    this.clock = clock.orElse(Clock.systemUTC());
    this.confirmationWait = confirmationWait;
  }

  /** How the notice reached the person. */
  public enum Channel {
    EMAIL,
    LETTER
  }

  /**
   * One notice that went out to a person: the incident, when (the SMTP server accepted the email,
   * or the letter's batch was printed), the fields it named, the period, the channel; {@code
   * complementary}: a later notice naming the fields a widened scope added to an earlier one.
   */
  public record Sent(
      IncidentId incident,
      String reference,
      Instant at,
      List<String> fields,
      Instant firstAt,
      Instant lastAt,
      Channel channel,
      boolean complementary) {
    public Sent {
      fields = List.copyOf(fields);
    }
  }

  /**
   * The outbox of an incident, by state; {@code retried}: notices claimed more than once; {@code
   * erased}: notices that cannot go out because their person was crypto-shredded (by retention)
   * before they did, so that person was not told.
   */
  public record Status(
      long pending,
      long claimed,
      long emailed,
      long lettersWaiting,
      long printed,
      long retried,
      long erased) {
    /** Notices that went out, by email or in a printed batch. */
    public long done() {
      return emailed + printed;
    }
  }

  /** What one sending did. */
  public record Outcome(
      int released, int emailed, int letters, List<Path> batches, Status status) {}

  /** Where a sending is: printed by the command line, counts only. */
  @FunctionalInterface
  public interface Progress {
    void advanced(Status status);

    Progress NONE = status -> {};
  }

  /**
   * Puts in the outbox, for each of the incident's persons, a notice of the fields no earlier
   * notice named: the first notice of a person new to it, a complementary notice of the new fields
   * only for a person a widened scope found more about. Returns how many were added now; none when
   * nothing changed since the last call.
   */
  public int prepare(Actor actor, IncidentId incident) {
    return prepare(actor, incident, confirmationWait);
  }

  /** The same, waiting at most {@code wait} for the scopes' completeness (a page waits less). */
  public int prepare(Actor actor, IncidentId incident, Duration wait) {
    dpo(actor, "NOTICE.PREPARE", incident);
    confirmed(actor, "NOTICE.PREPARE", incident, wait);
    int added = outbox.prepare(incident, clock.instant());
    recorded(actor, "NOTICE.PREPARE", incident);
    return added;
  }

  /**
   * Sends the incident's notices as {@code actor}, the DPO: emails at {@code perSecond} at most,
   * then the letters into PDF batches under {@code letters}. Resumes where a stopped or killed run
   * left off; refuses while another run of the same incident is alive.
   */
  public Outcome send(
      Actor actor, IncidentId incident, double perSecond, Path letters, Progress progress) {
    requireNonNull(letters, "letters is null");
    requireNonNull(progress, "progress is null");
    if (!(perSecond > 0)) {
      throw new VigieException(ProblemCode.FIELD_INVALID, "per-second: must be positive");
    }
    dpo(actor, "NOTICE.SEND", incident);
    Incident.Header header = confirmed(actor, "NOTICE.SEND", incident, confirmationWait).header();
    recorded(actor, "NOTICE.SEND", incident);
    return sender.send(
        new NoticeSender.Run(actor, header, Duration.ofNanos((long) (1e9 / perSecond)), letters),
        progress);
  }

  /** The outbox of an incident, by state. */
  public Status status(Actor actor, IncidentId incident) {
    dpo(actor, "NOTICE.STATUS", incident);
    return outbox.status(incident);
  }

  /** The notices that went out to {@code person}, oldest first: for the person's own space. */
  public List<Sent> sentTo(PersonId person) {
    return outbox.sentTo(requireNonNull(person, "person is null"));
  }

  /** The notices {@code person} received, newest first, with their words, for their space. */
  @Override
  public List<Notice> of(PersonId person) {
    return sentTo(person).stream()
        .sorted(java.util.Comparator.comparing(Sent::at).reversed())
        .map(
            sent ->
                new Notice(
                    sent.at(), sent.channel().name(), sent.reference(), sent.fields(), text(sent)))
        .toList();
  }

  /** The words of a notice, as the email, the letter and the person's space show them. */
  public String text(Sent notice) {
    return words.body(notice.fields(), notice.firstAt(), notice.lastAt(), notice.complementary());
  }

  /**
   * The incident once every scope of it is confirmed complete. An indexed scope answers first and
   * the walk of its window confirms it after: a person the walk would add must not be left out of a
   * sending that the outbox then counts as done, so the notices wait for the walk (at most {@code
   * vigie.breach.notice.confirmation-wait}), and are refused, audited, when it failed or is still
   * running.
   */
  private Incident confirmed(Actor actor, String what, IncidentId id, Duration wait) {
    long deadline = System.nanoTime() + wait.toNanos();
    while (true) {
      Incident incident = incidents.incident(id);
      Optional<Incident.ScopeRecord> open =
          incident.scopes().stream()
              .filter(s -> s.completeness().state() != Incident.Completeness.State.CONFIRMED)
              .min(
                  java.util.Comparator.comparing(
                      (Incident.ScopeRecord s) ->
                          s.completeness().state() != Incident.Completeness.State.FAILED));
      if (open.isEmpty()) {
        return incident;
      }
      Incident.ScopeRecord scope = open.get();
      boolean failed = scope.completeness().state() == Incident.Completeness.State.FAILED;
      if (failed || System.nanoTime() >= deadline) {
        audit.append(actor, what, id, null, List.of(), AuditDecision.DENY);
        throw failed
            ? new VigieException(
                ProblemCode.SCOPE_NOT_CONFIRMED,
                "scope "
                    + scope.seq()
                    + ": the check of its completeness failed ("
                    + scope.completeness().detail()
                    + "); scope the incident again before notifying the persons")
            : new VigieException(
                ProblemCode.SCOPE_NOT_CONFIRMED,
                "scope "
                    + scope.seq()
                    + ": the walk that confirms its completeness is still running; try again",
                Duration.ofSeconds(30));
      }
      pause();
    }
  }

  private static void pause() {
    try {
      Thread.sleep(Duration.ofMillis(200));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for a scope's completeness", e);
    }
  }

  /** The controller's DPO, active and unrestricted; a refusal is audited. */
  private void dpo(Actor actor, String what, IncidentId incident) {
    requireNonNull(actor, "actor is null");
    requireNonNull(incident, "incident is null");
    if (actor.role() != Role.DPO
        || !Scopes.national(actor.organizationKind(), actor.role())
        || actor.restricted()
        || actor.containment() != ContainmentState.ACTIVE) {
      audit.append(actor, what, incident, null, List.of(), AuditDecision.DENY);
      throw new VigieException(ProblemCode.ACCESS_DENIED, "notices: the DPO only");
    }
  }

  private void recorded(Actor actor, String what, IncidentId incident) {
    audit.append(actor, what, incident, null, List.of(), AuditDecision.ALLOW);
  }
}
