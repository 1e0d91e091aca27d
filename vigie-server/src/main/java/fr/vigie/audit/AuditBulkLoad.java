package fr.vigie.audit;

import fr.vigie.crypto.AuditSigner;
import fr.vigie.crypto.KeyRing;
import java.security.GeneralSecurityException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.stream.IntStream;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Appends many entries at once, for benchmarks and tests that need a large log: each entry is
 * framed and hashed exactly as the appender does (in parallel over a chunk), the Merkle tree and
 * its stored subtree hashes are computed in Java in order, and the chunks go in by binary COPY on
 * {@code writers} connections at once, while one transaction holds the appenders' lock for the
 * whole load. A checkpoint is signed every {@code checkpointEvery} entries, once every entry it
 * covers is committed. The result is a log that {@code vigie audit verify} accepts, made without
 * waiting for a commit per group. A running appender waits for the lock, then catches up on the
 * loaded leaves, as it does after another process. The actor and organization index columns travel
 * in the COPY stream, read from each entry's bytes; before the load ends, a random sample of its
 * rows is checked against what {@code audit_entry_string} computes from the stored entries. A load
 * that fails part way may leave a gap the verifier names: this is not the appender.
 */
@Component
public class AuditBulkLoad {
  private static final int CHUNK = 20_000;
  private static final int SAMPLE = 1_000;
  private static final String SAMPLE_DISAGREEING =
      "select count(*), count(*) filter (where actor is distinct from audit_entry_string(entry, 2)"
          + " or organization is distinct from audit_entry_string(entry, 4))"
          + " from audit_entry where idx = any(?)";

  private final DataSource dataSource;
  private final AuditSigner signer;
  private final String origin;
  private final int writers;

  @Autowired
  AuditBulkLoad(
      DataSource dataSource,
      KeyRing keys,
      @Value("${vigie.audit.origin:vigie/audit}") String origin,
      @Value("${vigie.audit.bulk-load.writers:2}") int writers) {
    this.dataSource = dataSource;
    this.signer = keys.auditSigner();
    this.origin = origin;
    this.writers = Math.max(1, writers);
  }

  /** The number of entries stored. */
  public long size() {
    try (Connection c = dataSource.getConnection();
        var select = c.prepareStatement("select coalesce(max(idx), -1) + 1 from audit_entry");
        var rows = select.executeQuery()) {
      rows.next();
      return rows.getLong(1);
    } catch (SQLException e) {
      throw new AuditUnavailableException("the audit log cannot be read", e);
    }
  }

  /**
   * Appends the {@code events} at the end of the log and returns the log's size after them.
   *
   * @throws AuditUnavailableException if the log cannot be written
   */
  public long load(Iterator<AuditEvent> events, long checkpointEvery) {
    Checkpoints checkpoints = new Checkpoints(dataSource, signer, origin, Clock.systemUTC());
    ExecutorService pool =
        Executors.newFixedThreadPool(
            writers, Thread.ofPlatform().name("audit-bulk-load-", 0).daemon().factory());
    Semaphore inFlight = new Semaphore(writers * 2);
    List<CompletableFuture<Void>> written = new ArrayList<>();
    try (Connection lock = dataSource.getConnection()) {
      lock.setAutoCommit(false);
      long last = AuditStore.lockForAppend(lock);
      CompactRange tree = Recovery.resume(lock, signer.publicKey());
      tree.collectNodes();
      AuditStore.catchUp(lock, tree, last);
      long first = tree.size();
      long sinceCheckpoint = 0;
      while (events.hasNext()) {
        List<AuditEvent> batch =
            next(events, (int) Math.min(CHUNK, checkpointEvery - sinceCheckpoint));
        inFlight.acquire();
        Chunk chunk = chunk(tree, batch);
        written.add(
            CompletableFuture.runAsync(() -> write(chunk), pool)
                .whenComplete((done, failure) -> inFlight.release()));
        sinceCheckpoint += batch.size();
        if (sinceCheckpoint >= checkpointEvery || !events.hasNext()) {
          // A checkpoint names only entries that are stored.
          settled(written);
          checkpoints.signIfGrown(tree);
          sinceCheckpoint = 0;
        }
      }
      settled(written);
      checkSample(lock, first, tree.size());
      lock.commit();
      return tree.size();
    } catch (SQLException | GeneralSecurityException e) {
      throw new AuditUnavailableException("the audit log could not be loaded", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AuditUnavailableException("the audit log's load was interrupted", e);
    } finally {
      pool.shutdownNow();
    }
  }

  /** One chunk's rows in COPY form and the subtree hashes it completed. */
  private record Chunk(byte[] rows, List<AuditNode> nodes) {}

  private static List<AuditEvent> next(Iterator<AuditEvent> events, int count) {
    List<AuditEvent> batch = new ArrayList<>(count);
    while (batch.size() < count && events.hasNext()) {
      batch.add(events.next());
    }
    return batch;
  }

  /** Frames and hashes the entries in parallel, then grows the tree with them in order. */
  private static Chunk chunk(CompactRange tree, List<AuditEvent> batch) {
    long first = tree.size();
    byte[][] entries = new byte[batch.size()][];
    byte[][] leaves = new byte[batch.size()][];
    IntStream.range(0, batch.size())
        .parallel()
        .forEach(
            n -> {
              entries[n] = AuditEntry.frame(first + n, AuditEntry.encodeEvent(batch.get(n)));
              leaves[n] = MerkleTree.leafHash(entries[n]);
            });
    EntryCopy copy = new EntryCopy(batch.size() * 300);
    for (int n = 0; n < batch.size(); n++) {
      String subject = batch.get(n).subject();
      copy.row(
          first + n,
          AuditEntry.microsOf(entries[n]),
          entries[n],
          leaves[n],
          subject == null ? null : UUID.fromString(subject));
      tree.append(leaves[n]);
    }
    return new Chunk(copy.finish(), tree.drainNodes());
  }

  private void write(Chunk chunk) {
    try (Connection c = dataSource.getConnection()) {
      c.setAutoCommit(false);
      AuditStore.copyIn(c, chunk.rows());
      AuditNodes.insert(c, chunk.nodes());
      c.commit();
    } catch (SQLException e) {
      throw new AuditUnavailableException("the audit log could not be loaded", e);
    }
  }

  /**
   * Checks that the loaded rows of a random sample hold the index columns PostgreSQL's own function
   * reads from their stored entries.
   */
  private static void checkSample(Connection c, long first, long end) throws SQLException {
    if (end <= first) {
      return;
    }
    long[] sample =
        new SplittableRandom()
            .longs(Math.min(SAMPLE, end - first), first, end)
            .distinct()
            .toArray();
    try (PreparedStatement select = c.prepareStatement(SAMPLE_DISAGREEING)) {
      select.setArray(1, c.unwrap(PGConnection.class).createArrayOf("int8", sample));
      try (ResultSet rows = select.executeQuery()) {
        rows.next();
        if (rows.getLong(1) != sample.length || rows.getLong(2) != 0) {
          throw new AuditUnavailableException(
              "the loaded entries' actor or organization columns disagree with their content");
        }
      }
    }
  }

  private static void settled(List<CompletableFuture<Void>> written) {
    try {
      CompletableFuture.allOf(written.toArray(CompletableFuture[]::new)).join();
    } catch (CompletionException e) {
      if (e.getCause() instanceof AuditUnavailableException unavailable) {
        throw unavailable;
      }
      throw e;
    } finally {
      written.removeIf(CompletableFuture::isDone);
    }
  }
}
