package fr.vigie.registry;

import fr.vigie.ProblemCode;
import fr.vigie.VigieException;
import java.security.GeneralSecurityException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The import pipeline. The caller's thread reads rows and cuts them into batches; workers validate,
 * compute blind indexes, look up which identifiers exist, and encrypt; one writer applies the
 * batches in file order, each in one transaction (binary COPY, then updates). A batch commits whole
 * or not at all, and every row is keyed by its identifier, so an import killed at any point and run
 * again ends exactly as one clean run. A later row with the same identifier replaces an earlier
 * one.
 */
final class PersonImport {
  /** A row to import: from a CSV file (validated by a worker) or already a record (the demo). */
  sealed interface Candidate {
    long line();

    List<String> columns();
  }

  record CsvRow(long line, org.apache.commons.csv.CSVRecord record) implements Candidate {
    @Override
    public List<String> columns() {
      return record.toList();
    }
  }

  record Ready(long line, PersonRecord person) implements Candidate {
    @Override
    public List<String> columns() {
      return List.of();
    }
  }

  /** A batch and how far into the input it reaches. */
  record Batch(List<Candidate> rows, long position) {}

  private record Rejected(long line, String reason, List<String> columns) {}

  private record Prepared(
      List<SealedPerson> inserts,
      byte[] insertRows,
      Map<IndexValue, PersonRecord> insertedRecords,
      List<SealedPerson> updates,
      List<Rejected> rejected,
      long read,
      long unchanged,
      long superseded,
      long position) {}

  private final PersonStore store;
  private final PersonSealer sealer;
  private final Map<String, UUID> organizations;
  private final java.time.LocalDate retentionCutoff;

  PersonImport(
      PersonStore store,
      PersonSealer sealer,
      Map<String, UUID> organizations,
      java.time.LocalDate retentionCutoff) {
    this.store = store;
    this.sealer = sealer;
    this.organizations = organizations;
    this.retentionCutoff = retentionCutoff;
  }

  /** Counters the writer keeps. */
  private static final class Totals {
    long read;
    long inserted;
    long updated;
    long unchanged;
    long superseded;
  }

  ImportReport run(
      Iterator<Batch> batches,
      long total,
      ImportOptions options,
      RejectFile rejects,
      ImportProgress progress)
      throws SQLException {
    long started = System.nanoTime();
    ExecutorService workers =
        Executors.newFixedThreadPool(options.workers(), named("import-worker"));
    ExecutorService writerThread = Executors.newSingleThreadExecutor(named("import-writer"));
    BlockingQueue<Future<Prepared>> inFlight = new ArrayBlockingQueue<>(options.workers() * 2);
    Totals totals = new Totals();
    try (Connection connection = store.connection()) {
      connection.setAutoCommit(false);
      store.prepareStaging(connection);
      connection.commit();
      CompletableFuture<Void> writer =
          CompletableFuture.runAsync(
              () -> write(connection, inFlight, totals, rejects, progress, total), writerThread);
      RuntimeException readFailure = null;
      try {
        while (batches.hasNext() && !writer.isDone()) {
          Batch batch = batches.next();
          enqueue(inFlight, workers.submit(() -> prepare(batch)), writer);
        }
      } catch (RuntimeException e) {
        // A malformed file: what came before it is still written, then the failure is reported.
        readFailure = e;
      }
      enqueue(inFlight, CompletableFuture.completedFuture(null), writer);
      try {
        writer.join();
      } catch (java.util.concurrent.CompletionException e) {
        throw unwrap(e.getCause());
      }
      if (readFailure != null) {
        throw readFailure;
      }
    } finally {
      workers.shutdownNow();
      writerThread.shutdownNow();
    }
    return new ImportReport(
        totals.read,
        totals.inserted,
        totals.updated,
        totals.unchanged,
        totals.superseded,
        rejects.count(),
        rejects.pathIfWritten(),
        rejects.reasons(),
        java.time.Duration.ofNanos(System.nanoTime() - started));
  }

  private static void enqueue(
      BlockingQueue<Future<Prepared>> inFlight,
      Future<Prepared> batch,
      CompletableFuture<?> writer) {
    try {
      while (!inFlight.offer(batch, 100, java.util.concurrent.TimeUnit.MILLISECONDS)) {
        if (writer.isDone()) {
          return; // The writer failed; its exception is reported by the caller.
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("import interrupted", e);
    }
  }

  private void write(
      Connection connection,
      BlockingQueue<Future<Prepared>> inFlight,
      Totals totals,
      RejectFile rejects,
      ImportProgress progress,
      long total) {
    try {
      while (true) {
        Prepared batch = inFlight.take().get();
        if (batch == null) {
          return;
        }
        apply(connection, batch, totals);
        connection.commit();
        // Rejects are written once their batch is settled, in line order.
        for (Rejected r : batch.rejected()) {
          rejects.reject(r.line(), r.reason(), r.columns());
        }
        totals.read += batch.read();
        progress.advanced(totals.read, batch.position(), total);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("import writer interrupted", e);
    } catch (ExecutionException e) {
      throw unwrap(e.getCause());
    } catch (SQLException | GeneralSecurityException e) {
      rollbackQuietly(connection);
      throw unwrap(e);
    }
  }

  private void apply(Connection connection, Prepared batch, Totals totals)
      throws SQLException, GeneralSecurityException {
    Set<IndexValue> already = store.insert(connection, batch.inserts(), batch.insertRows());
    List<SealedPerson> updates = new ArrayList<>(batch.updates());
    long unchanged = batch.unchanged();
    if (!already.isEmpty()) {
      // Inserted meanwhile by an earlier batch of this file or by another process.
      Map<IndexValue, PersonStore.Existing> existing =
          store.existing(connection, List.copyOf(already));
      for (IndexValue identifier : already) {
        PersonRecord person = batch.insertedRecords().get(identifier);
        PersonStore.Existing found = existing.get(identifier);
        byte[] digest = sealer.rowDigest(person);
        if (java.util.Arrays.equals(digest, found.rowDigest())) {
          unchanged++;
        } else {
          updates.add(
              sealer.seal(found.id(), person, organizations.get(person.organization()), digest));
        }
      }
    }
    store.update(connection, updates);
    totals.inserted += batch.inserts().size() - already.size();
    totals.updated += updates.size();
    totals.unchanged += unchanged;
    totals.superseded += batch.superseded();
  }

  /** Validation, blind indexes, existence and encryption of one batch: the parallel part. */
  private Prepared prepare(Batch batch) throws SQLException, GeneralSecurityException {
    List<Rejected> rejected = new ArrayList<>();
    Map<IndexValue, PersonRecord> byIdentifier = new LinkedHashMap<>();
    long superseded = 0;
    for (Candidate row : batch.rows()) {
      PersonRecord person;
      try {
        person = parsed(row);
      } catch (VigieException e) {
        rejected.add(new Rejected(row.line(), e.getMessage(), row.columns()));
        continue;
      }
      if (!organizations.containsKey(person.organization())) {
        rejected.add(
            new Rejected(row.line(), "organization: no organization has this code", row.columns()));
        continue;
      }
      if (person.leftOn() != null && person.leftOn().isBefore(retentionCutoff)) {
        rejected.add(
            new Rejected(
                row.line(),
                "left_on: the registration ended longer ago than the retention period",
                row.columns()));
        continue;
      }
      if (byIdentifier.put(new IndexValue(sealer.identifierIndex(person.identifier())), person)
          != null) {
        superseded++;
      }
    }
    Map<IndexValue, PersonStore.Existing> existing;
    try (Connection connection = store.connection()) {
      existing = store.existing(connection, List.copyOf(byIdentifier.keySet()));
    }
    List<SealedPerson> inserts = new ArrayList<>();
    Map<IndexValue, PersonRecord> insertedRecords = new HashMap<>();
    List<SealedPerson> updates = new ArrayList<>();
    long unchanged = 0;
    for (var entry : byIdentifier.entrySet()) {
      PersonRecord person = entry.getValue();
      byte[] digest = sealer.rowDigest(person);
      UUID organization = organizations.get(person.organization());
      PersonStore.Existing found = existing.get(entry.getKey());
      if (found == null) {
        inserts.add(
            sealer.seal(PersonId.newId(), person, organization, digest, entry.getKey().bytes()));
        insertedRecords.put(entry.getKey(), person);
      } else if (java.util.Arrays.equals(digest, found.rowDigest())) {
        unchanged++;
      } else {
        updates.add(sealer.seal(found.id(), person, organization, digest, entry.getKey().bytes()));
      }
    }
    return new Prepared(
        inserts,
        PersonStore.copyRows(inserts, store.now()),
        insertedRecords,
        updates,
        rejected,
        batch.rows().size(),
        unchanged,
        superseded,
        batch.position());
  }

  private static PersonRecord parsed(Candidate row) {
    return switch (row) {
      case Ready ready -> ready.person();
      case CsvRow csv -> PersonCsv.parse(csv.record());
    };
  }

  private static RuntimeException unwrap(Throwable e) {
    if (e instanceof java.util.concurrent.CompletionException || e instanceof ExecutionException) {
      return unwrap(e.getCause());
    }
    if (e instanceof RuntimeException runtime) {
      return runtime;
    }
    if (e instanceof GeneralSecurityException) {
      return new VigieException(ProblemCode.CRYPTO_FAILURE, "import: encryption failed", e);
    }
    return new IllegalStateException("import failed: " + e.getClass().getSimpleName(), e);
  }

  private static void rollbackQuietly(Connection connection) {
    try {
      connection.rollback();
    } catch (SQLException ignored) {
      // The connection is going away; the open transaction dies with it.
    }
  }

  private static java.util.concurrent.ThreadFactory named(String name) {
    return Thread.ofPlatform().name(name + "-", 1).daemon(true).factory();
  }
}
