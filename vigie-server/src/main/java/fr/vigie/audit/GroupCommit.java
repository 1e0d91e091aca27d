package fr.vigie.audit;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Group commit: callers enqueue encoded events; one appender thread takes everything pending (up to
 * {@link #MAX_BATCH}), gives the entries consecutive indexes, hashes them, writes them in one
 * transaction, commits, and only then completes the callers' futures. One fsync serves the whole
 * batch, so throughput grows with the number of concurrent callers; and since a caller waits for
 * the whole batch, the batch is written in one round trip when the table ends where this log
 * expects (the lock, the check of the end and the insert, committed at once), which on a busy
 * machine is most of a read's wait.
 */
final class GroupCommit {
  static final int MAX_BATCH = 4096;
  private static final int QUEUE_CAPACITY = 65_536;
  private static final Logger log = LoggerFactory.getLogger(GroupCommit.class);

  /** An encoded event and the future that gets its index once durably committed. */
  record Pending(byte[] event, java.util.UUID subject, CompletableFuture<Long> index) {}

  private final BlockingQueue<Pending> queue = new LinkedBlockingQueue<>(QUEUE_CAPACITY);
  private final AuditStore store;
  private final byte[] publicKey;
  // A new thread at each start: a context can be stopped and started again (Spring's test
  // contexts are paused between uses), and a thread starts only once.
  private Thread thread;
  private volatile boolean running;
  private volatile AuditObserver observer = AuditObserver.NONE;
  private volatile ClockAgreement clocks = new ClockAgreement(AuditObserver.NONE);

  /**
   * The appender thread's own connection, kept between batches so that a batch never waits in the
   * pool's queue behind the requests it would release; null until needed and after a failure.
   */
  private Connection connection;

  /**
   * The tree as last committed; never changed once published (each batch works on a copy). Null
   * until recovered from the table.
   */
  private volatile CompactRange committed;

  /**
   * @param publicKey the log's key, to trust the checkpoint a restart resumes from
   */
  GroupCommit(AuditStore store, byte[] publicKey) {
    this.store = store;
    this.publicKey = publicKey.clone();
  }

  synchronized void start() {
    if (running) {
      return;
    }
    running = true;
    thread = new Thread(this::run, "audit-appender");
    thread.setDaemon(true);
    thread.start();
  }

  /** Stops taking entries, writes those already queued, and waits for the thread. */
  synchronized void stop() throws InterruptedException {
    running = false;
    if (thread != null) {
      thread.join(10_000);
    }
  }

  void observe(AuditObserver observer) {
    this.observer = observer;
    this.clocks = new ClockAgreement(observer);
  }

  CompactRange committed() {
    return committed;
  }

  /** Queues an encoded event; the future completes with its index once committed. */
  CompletableFuture<Long> submit(byte[] event, java.util.UUID subject, long timeoutNanos)
      throws InterruptedException {
    Pending pending = new Pending(event, subject, new CompletableFuture<>());
    long queued = System.nanoTime();
    pending.index().thenRun(() -> observer.appended(System.nanoTime() - queued));
    if (!running) {
      pending
          .index()
          .completeExceptionally(new AuditUnavailableException("the audit log is stopped"));
    } else if (!queue.offer(pending, timeoutNanos, TimeUnit.NANOSECONDS)) {
      pending
          .index()
          .completeExceptionally(
              new AuditUnavailableException("the audit log is not keeping up: its queue is full"));
    }
    return pending.index();
  }

  private void run() {
    List<Pending> batch = new ArrayList<>(MAX_BATCH);
    while (running || !queue.isEmpty()) {
      try {
        Pending first = queue.poll(50, TimeUnit.MILLISECONDS);
        if (first == null) {
          continue;
        }
        batch.add(first);
        queue.drainTo(batch, MAX_BATCH - 1);
        // A caller that gave up returned nothing: there is no access left to record.
        batch.removeIf(p -> p.index().isDone());
        if (!batch.isEmpty()) {
          write(batch);
        }
      } catch (InterruptedException e) {
        running = false;
      } finally {
        batch.clear();
      }
    }
    closeConnection();
    Pending left;
    while ((left = queue.poll()) != null) {
      left.index().completeExceptionally(new AuditUnavailableException("the audit log is stopped"));
    }
  }

  private void write(List<Pending> batch) {
    try {
      CompactRange current = committed;
      CompactRange next = current == null ? null : appendAtEnd(batch, current);
      if (next == null) {
        next = appendAfterCatchUp(batch);
      }
      committed = next;
      long first = next.size() - batch.size();
      for (int i = 0; i < batch.size(); i++) {
        batch.get(i).index().complete(first + i);
      }
      observer.batchWritten(batch.size());
    } catch (SQLException | RuntimeException e) {
      // The connection may be what failed: the next batch takes a fresh one.
      closeConnection();
      // If the commit did happen, the next batch's catch-up finds the rows: the log stays whole.
      log.warn("Audit log: a batch of {} entries was not written: {}", batch.size(), e.toString());
      AuditUnavailableException failure =
          new AuditUnavailableException("the audit log could not be written", e);
      batch.forEach(p -> p.index().completeExceptionally(failure));
    }
  }

  /**
   * The common case, in one round trip: the table ends where this log does. Returns the tree with
   * the batch once committed, or null when the table ends elsewhere and nothing was written.
   */
  private CompactRange appendAtEnd(List<Pending> batch, CompactRange current) throws SQLException {
    CompactRange next = current.copy();
    next.collectNodes();
    EntryRows rows = EntryRows.frame(batch, next);
    if (connection == null) {
      connection = store.connection();
    }
    if (!AuditStore.appendAtEnd(connection, rows)) {
      return null;
    }
    storeNodes(next);
    return next;
  }

  /**
   * The subtree hashes the batch completed, after its entries committed: they only speed up proofs
   * (a missing one is computed again from the leaves), so a failure here fails no entry.
   */
  private void storeNodes(CompactRange tree) {
    try {
      AuditNodes.insert(connection, tree.drainNodes());
    } catch (SQLException e) {
      log.warn("Audit log: subtree hashes not stored: {}", e.toString());
    }
  }

  private void closeConnection() {
    if (connection != null) {
      try {
        connection.close();
      } catch (SQLException e) {
        // Closing a broken connection can fail; it is dropped either way.
      }
      connection = null;
    }
  }

  /**
   * Under the lock, reads what was appended past this log's tree (another process, a commit not
   * confirmed; the whole log after a failed start), then writes the batch after it by binary COPY.
   */
  private CompactRange appendAfterCatchUp(List<Pending> batch) throws SQLException {
    try (Connection c = store.begin()) {
      try {
        long last = AuditStore.lockForAppend(c);
        CompactRange current = committed;
        CompactRange next = current != null ? current.copy() : Recovery.resume(c, publicKey);
        next.collectNodes();
        long latest = AuditStore.catchUp(c, next, last);
        EntryRows rows = EntryRows.frame(batch, next);
        clocks.check(latest, rows.earliest());
        AuditStore.copyIn(c, rows.copy());
        AuditNodes.insert(c, next.drainNodes());
        c.commit();
        return next;
      } catch (SQLException | RuntimeException e) {
        rollbackQuietly(c);
        throw e;
      }
    }
  }

  /** Rebuilds the tree now, on the caller's thread, before the appender starts. */
  void recover() throws SQLException {
    try (Connection c = store.begin()) {
      try {
        long last = AuditStore.lockForAppend(c);
        CompactRange tree = Recovery.resume(c, publicKey);
        AuditStore.catchUp(c, tree, last);
        c.commit();
        committed = tree;
      } catch (SQLException | RuntimeException e) {
        rollbackQuietly(c);
        throw e;
      }
    }
  }

  private static void rollbackQuietly(Connection c) {
    try {
      c.rollback();
    } catch (SQLException e) {
      // The connection is likely gone; the original failure is the one to report.
    }
  }
}
