package fr.vigie.breach;

import fr.vigie.audit.AuditScan;
import fr.vigie.audit.AuditUnavailableException;
import fr.vigie.audit.ProofException;
import jakarta.annotation.PreDestroy;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * After an indexed scope answered, walks the whole part of the log its window covers (as {@link
 * AuditScan#scan} does: every entry recomputed, every checkpoint on the way) and records whether it
 * selects exactly the entries the index gave. The index answer is sound on its own (each entry
 * proven in the signed tree); this walk is what shows that no entry of the incident's accounts was
 * hidden from the index. One at a time, on a thread of its own, so that the answer does not wait. A
 * walk cut short by a stop is run again at the next start: every scope still PENDING then is
 * checked anew, against the entries its index answer stored.
 */
@Component
class ScopeCompleteness {
  private static final Logger log = LoggerFactory.getLogger(ScopeCompleteness.class);

  private final AuditScan scan;
  private final IncidentStore store;
  private final ExecutorService walker =
      Executors.newSingleThreadExecutor(
          Thread.ofPlatform().name("scope-completeness").daemon().factory());

  ScopeCompleteness(AuditScan scan, IncidentStore store) {
    this.scan = scan;
    this.store = store;
  }

  private final Set<String> queued = ConcurrentHashMap.newKeySet();
  private volatile boolean stopping;

  /** Checks, later, that the scope {@code seq} of {@code id} found every entry it should have. */
  void checkLater(IncidentId id, int seq, AuditScan.Selection selection, Found found) {
    checkLater(id, seq, () -> check(selection, found));
  }

  private void checkLater(IncidentId id, int seq, Supplier<Incident.Completeness> check) {
    String key = id + "/" + seq;
    if (!queued.add(key)) {
      return;
    }
    walker.execute(
        () -> {
          try {
            Incident.Completeness outcome = check.get();
            // A walk cut short by the stop is not an outcome: the next start runs it again.
            if (!stopping) {
              store.completeness(id, seq, outcome);
            }
          } finally {
            queued.remove(key);
          }
        });
  }

  /**
   * Runs again the checks a stop cut short: every scope still PENDING at start. A scope stored
   * before its index answer was kept is compared with what the index gives now, up to the end of
   * the log its answer read.
   */
  @EventListener(ApplicationReadyEvent.class)
  void resumePending() {
    List<IncidentStore.PendingScope> pending = store.pending();
    if (!pending.isEmpty()) {
      log.info("Breach scope: resuming the completeness check of {} scopes", pending.size());
    }
    for (IncidentStore.PendingScope scope : pending) {
      AuditScan.Selection selection = Incidents.selection(scope.scope());
      checkLater(
          scope.incident(),
          scope.seq(),
          () -> {
            Found found = scope.found();
            if (found == null) {
              try {
                found = indexedNow(selection, scope.end());
              } catch (ProofException e) {
                return failed("the index scan failed: " + e.getMessage(), 0);
              }
            }
            return check(selection, found);
          });
    }
  }

  private Found indexedNow(AuditScan.Selection selection, long end) throws ProofException {
    Set<Long> entries = new HashSet<>();
    scan.scanIndexed(
        selection,
        (index, event) -> {
          if (index < end) {
            entries.add(index);
          }
        });
    return new Found(entries, end);
  }

  /** The entries an indexed scope selected, and the size of the log it read. */
  record Found(Set<Long> entries, long logSize) {
    Found {
      entries = Set.copyOf(entries);
    }
  }

  Incident.Completeness check(AuditScan.Selection selection, Found found) {
    long started = System.nanoTime();
    Set<Long> walked = new HashSet<>();
    String failure;
    try {
      // Entries appended after the indexed scope read the log are not its business.
      scan.scan(
          selection,
          (index, event) -> {
            if (index < found.logSize()) {
              walked.add(index);
            }
          });
      failure = difference(found.entries(), walked);
    } catch (ProofException e) {
      failure = "the walk of the window failed: " + e.getMessage();
    } catch (AuditUnavailableException e) {
      failure = "the walk of the window could not read the log";
    }
    double seconds = (System.nanoTime() - started) / 1e9;
    if (failure != null) {
      return failed(failure, seconds);
    }
    return new Incident.Completeness(Incident.Completeness.State.CONFIRMED, null, seconds);
  }

  private static Incident.Completeness failed(String failure, double seconds) {
    log.warn("Breach scope: completeness not confirmed: {}", failure);
    return new Incident.Completeness(Incident.Completeness.State.FAILED, failure, seconds);
  }

  private static String difference(Set<Long> indexed, Set<Long> walked) {
    Set<Long> missed = new HashSet<>(walked);
    missed.removeAll(indexed);
    Set<Long> extra = new HashSet<>(indexed);
    extra.removeAll(walked);
    if (missed.isEmpty() && extra.isEmpty()) {
      return null;
    }
    if (!missed.isEmpty()) {
      return "the index missed "
          + missed.size()
          + " entries of the scope, the first entry "
          + missed.stream().min(Long::compare).orElseThrow()
          + ": declare the scope again and run 'vigie audit verify'";
    }
    return "the index gave "
        + extra.size()
        + " entries the walk did not select, the first entry "
        + extra.stream().min(Long::compare).orElseThrow();
  }

  @PreDestroy
  void stop() {
    stopping = true;
    walker.shutdownNow();
  }
}
