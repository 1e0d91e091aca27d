package fr.vigie.console;

import fr.vigie.ProblemCode;
import fr.vigie.VigieException;
import fr.vigie.access.Actor;
import fr.vigie.breach.IncidentId;
import fr.vigie.breach.Notices;
import jakarta.annotation.PreDestroy;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The article 34 sendings the DPO starts from the console: {@link Notices#prepare} then {@link
 * Notices#send}, exactly as {@code vigie breach notify} runs them, on a thread of their own since a
 * sending at the allowed pace outlives the request. Remembers, per incident, how the last sending
 * started here stands; the outbox itself ({@link Notices#status}) is the progress.
 */
@Component
public class NoticeRuns {
  private static final Logger LOG = LoggerFactory.getLogger(NoticeRuns.class);

  /** Where a sending started from this console stands. */
  public enum State {
    RUNNING,
    DONE,
    REFUSED,
    /** Stopped by a failure (the mail server, the database): a new sending resumes it. */
    STOPPED
  }

  /** The last sending of an incident: its state, and the refusal's code if it was refused. */
  public record Run(State state, int emailed, int letters, ProblemCode refusal) {}

  private final Notices notices;
  private final double perSecond;
  private final Path letters;
  private final Map<IncidentId, Run> runs = new ConcurrentHashMap<>();
  private final ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();

  NoticeRuns(
      Notices notices,
      @Value("${vigie.breach.notice.per-second:2}") double perSecond,
      @Value("${vigie.data-dir:data}") Path dataDir) {
    this.notices = notices;
    this.perSecond = perSecond;
    this.letters = dataDir.resolve("letters");
  }

  /**
   * Puts the incident's notices in the outbox and starts sending them as {@code dpo}; returns how
   * many were added. Refused at once if a sending of this incident started here still runs.
   */
  int start(Actor dpo, IncidentId incident) {
    int added = notices.prepare(dpo, incident);
    Run running = new Run(State.RUNNING, 0, 0, null);
    if (runs.compute(incident, (id, last) -> busy(last) ? last : running) != running) {
      throw new VigieException(ProblemCode.NOTICES_BUSY, "a sending of this incident runs");
    }
    threads.execute(() -> runs.put(incident, send(dpo, incident)));
    return added;
  }

  /** The last sending of the incident started here, if any. */
  Optional<Run> last(IncidentId incident) {
    return Optional.ofNullable(runs.get(incident));
  }

  private Run send(Actor dpo, IncidentId incident) {
    try {
      Notices.Outcome outcome =
          notices.send(dpo, incident, perSecond, letters, Notices.Progress.NONE);
      return new Run(State.DONE, outcome.emailed(), outcome.letters(), null);
    } catch (VigieException e) {
      return new Run(State.REFUSED, 0, 0, e.code());
    } catch (RuntimeException e) {
      // The outbox keeps what was done; a rerun resumes. Counts and ids only in the log.
      LOG.warn("notices of incident {}: the sending stopped", incident.value(), e);
      return new Run(State.STOPPED, 0, 0, null);
    }
  }

  private static boolean busy(Run last) {
    return last != null && last.state() == State.RUNNING;
  }

  @PreDestroy
  void stop() {
    threads.shutdownNow();
  }
}
