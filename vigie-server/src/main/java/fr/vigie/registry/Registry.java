package fr.vigie.registry;

import fr.vigie.ProblemCode;
import fr.vigie.VigieException;
import fr.vigie.crypto.FieldCipher;
import fr.vigie.crypto.KeyRing;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.Period;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.Set;
import javax.sql.DataSource;
import org.springframework.stereotype.Service;

/**
 * The registry feature's entry point: imports persons, erases them (crypto-shredding), applies
 * retention, and rewraps their data keys after a key rotation.
 *
 * <p>Reading a person's plaintext is not offered here to other features: it goes through the one
 * read path (guard, policy, ceilings, decrypt, audit, event) that the access feature builds on
 * {@link #decrypt}, which stays package-private.
 */
@Service
public class Registry {
  private static final int ERASE_BATCH = 1_000;

  private final PersonStore store;
  private final PersonSealer sealer;
  private final FieldCipher cipher;
  private final Period retention;
  private volatile ImportObserver importObserver = ImportObserver.NONE;

  @org.springframework.beans.factory.annotation.Autowired
  Registry(
      DataSource dataSource,
      KeyRing keys,
      @org.springframework.beans.factory.annotation.Value("${vigie.retention.period:P20Y}")
          Period retention) {
    this.retention = retention;
    this.store = new PersonStore(dataSource);
    this.cipher = keys.fieldCipher();
    this.sealer = new PersonSealer(keys.fieldCipher(), keys.blindIndex());
  }

  /** A registry with the default retention period of 20 years. */
  Registry(DataSource dataSource, KeyRing keys) {
    this(dataSource, keys, Period.ofYears(20));
  }

  /** Tells {@code observer} of every import from now on (the metrics). */
  public void observeImports(ImportObserver observer) {
    this.importObserver = java.util.Objects.requireNonNull(observer, "observer is null");
  }

  /**
   * Runs {@code run} with {@code progress} and the observer both told, and the observer the end.
   */
  private ImportReport observed(ImportProgress progress, ImportRun run) throws SQLException {
    ImportObserver observer = importObserver;
    ImportProgress watched = observer.started();
    ImportReport report = null;
    try {
      report =
          run.run(
              (persons, done, total) -> {
                progress.advanced(persons, done, total);
                watched.advanced(persons, done, total);
              });
      return report;
    } finally {
      observer.finished(report);
    }
  }

  /** One import, told how it advances. */
  private interface ImportRun {
    ImportReport run(ImportProgress progress) throws SQLException;
  }

  /**
   * Imports a CSV file in the {@link PersonCsv} format. Bad rows go to the reject file and never
   * stop the good ones; running it again changes nothing.
   */
  public ImportReport importPersons(Path file, ImportOptions options, ImportProgress progress) {
    if (!Files.isRegularFile(file)) {
      throw new VigieException(ProblemCode.IMPORT_FILE_INVALID, "no such file: " + file);
    }
    Path rejectPath =
        options.rejectFile() != null
            ? options.rejectFile()
            : file.resolveSibling(file.getFileName() + ".rejects.csv");
    try (CsvBatches batches = new CsvBatches(file, options.batchSize());
        RejectFile rejects = new RejectFile(rejectPath)) {
      Files.deleteIfExists(rejectPath);
      long size = Files.size(file);
      return observed(progress, both -> newImport().run(batches, size, options, rejects, both));
    } catch (NoSuchFileException e) {
      throw new VigieException(ProblemCode.IMPORT_FILE_INVALID, "no such file: " + file);
    } catch (IOException e) {
      throw new UncheckedIOException("could not read the import file", e);
    } catch (SQLException e) {
      throw new IllegalStateException("import: database error " + e.getSQLState(), e);
    }
  }

  /** Imports records that are already validated, such as the generated demo agency. */
  public ImportReport importRecords(
      Iterator<PersonRecord> persons, long count, ImportOptions options, ImportProgress progress) {
    Iterator<PersonImport.Batch> batches =
        new Iterator<>() {
          long line;

          @Override
          public boolean hasNext() {
            return persons.hasNext();
          }

          @Override
          public PersonImport.Batch next() {
            if (!hasNext()) {
              throw new NoSuchElementException();
            }
            List<PersonImport.Candidate> rows = new ArrayList<>(options.batchSize());
            while (rows.size() < options.batchSize() && persons.hasNext()) {
              rows.add(new PersonImport.Ready(++line, persons.next()));
            }
            return new PersonImport.Batch(rows, line);
          }
        };
    // Records from memory have no file to correct: rejects are counted, not written.
    try (RejectFile rejects = new RejectFile(options.rejectFile())) {
      return observed(progress, both -> newImport().run(batches, count, options, rejects, both));
    } catch (SQLException e) {
      throw new IllegalStateException("import: database error " + e.getSQLState(), e);
    }
  }

  /** Crypto-shreds a person; false when there was no such person or it was erased already. */
  public boolean erase(PersonId id) {
    try (Connection c = store.connection()) {
      return store.erase(c, id);
    } catch (SQLException e) {
      throw new IllegalStateException("erase: database error " + e.getSQLState(), e);
    }
  }

  /**
   * Erases every person whose last registration ended more than {@code retention} before {@code
   * today}, in batches of {@value #ERASE_BATCH}, and returns how many.
   */
  public long eraseExpired(Period retention, LocalDate today) {
    LocalDate cutoff = today.minus(retention);
    long erased = 0;
    try (Connection c = store.connection()) {
      c.setAutoCommit(false);
      while (true) {
        List<PersonId> batch = store.endedBefore(c, cutoff, ERASE_BATCH);
        for (PersonId id : batch) {
          if (store.erase(c, id)) {
            erased++;
          }
        }
        c.commit();
        if (batch.size() < ERASE_BATCH) {
          return erased;
        }
      }
    } catch (SQLException e) {
      throw new IllegalStateException("retention: database error " + e.getSQLState(), e);
    }
  }

  /**
   * Rewraps, under the current key-encryption key, every data key that an older one wrapped, in
   * small transactions, while the service runs. Returns how many were rewrapped.
   */
  public long rewrapDataKeys(ImportProgress progress) {
    long current = cipher.currentKekId();
    long done = 0;
    try (Connection c = store.connection()) {
      c.setAutoCommit(false);
      while (true) {
        List<PersonStore.WrappedKey> batch = store.wrappedByOtherThan(c, current, ERASE_BATCH);
        List<PersonStore.WrappedKey> rewrapped = new ArrayList<>(batch.size());
        for (PersonStore.WrappedKey key : batch) {
          FieldCipher.Rewrapped fresh = cipher.rewrap(key.id().toString(), key.wrapped());
          rewrapped.add(new PersonStore.WrappedKey(key.id(), fresh.wrapped()));
        }
        store.rewrap(c, rewrapped, current);
        c.commit();
        done += batch.size();
        progress.advanced(done, done, -1);
        if (batch.size() < ERASE_BATCH) {
          return done;
        }
      }
    } catch (SQLException e) {
      throw new IllegalStateException("rewrap: database error " + e.getSQLState(), e);
    } catch (GeneralSecurityException e) {
      throw new VigieException(ProblemCode.KEY_UNAVAILABLE, "rewrap: a data key did not unwrap", e);
    }
  }

  /** Persons in the register, erased ones excepted. */
  public long count() {
    try {
      return store.countLive();
    } catch (SQLException e) {
      throw new IllegalStateException("count: database error " + e.getSQLState(), e);
    }
  }

  /**
   * The pseudonymous id of the person with this identifier. It reveals no field; the access feature
   * wraps searches in the policy.
   */
  public Optional<PersonId> findByIdentifier(FranceTravailId identifier) {
    try {
      List<PersonId> found =
          store.find(PersonStore.Lookup.IDENTIFIER, sealer.identifierIndex(identifier), 1);
      return found.stream().findFirst();
    } catch (SQLException e) {
      throw new IllegalStateException("lookup: database error " + e.getSQLState(), e);
    } catch (GeneralSecurityException e) {
      throw new VigieException(ProblemCode.KEY_UNAVAILABLE, "lookup: blind index key failed", e);
    }
  }

  List<PersonId> findByNir(Nir nir, int limit) {
    try {
      return store.find(PersonStore.Lookup.NIR, sealer.nirIndex(nir), limit);
    } catch (SQLException e) {
      throw new IllegalStateException("lookup: database error " + e.getSQLState(), e);
    } catch (GeneralSecurityException e) {
      throw new VigieException(ProblemCode.KEY_UNAVAILABLE, "lookup: blind index key failed", e);
    }
  }

  List<PersonId> findByEmail(String email, int limit) {
    try {
      return store.find(PersonStore.Lookup.EMAIL, sealer.emailIndex(email), limit);
    } catch (SQLException e) {
      throw new IllegalStateException("lookup: database error " + e.getSQLState(), e);
    } catch (GeneralSecurityException e) {
      throw new VigieException(ProblemCode.KEY_UNAVAILABLE, "lookup: blind index key failed", e);
    }
  }

  List<PersonId> findByNameAndBirthDate(String lastName, LocalDate birthDate, int limit) {
    try {
      return store.find(
          PersonStore.Lookup.NAME_BIRTH, sealer.nameBirthIndex(lastName, birthDate), limit);
    } catch (SQLException e) {
      throw new IllegalStateException("lookup: database error " + e.getSQLState(), e);
    } catch (GeneralSecurityException e) {
      throw new VigieException(ProblemCode.KEY_UNAVAILABLE, "lookup: blind index key failed", e);
    }
  }

  /** The fields an update may change; the others are fixed by the civil record or the import. */
  public static final Set<PersonField> UPDATABLE =
      java.util.Collections.unmodifiableSet(
          java.util.EnumSet.of(
              PersonField.USUAL_NAME,
              PersonField.EMAIL,
              PersonField.PHONE,
              PersonField.ADDRESS,
              PersonField.CATEGORY,
              PersonField.LEFT_ON));

  /**
   * Decrypts the given fields of one person from the row the read path selected with its facts, for
   * the one read path ({@code fr.vigie.access.PersonReads}) and nothing else: a test fails when any
   * other class calls it. Every read of personal data takes that path: guard, policy, ceilings,
   * this, audit, event.
   */
  public EnumMap<PersonField, String> decryptForReadPath(
      PersonId id, SealedRow row, Set<PersonField> fields) {
    return open(id, row, fields);
  }

  private EnumMap<PersonField, String> open(PersonId id, SealedRow row, Set<PersonField> fields) {
    if (row.erased()) {
      throw new VigieException(ProblemCode.PERSON_ERASED, "person " + id + " was erased");
    }
    try {
      return sealer.unseal(id, row.wrappedKey(), row.ciphertexts(fields));
    } catch (GeneralSecurityException e) {
      throw new VigieException(ProblemCode.KEY_UNAVAILABLE, "read: a key did not open", e);
    }
  }

  /**
   * Changes some fields of one person, for the one read path, which checked the policy: the new
   * record is validated as an import row would be, the changed fields are encrypted under the
   * person's data key, and the blind indexes and digest follow.
   */
  public void updateForReadPath(PersonId id, java.util.Map<PersonField, String> changes) {
    for (PersonField field : changes.keySet()) {
      if (!UPDATABLE.contains(field)) {
        throw new VigieException(
            ProblemCode.FIELD_INVALID, field.column() + ": cannot be changed by an update");
      }
    }
    try (Connection c = store.connection()) {
      c.setAutoCommit(false);
      PersonStore.Locked locked =
          store
              .lockForUpdate(c, id)
              .orElseThrow(
                  () -> new VigieException(ProblemCode.PERSON_NOT_FOUND, "no person " + id));
      EnumMap<PersonField, String> values =
          sealer.unseal(id, locked.wrappedKey(), locked.ciphertexts());
      values.putAll(changes);
      List<String> row = new ArrayList<>();
      for (PersonField field : PersonField.values()) {
        row.add(values.get(field).strip());
      }
      row.add(locked.organization());
      PersonRecord updated = PersonCsv.parse(row);
      PersonSealer.Resealed resealed =
          sealer.reseal(id, locked.wrappedKey(), updated, changes.keySet());
      store.updateFields(c, id, resealed.ciphertexts(), resealed.derived());
      c.commit();
    } catch (SQLException e) {
      throw new IllegalStateException("update: database error " + e.getSQLState(), e);
    } catch (GeneralSecurityException e) {
      throw new VigieException(ProblemCode.KEY_UNAVAILABLE, "update: a key did not open", e);
    }
  }

  /** The blind index of an identifier, for searches; it reveals equality only. */
  public byte[] indexOf(FranceTravailId identifier) {
    return index(() -> sealer.identifierIndex(identifier));
  }

  public byte[] indexOf(Nir nir) {
    return index(() -> sealer.nirIndex(nir));
  }

  public byte[] indexOfEmail(String email) {
    return index(() -> sealer.emailIndex(email));
  }

  public byte[] indexOfNameAndBirthDate(String lastName, LocalDate birthDate) {
    return index(() -> sealer.nameBirthIndex(lastName, birthDate));
  }

  private interface IndexComputation {
    byte[] compute() throws GeneralSecurityException;
  }

  private static byte[] index(IndexComputation computation) {
    try {
      return computation.compute();
    } catch (GeneralSecurityException e) {
      throw new VigieException(ProblemCode.KEY_UNAVAILABLE, "lookup: blind index key failed", e);
    }
  }

  /** Decrypts the given fields of one person, for this package's tests of what is stored. */
  EnumMap<PersonField, String> decrypt(PersonId id, Set<PersonField> fields) {
    try {
      SealedRow row =
          store
              .load(id)
              .orElseThrow(
                  () -> new VigieException(ProblemCode.PERSON_NOT_FOUND, "no person " + id));
      return open(id, row, fields);
    } catch (SQLException e) {
      throw new IllegalStateException("read: database error " + e.getSQLState(), e);
    }
  }

  private PersonImport newImport() throws SQLException {
    // Who left longer ago than the retention period has no place in the online register.
    LocalDate cutoff = LocalDate.now().minus(retention);
    return new PersonImport(store, sealer, store.organizationIds(), cutoff);
  }
}
