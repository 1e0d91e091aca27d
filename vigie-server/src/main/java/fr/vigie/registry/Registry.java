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
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
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
  private final Duration grace;
  private final Clock clock;
  private volatile ImportObserver importObserver = ImportObserver.NONE;

  @org.springframework.beans.factory.annotation.Autowired
  Registry(
      DataSource dataSource,
      KeyRing keys,
      @org.springframework.beans.factory.annotation.Value("${vigie.retention.period:P20Y}")
          Period retention,
      @org.springframework.beans.factory.annotation.Value("${vigie.retention.grace:P30D}")
          Duration grace,
      Clock clock) {
    if (grace.isNegative()) {
      throw new IllegalArgumentException("vigie.retention.grace: must not be negative");
    }
    this.retention = retention;
    this.grace = grace;
    this.clock = clock;
    this.store = new PersonStore(dataSource, clock);
    this.cipher = keys.fieldCipher();
    this.sealer = new PersonSealer(keys.fieldCipher(), keys.blindIndex());
  }

  /** A registry with {@code retention} and the default grace, on the system's clock. */
  Registry(DataSource dataSource, KeyRing keys, Period retention) {
    this(dataSource, keys, retention, DEFAULT_GRACE, Clock.systemUTC());
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

  /** How long an end of registration stays unchanged before retention may act on it, by default. */
  public static final Duration DEFAULT_GRACE = Duration.ofDays(30);

  /** How far back an update may put the end of a registration: a correction, not a rewrite. */
  public static final Period LEFT_ON_CORRECTION = Period.ofDays(30);

  /**
   * Erases every person whose last registration ended more than {@code retention} before {@code
   * today} and whose end date has stood unchanged for the configured grace ({@code
   * vigie.retention.grace}, 30 days by default), in batches of {@value #ERASE_BATCH}; returns how
   * many.
   */
  public long eraseExpired(Period retention, LocalDate today) {
    return eraseExpired(retention, grace, today, clock.instant());
  }

  /**
   * Erases, as {@link #eraseExpired(Period, LocalDate)}, what is past {@code retention} today by
   * the application's clock: the one every feature reads, which tests move.
   */
  public long eraseExpired(Period retention) {
    return eraseExpired(retention, LocalDate.now(clock));
  }

  /**
   * Erases every person whose last registration ended more than {@code retention} before {@code
   * today} and whose end date was recorded at least {@code grace} before {@code now}. The grace
   * keeps erasure out of one advisor's hands: an end date set by an update (or a mistake) is seen,
   * and can be put right, before anything is shredded.
   */
  public long eraseExpired(Period retention, Duration grace, LocalDate today, Instant now) {
    LocalDate cutoff = today.minus(retention);
    Instant recordedBefore = now.minus(grace);
    long erased = 0;
    try (Connection c = store.connection()) {
      c.setAutoCommit(false);
      while (true) {
        List<PersonId> batch = store.endedBefore(c, cutoff, recordedBefore, ERASE_BATCH);
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
  /** Where a key rotation stands: the data keys the current key wraps, and those still older. */
  public record KeyRotationStatus(String keyEncryptionKey, long current, long older) {}

  /** The key rotation status, for the administrator's page: counts and the key's name only. */
  public KeyRotationStatus keyRotationStatus(String keyEncryptionKey) {
    try (Connection c = store.connection()) {
      long[] counts = store.wrappedCounts(c, cipher.currentKekId());
      return new KeyRotationStatus(keyEncryptionKey, counts[0], counts[1]);
    } catch (SQLException e) {
      throw new IllegalStateException("key status: database error " + e.getSQLState(), e);
    }
  }

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

  /** Where the birth-name index backfill stands after a run. */
  public record Backfill(long visited, long filled, boolean finished) {}

  /**
   * Computes the birth-name index ({@code V117}) of the persons stored before it existed, at most
   * {@code atMost} of them in this run, in transactions of {@value #BACKFILL_BATCH}: each person's
   * row is locked as an update locks it, its birth name, usual name and birth date are decrypted in
   * memory by the registry (as an update decrypts the record it changes: this is not a read, and
   * nothing leaves the registry but the keyed index), and the cursor advances in the same
   * transaction, so a stopped run resumes after the last person it finished. A person whose birth
   * name is the name in use needs no index and keeps none.
   */
  public Backfill backfillBirthNameIndex(long atMost, ImportProgress progress) {
    try (Connection c = store.connection()) {
      c.setAutoCommit(false);
      BirthNameBackfill.Cursor cursor = BirthNameBackfill.lock(c);
      long total = cursor.visited() + BirthNameBackfill.remaining(c, cursor.after());
      c.commit();
      long run = 0;
      while (!cursor.finished() && run < atMost) {
        cursor = BirthNameBackfill.lock(c);
        List<PersonId> batch =
            BirthNameBackfill.next(c, cursor.after(), (int) Math.min(BACKFILL_BATCH, atMost - run));
        long filled = 0;
        for (PersonId id : batch) {
          if (backfill(c, id)) {
            filled++;
          }
        }
        run += batch.size();
        cursor =
            new BirthNameBackfill.Cursor(
                batch.isEmpty() ? cursor.after() : batch.getLast().value(),
                cursor.visited() + batch.size(),
                cursor.filled() + filled,
                batch.isEmpty());
        BirthNameBackfill.save(c, cursor);
        c.commit();
        progress.advanced(cursor.visited(), cursor.visited(), total);
      }
      return new Backfill(cursor.visited(), cursor.filled(), cursor.finished());
    } catch (SQLException e) {
      throw new IllegalStateException("backfill: database error " + e.getSQLState(), e);
    } catch (GeneralSecurityException e) {
      throw new VigieException(ProblemCode.KEY_UNAVAILABLE, "backfill: a key did not open", e);
    }
  }

  private static final int BACKFILL_BATCH = 500;

  private boolean backfill(Connection c, PersonId id)
      throws SQLException, GeneralSecurityException {
    Optional<PersonStore.Locked> locked = store.lockForUpdate(c, id);
    if (locked.isEmpty()) {
      return false;
    }
    EnumMap<PersonField, byte[]> names = new EnumMap<>(PersonField.class);
    for (PersonField field :
        List.of(PersonField.BIRTH_NAME, PersonField.USUAL_NAME, PersonField.BIRTH_DATE)) {
      names.put(field, locked.get().ciphertexts().get(field));
    }
    EnumMap<PersonField, String> values = sealer.unseal(id, locked.get().wrappedKey(), names);
    String birthName = values.get(PersonField.BIRTH_NAME);
    String usualName = values.get(PersonField.USUAL_NAME);
    byte[] index =
        sealer.birthNameIndex(
            birthName,
            usualName.isBlank() ? birthName : usualName,
            LocalDate.parse(values.get(PersonField.BIRTH_DATE)));
    if (index == null) {
      return false;
    }
    BirthNameBackfill.set(c, id, index);
    return true;
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

  /**
   * The persons whose birth name and birth date are these, at most {@code limit}: the candidates of
   * a person's sign-in through an identity provider, by blind index, revealing ids only.
   */
  public List<PersonId> candidatesByNameAndBirthDate(
      String lastName, LocalDate birthDate, int limit) {
    try {
      // The provider sends the birth name: matched on the name in use or, where it differs, on
      // the birth name (a married person's usual name is not what FranceConnect sends).
      return store.findByEitherName(sealer.nameBirthIndex(lastName, birthDate), limit);
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
  public void updateForReadPath(
      PersonId id, java.util.Map<PersonField, String> changes, LocalDate today) {
    checkUpdatable(changes);
    try (Connection c = store.connection()) {
      c.setAutoCommit(false);
      PersonStore.Locked locked =
          store
              .lockForUpdate(c, id)
              .orElseThrow(
                  () -> new VigieException(ProblemCode.PERSON_NOT_FOUND, "no person " + id));
      PersonRecord updated =
          updated(id, locked.wrappedKey(), locked.ciphertexts(), locked.organization(), changes);
      checkLeftOn(updated, changes, today);
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

  /**
   * Checks, for the one read path and before it records the update, that {@code changes} would be
   * accepted by {@link #updateForReadPath} now: the fields may be changed, the new record is valid,
   * and an end of registration is today or a correction of at most {@link #LEFT_ON_CORRECTION},
   * never before the registration began. Nothing is written and nothing is returned.
   *
   * @throws VigieException FIELD_INVALID naming the field; PERSON_NOT_FOUND, PERSON_ERASED
   */
  public void checkUpdate(
      PersonId id, java.util.Map<PersonField, String> changes, LocalDate today) {
    checkUpdatable(changes);
    // Autocommit: the row lock of the select ends with it; the update takes its own.
    try (Connection c = store.connection()) {
      PersonStore.Locked current =
          store
              .lockForUpdate(c, id)
              .orElseThrow(
                  () -> new VigieException(ProblemCode.PERSON_NOT_FOUND, "no person " + id));
      PersonRecord updated =
          updated(id, current.wrappedKey(), current.ciphertexts(), current.organization(), changes);
      checkLeftOn(updated, changes, today);
    } catch (SQLException e) {
      throw new IllegalStateException("update: database error " + e.getSQLState(), e);
    } catch (GeneralSecurityException e) {
      throw new VigieException(ProblemCode.KEY_UNAVAILABLE, "update: a key did not open", e);
    }
  }

  private static void checkUpdatable(java.util.Map<PersonField, String> changes) {
    for (PersonField field : changes.keySet()) {
      if (!UPDATABLE.contains(field)) {
        throw new VigieException(
            ProblemCode.FIELD_INVALID, field.column() + ": cannot be changed by an update");
      }
    }
  }

  /** The record as it would be with {@code changes}, validated as an import row is. */
  private PersonRecord updated(
      PersonId id,
      byte[] wrappedKey,
      EnumMap<PersonField, byte[]> ciphertexts,
      String organization,
      java.util.Map<PersonField, String> changes)
      throws GeneralSecurityException {
    EnumMap<PersonField, String> values = sealer.unseal(id, wrappedKey, ciphertexts);
    values.putAll(changes);
    List<String> row = new ArrayList<>();
    for (PersonField field : PersonField.values()) {
      row.add(values.get(field).strip());
    }
    row.add(organization);
    return PersonCsv.parse(row);
  }

  /**
   * An end of registration comes from a registration event: today, or a correction within {@link
   * #LEFT_ON_CORRECTION}; never in the future (which would postpone erasure for ever), never far
   * back (which would have the next retention run shred the person), never before the start.
   */
  private static void checkLeftOn(
      PersonRecord updated, java.util.Map<PersonField, String> changes, LocalDate today) {
    if (!changes.containsKey(PersonField.LEFT_ON) || updated.leftOn() == null) {
      return;
    }
    LocalDate leftOn = updated.leftOn();
    if (leftOn.isAfter(today)) {
      throw new VigieException(ProblemCode.FIELD_INVALID, "left_on: is in the future");
    }
    if (leftOn.isBefore(today.minus(LEFT_ON_CORRECTION))) {
      throw new VigieException(
          ProblemCode.FIELD_INVALID,
          "left_on: more than " + LEFT_ON_CORRECTION.getDays() + " days back");
    }
    if (leftOn.isBefore(updated.registeredOn())) {
      throw new VigieException(
          ProblemCode.FIELD_INVALID, "left_on: before the registration began (registered_on)");
    }
  }

  /**
   * Encrypts a staff-written text about {@code person} (a break-the-glass justification, which may
   * name the person) under the person's data key, bound by the associated data to (person, {@code
   * place}): erasing the person makes it unreadable with the rest of the record.
   *
   * @param place where the text belongs, such as {@code justification:<id>}; never a field's name
   * @throws VigieException PERSON_NOT_FOUND when there is no such person, or it was erased
   */
  public byte[] sealText(PersonId person, String place, String text) {
    checkPlace(place);
    try {
      byte[] wrapped =
          store
              .wrappedKey(person)
              .orElseThrow(
                  () -> new VigieException(ProblemCode.PERSON_NOT_FOUND, "no person " + person));
      return cipher.openDataKey(person.toString(), wrapped).encrypt(place, text);
    } catch (SQLException e) {
      throw new IllegalStateException("seal: database error " + e.getSQLState(), e);
    } catch (GeneralSecurityException e) {
      throw new VigieException(ProblemCode.KEY_UNAVAILABLE, "seal: a key did not open", e);
    }
  }

  /**
   * Decrypts a text {@link #sealText} sealed, for the audited lists that show it (the review queue,
   * the person's journal); empty once the person is erased: its key is gone.
   */
  public Optional<String> decryptTextForJournal(PersonId person, String place, byte[] sealed) {
    checkPlace(place);
    try {
      Optional<byte[]> wrapped = store.wrappedKey(person);
      if (wrapped.isEmpty() || sealed == null) {
        return Optional.empty();
      }
      byte[] clear =
          cipher.openDataKey(person.toString(), wrapped.get()).decryptField(place, sealed);
      return Optional.of(new String(clear, java.nio.charset.StandardCharsets.UTF_8));
    } catch (SQLException e) {
      throw new IllegalStateException("open: database error " + e.getSQLState(), e);
    } catch (GeneralSecurityException e) {
      throw new VigieException(ProblemCode.KEY_UNAVAILABLE, "open: a key did not open", e);
    }
  }

  /** A place is a kind and an id, with a colon no field name has: it cannot pass for a field. */
  private static void checkPlace(String place) {
    if (place == null || !place.matches("[a-z_]+:[0-9a-f-]{36}")) {
      throw new IllegalArgumentException("place: expected kind:uuid");
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

  /**
   * The blind index of a last name and a birth date, for searches. A name with no letter the index
   * keeps (digits, punctuation, another script, emoji) is refused: it would index as the empty name
   * and find every person born that day whose name has none either.
   */
  public byte[] indexOfNameAndBirthDate(String lastName, LocalDate birthDate) {
    if (Canonical.name(lastName).isEmpty()) {
      throw new VigieException(
          ProblemCode.SEARCH_CRITERION_INVALID,
          "value: a last name needs at least one letter from A to Z, accents aside");
    }
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
    LocalDate cutoff = LocalDate.now(clock).minus(retention);
    return new PersonImport(store, sealer, store.organizationIds(), cutoff);
  }
}
