package fr.vigie.audit;

import static java.util.Objects.requireNonNull;

import fr.vigie.crypto.AuditSigner;
import fr.vigie.crypto.KeyRing;
import java.security.GeneralSecurityException;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;

/**
 * The audit feature's entry point: appends events to the tamper-evident log, signs checkpoints at
 * least once a second while it grows, and serves inclusion and consistency proofs.
 *
 * <p>{@link #append} returns only once the entry is durably committed in PostgreSQL, and throws
 * {@link AuditUnavailableException} when it cannot be: the caller must then return nothing.
 */
@Service
public class AuditLog implements SmartLifecycle {
  private static final Logger log = LoggerFactory.getLogger(AuditLog.class);

  private final GroupCommit appender;
  private final Checkpoints checkpoints;
  private final Proofs proofs;
  private final long timeoutNanos;
  private volatile boolean started;

  @Autowired
  AuditLog(
      DataSource dataSource,
      KeyRing keys,
      @Value("${vigie.audit.origin:vigie/audit}") String origin,
      @Value("${vigie.audit.append-timeout:PT5S}") Duration timeout) {
    this(dataSource, keys.auditSigner(), origin, timeout, Clock.systemUTC());
  }

  AuditLog(
      DataSource dataSource, AuditSigner signer, String origin, Duration timeout, Clock clock) {
    AuditStore store = new AuditStore(dataSource);
    this.appender = new GroupCommit(store, signer.publicKey());
    this.checkpoints = new Checkpoints(dataSource, signer, origin, clock);
    this.proofs = new Proofs(store);
    this.timeoutNanos = timeout.toNanos();
  }

  /**
   * Appends one event and returns its index in the log once it is durably committed. Blocks for one
   * group commit (a few milliseconds) and at most {@code vigie.audit.append-timeout}.
   *
   * @throws AuditUnavailableException if the entry could not be committed in time: return nothing
   */
  public long append(AuditEvent event) {
    requireNonNull(event, "event is null");
    return await(submit(event), System.nanoTime() + timeoutNanos);
  }

  /**
   * Appends events, each as by {@link #append}, and returns their indexes in order. Other callers'
   * entries may come between them. If one fails, some of the others may have been written. The time
   * allowed grows by 100 µs per event.
   */
  public long[] appendAll(List<AuditEvent> events) {
    long deadline = System.nanoTime() + timeoutNanos + events.size() * 100_000L;
    List<CompletableFuture<Long>> futures = new ArrayList<>(events.size());
    for (AuditEvent event : events) {
      futures.add(submit(requireNonNull(event, "event is null")));
    }
    long[] indexes = new long[futures.size()];
    for (int i = 0; i < indexes.length; i++) {
      indexes[i] = await(futures.get(i), deadline);
    }
    return indexes;
  }

  /** Tells {@code observer} each append's wait and each batch's size (the metrics). */
  public void observe(AuditObserver observer) {
    appender.observe(requireNonNull(observer, "observer is null"));
  }

  /** The number of entries committed, as this process knows it; -1 before the log is read. */
  public long size() {
    CompactRange tree = appender.committed();
    return tree == null ? -1 : tree.size();
  }

  /** The latest signed checkpoint, if any. */
  public Optional<Checkpoint> latestCheckpoint() {
    try {
      return checkpoints.latest();
    } catch (SQLException e) {
      throw new AuditUnavailableException("the audit checkpoints cannot be read", e);
    }
  }

  /** The log's public key, in the note verifier key form an outside witness configures. */
  public String verifierKey() {
    return checkpoints.verifierKey();
  }

  /** The leaf hash of entry {@code index}. */
  public byte[] leafHash(long index) {
    return proofs.leafHash(index, size());
  }

  /**
   * The inclusion proof of entry {@code index} in the tree of {@code treeSize}, leaf to root.
   * Computed by streaming the stored leaf hashes of the tree once: O(treeSize) for now.
   */
  public List<byte[]> inclusionProof(long index, long treeSize) {
    return proofs.inclusion(index, treeSize, size());
  }

  /** The consistency proof from the tree of {@code size1} to that of {@code size2}: O(size2). */
  public List<byte[]> consistencyProof(long size1, long size2) {
    return proofs.consistency(size1, size2, size());
  }

  /** Signs a checkpoint if the log grew since the last one. */
  @Scheduled(
      fixedDelayString = "${vigie.audit.checkpoint-interval:PT1S}",
      initialDelayString = "${vigie.audit.checkpoint-interval:PT1S}")
  void checkpoint() {
    CompactRange tree = appender.committed();
    if (tree == null) {
      return;
    }
    try {
      checkpoints.signIfGrown(tree);
    } catch (SQLException | GeneralSecurityException e) {
      log.warn("Audit log: no checkpoint at size {}: {}", tree.size(), e.toString());
    }
  }

  @Override
  public void start() {
    try {
      appender.recover();
    } catch (SQLException | RuntimeException e) {
      // Appends will fail (closed) and retry the recovery with every batch.
      log.error("Audit log: cannot read the log; appends fail until it can: {}", e.toString());
    }
    appender.start();
    started = true;
    checkpoint();
  }

  @Override
  public void stop() {
    try {
      appender.stop();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    checkpoint();
    started = false;
  }

  @Override
  public boolean isRunning() {
    return started;
  }

  /** Starts before the web server and stops after it, so no request finds the log stopped. */
  @Override
  public int getPhase() {
    return 0;
  }

  private CompletableFuture<Long> submit(AuditEvent event) {
    try {
      return appender.submit(
          AuditEntry.encodeEvent(event),
          event.subject() == null ? null : java.util.UUID.fromString(event.subject()),
          timeoutNanos);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AuditUnavailableException("interrupted while queuing an audit entry");
    }
  }

  private static long await(CompletableFuture<Long> index, long deadline) {
    try {
      return index.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
    } catch (TimeoutException e) {
      // Completing it first tells the appender not to write it: nothing will be returned.
      index.completeExceptionally(e);
      throw new AuditUnavailableException("the audit log did not commit in time", e);
    } catch (ExecutionException e) {
      // A new exception per caller: the batch's failure is shared by all its callers.
      Throwable cause = e.getCause();
      throw new AuditUnavailableException(
          cause instanceof AuditUnavailableException ? cause.getMessage() : "the audit log failed",
          cause);
    } catch (InterruptedException e) {
      index.completeExceptionally(e);
      Thread.currentThread().interrupt();
      throw new AuditUnavailableException("interrupted while waiting for the audit log");
    }
  }
}
