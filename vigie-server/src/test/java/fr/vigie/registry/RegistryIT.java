package fr.vigie.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import fr.vigie.ProblemCode;
import fr.vigie.VigieException;
import fr.vigie.crypto.KeyRing;
import fr.vigie.testing.TestDatabase;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.time.LocalDate;
import java.time.Period;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RegistryIT {
  @TempDir Path directory;
  private HikariDataSource dataSource;
  private KeyRing keys;
  private Registry registry;

  @BeforeEach
  void setUp() throws Exception {
    dataSource = TestDatabase.newDatabase();
    TestPersons.createOrganization(dataSource, TestPersons.ORGANIZATION);
    keys = openKeys();
    registry = new Registry(dataSource, keys);
  }

  @AfterEach
  void tearDown() {
    dataSource.close();
  }

  private KeyRing openKeys() throws Exception {
    Path keyDirectory = directory.resolve("keys");
    return KeyRing.open(
        "file:" + keyDirectory.resolve("kek.json"), keyDirectory, KeyRing.INDEX_FIELDS);
  }

  @Test
  void import_validFile_storesEveryPersonReadableByEachLookup() throws Exception {
    List<PersonRecord> persons = TestPersons.persons(5_000);
    Path csv = TestPersons.writeCsv(directory.resolve("persons.csv"), persons);

    ImportReport report =
        registry.importPersons(csv, ImportOptions.defaults(), ImportProgress.NONE);

    assertThat(report.read()).isEqualTo(5_000);
    assertThat(report.inserted()).isEqualTo(5_000);
    assertThat(report.rejected()).isZero();
    assertThat(report.rejectFile()).isNull();
    assertThat(registry.count()).isEqualTo(5_000);
    PersonRecord someone = persons.get(4_321);
    PersonId id = registry.findByIdentifier(someone.identifier()).orElseThrow();
    assertThat(registry.findByNir(someone.nir(), 20)).containsExactly(id);
    assertThat(registry.findByEmail(someone.email().toUpperCase(), 20)).containsExactly(id);
    assertThat(registry.findByNameAndBirthDate(someone.lastName(), someone.birthDate(), 20))
        .containsExactly(id);
    assertThat(registry.decrypt(id, EnumSet.allOf(PersonField.class)))
        .isEqualTo(plaintextOf(someone));
  }

  @Test
  void import_sameFileTwice_secondRunChangesNothing() throws Exception {
    Path csv = TestPersons.writeCsv(directory.resolve("persons.csv"), TestPersons.persons(3_000));
    registry.importPersons(csv, ImportOptions.defaults(), ImportProgress.NONE);
    Map<String, Object> before = snapshot();

    ImportReport again = registry.importPersons(csv, ImportOptions.defaults(), ImportProgress.NONE);

    assertThat(again.inserted()).isZero();
    assertThat(again.updated()).isZero();
    assertThat(again.unchanged()).isEqualTo(3_000);
    assertThat(snapshot()).isEqualTo(before);
  }

  @Test
  void import_changedRow_updatesThatPersonOnly() throws Exception {
    List<PersonRecord> persons = new ArrayList<>(TestPersons.persons(100));
    registry.importPersons(
        TestPersons.writeCsv(directory.resolve("a.csv"), persons),
        ImportOptions.defaults(),
        ImportProgress.NONE);
    PersonRecord moved = persons.get(42);
    persons.set(42, withAddress(moved, "1 place Bellecour, 69002 Lyon"));

    ImportReport report =
        registry.importPersons(
            TestPersons.writeCsv(directory.resolve("b.csv"), persons),
            ImportOptions.defaults(),
            ImportProgress.NONE);

    assertThat(report.updated()).isEqualTo(1);
    assertThat(report.unchanged()).isEqualTo(99);
    PersonId id = registry.findByIdentifier(moved.identifier()).orElseThrow();
    assertThat(registry.decrypt(id, EnumSet.of(PersonField.ADDRESS)))
        .containsEntry(PersonField.ADDRESS, "1 place Bellecour, 69002 Lyon");
  }

  @Test
  void import_badRows_goToRejectFileWithLineAndReasonAndGoodRowsStay() throws Exception {
    Path csv = TestPersons.writeCsv(directory.resolve("persons.csv"), TestPersons.persons(10));
    List<String> lines = new ArrayList<>(Files.readAllLines(csv, StandardCharsets.UTF_8));
    // Line 3 (person 1): a NIR with a wrong key. Line 6 (person 4): an unknown organization.
    String wrongKey = lines.get(2).replaceFirst(",(\\d{13})(\\d{2}),", ",$100,");
    lines.set(2, wrongKey);
    lines.set(5, lines.get(5).replace(TestPersons.ORGANIZATION, "XX-99999"));
    lines.add("not,enough,columns");
    Files.write(csv, lines, StandardCharsets.UTF_8);

    ImportReport report =
        registry.importPersons(csv, ImportOptions.defaults(), ImportProgress.NONE);

    assertThat(report.inserted()).isEqualTo(8);
    assertThat(report.rejected()).isEqualTo(3);
    List<String> rejects = Files.readAllLines(report.rejectFile(), StandardCharsets.UTF_8);
    assertThat(rejects.get(0)).startsWith("line,reason,identifier,nir");
    assertThat(rejects.get(1)).startsWith("3,nir: the key");
    assertThat(rejects.get(2)).startsWith("6,organization: no organization has this code");
    assertThat(rejects.get(3))
        .startsWith("12,\"row has 3 columns, expected 15\",not,enough,columns");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(report.rejectFile())))
        .isEqualTo("rw-------");
  }

  @Test
  void import_lastNamesWithNoLatinLetter_goToRejectFileAndNoPersonIsStored() throws Exception {
    List<PersonRecord> persons = TestPersons.persons(5);
    Path csv = TestPersons.writeCsv(directory.resolve("names.csv"), persons);
    List<String> lines = new ArrayList<>(Files.readAllLines(csv, StandardCharsets.UTF_8));
    // Lines 2, 3 and 4: birth names of digits, of Cyrillic letters, of an emoji and a dash.
    String[] names = {"12345", "Иванов", "\uD83D\uDE00-"};
    for (int i = 0; i < names.length; i++) {
      lines.set(i + 1, lines.get(i + 1).replace(persons.get(i).birthName(), names[i]));
    }
    Files.write(csv, lines, StandardCharsets.UTF_8);

    ImportReport report =
        registry.importPersons(csv, ImportOptions.defaults(), ImportProgress.NONE);

    assertThat(report.inserted()).isEqualTo(2);
    assertThat(report.rejected()).isEqualTo(3);
    List<String> rejects = Files.readAllLines(report.rejectFile(), StandardCharsets.UTF_8);
    for (int line = 2; line <= 4; line++) {
      assertThat(rejects.get(line - 1))
          .startsWith(
              line + ",\"birth_name: needs at least one letter from A to Z, accents aside\"");
    }
    for (int i = 0; i < names.length; i++) {
      assertThat(registry.findByIdentifier(persons.get(i).identifier())).isEmpty();
    }
  }

  @Test
  void import_duplicateIdentifierInFile_laterRowWins() throws Exception {
    PersonRecord first = TestPersons.person(7);
    PersonRecord later = withAddress(first, "3 quai Saint-Antoine, 69002 Lyon");
    List<PersonRecord> rows = new ArrayList<>(TestPersons.persons(5));
    rows.add(later);
    rows.set(0, first);
    Path csv = TestPersons.writeCsv(directory.resolve("dup.csv"), rows);

    ImportReport report =
        registry.importPersons(
            csv, new ImportOptions(null, 2, 2), ImportProgress.NONE); // across batches

    PersonId id = registry.findByIdentifier(first.identifier()).orElseThrow();
    assertThat(registry.decrypt(id, EnumSet.of(PersonField.ADDRESS)))
        .containsEntry(PersonField.ADDRESS, "3 quai Saint-Antoine, 69002 Lyon");
    assertThat(report.inserted() + report.updated()).isEqualTo(6);
    assertThat(registry.count()).isEqualTo(5);
  }

  @Test
  void erase_person_cannotBeFoundOrDecryptedEvenWithTheKeys() throws Exception {
    List<PersonRecord> persons = TestPersons.persons(20);
    registry.importPersons(
        TestPersons.writeCsv(directory.resolve("p.csv"), persons),
        ImportOptions.defaults(),
        ImportProgress.NONE);
    PersonRecord erased = persons.get(3);
    PersonId id = registry.findByIdentifier(erased.identifier()).orElseThrow();
    byte[] wrappedBefore = storedWrappedKey(id);

    assertThat(registry.erase(id)).isTrue();

    assertThat(registry.findByIdentifier(erased.identifier())).isEmpty();
    assertThat(registry.findByNir(erased.nir(), 20)).isEmpty();
    assertThat(registry.findByEmail(erased.email(), 20)).isEmpty();
    assertThat(registry.findByNameAndBirthDate(erased.lastName(), erased.birthDate(), 20))
        .isEmpty();
    assertThatThrownBy(() -> registry.decrypt(id, EnumSet.allOf(PersonField.class)))
        .isInstanceOf(VigieException.class)
        .extracting(e -> ((VigieException) e).code())
        .isEqualTo(ProblemCode.PERSON_ERASED);
    assertThat(wrappedBefore).isNotNull();
    assertThat(storedWrappedKey(id)).isNull();
    assertThat(nonNullSealedColumns(id)).isZero();
    assertThat(registry.erase(id)).isFalse();
    assertThat(registry.count()).isEqualTo(19);
  }

  @Test
  void eraseExpired_personsWhoLeftLongerAgoThanRetention_areErasedAndCounted() throws Exception {
    List<PersonRecord> persons = new ArrayList<>(TestPersons.persons(30));
    LocalDate today = LocalDate.of(2026, 11, 22);
    for (int i = 0; i < 10; i++) {
      persons.set(i, withLeftOn(persons.get(i), today.minusYears(20).minusDays(1 + i)));
    }
    persons.set(10, withLeftOn(persons.get(10), today.minusYears(20)));
    persons.set(11, withLeftOn(persons.get(11), today.minusYears(3)));
    // Imported while the retention period was longer: they are in the register now.
    new Registry(dataSource, keys, Period.ofYears(40))
        .importPersons(
            TestPersons.writeCsv(directory.resolve("p.csv"), persons),
            ImportOptions.defaults(),
            ImportProgress.NONE);

    // The end dates stand unchanged for the grace time, then a run erases those past the period.
    Instant graceLater = Instant.now().plus(Registry.DEFAULT_GRACE).plusSeconds(60);
    long erased =
        registry.eraseExpired(Period.ofYears(20), Registry.DEFAULT_GRACE, today, graceLater);

    assertThat(erased).isEqualTo(10);
    assertThat(registry.count()).isEqualTo(20);
    assertThat(registry.findByIdentifier(persons.get(0).identifier())).isEmpty();
    assertThat(registry.findByIdentifier(persons.get(10).identifier())).isPresent();
    assertThat(registry.eraseExpired(Period.ofYears(20), Registry.DEFAULT_GRACE, today, graceLater))
        .isZero();
  }

  @Test
  void eraseExpired_endDatesRecordedWithinTheGrace_eraseNobody() throws Exception {
    List<PersonRecord> persons = new ArrayList<>(TestPersons.persons(5));
    LocalDate today = LocalDate.of(2026, 11, 22);
    for (int i = 0; i < 5; i++) {
      persons.set(i, withLeftOn(persons.get(i), today.minusYears(20).minusDays(1 + i)));
    }
    new Registry(dataSource, keys, Period.ofYears(40))
        .importPersons(
            TestPersons.writeCsv(directory.resolve("p.csv"), persons),
            ImportOptions.defaults(),
            ImportProgress.NONE);

    long erased = registry.eraseExpired(Period.ofYears(20), today);

    assertThat(erased).isZero();
    assertThat(registry.count()).isEqualTo(5);
  }

  @Test
  void import_personWhoLeftLongerAgoThanRetention_isRejected() throws Exception {
    List<PersonRecord> persons = new ArrayList<>(TestPersons.persons(3));
    persons.set(1, withLeftOn(persons.get(1), LocalDate.now().minusYears(20).minusDays(1)));
    persons.set(2, withLeftOn(persons.get(2), LocalDate.now().minusYears(19)));

    ImportReport report =
        registry.importPersons(
            TestPersons.writeCsv(directory.resolve("p.csv"), persons),
            ImportOptions.defaults(),
            ImportProgress.NONE);

    assertThat(report.inserted()).isEqualTo(2);
    assertThat(report.rejectReasons())
        .containsExactly(
            Map.entry("left_on: the registration ended longer ago than the retention period", 1L));
    assertThat(registry.findByIdentifier(persons.get(1).identifier())).isEmpty();
  }

  @Test
  void rotate_thenRewrap_everyPersonStillReadsAndNoKeyIsLeftUnderTheOldKek() throws Exception {
    List<PersonRecord> persons = TestPersons.persons(2_500);
    registry.importPersons(
        TestPersons.writeCsv(directory.resolve("p.csv"), persons),
        ImportOptions.defaults(),
        ImportProgress.NONE);
    long oldKek = keys.fieldCipher().currentKekId();

    keys.rotateKeyEncryptionKey();
    long rewrapped = registry.rewrapDataKeys(ImportProgress.NONE);

    assertThat(keys.fieldCipher().currentKekId()).isNotEqualTo(oldKek);
    assertThat(rewrapped).isEqualTo(2_500);
    assertThat(countWrappedBy(oldKek)).isZero();
    for (int i : new int[] {0, 1_234, 2_499}) {
      PersonId id = registry.findByIdentifier(persons.get(i).identifier()).orElseThrow();
      assertThat(registry.decrypt(id, EnumSet.allOf(PersonField.class)))
          .isEqualTo(plaintextOf(persons.get(i)));
    }
    assertThat(registry.rewrapDataKeys(ImportProgress.NONE)).isZero();
  }

  @Test
  void rotate_byAnotherProcessWhileReading_readsNeverFail() throws Exception {
    List<PersonRecord> persons = TestPersons.persons(2_000);
    registry.importPersons(
        TestPersons.writeCsv(directory.resolve("p.csv"), persons),
        ImportOptions.defaults(),
        ImportProgress.NONE);
    List<PersonId> ids =
        persons.stream().map(p -> registry.findByIdentifier(p.identifier()).orElseThrow()).toList();
    // The rotation command runs in its own process: its own key ring over the same files.
    KeyRing otherProcess = openKeys();
    Registry command = new Registry(dataSource, otherProcess);
    AtomicBoolean rotating = new AtomicBoolean(true);
    ExecutorService reader = Executors.newSingleThreadExecutor();
    Future<Integer> reads =
        reader.submit(
            () -> {
              int n = 0;
              while (rotating.get() || n < ids.size()) {
                PersonId id = ids.get(n % ids.size());
                registry.decrypt(id, EnumSet.of(PersonField.BIRTH_NAME, PersonField.NIR));
                n++;
              }
              return n;
            });

    otherProcess.rotateKeyEncryptionKey();
    long rewrapped = command.rewrapDataKeys(ImportProgress.NONE);
    rotating.set(false);

    assertThat(rewrapped).isEqualTo(2_000);
    assertThat(reads.get()).isGreaterThanOrEqualTo(ids.size());
    reader.shutdown();
    // The serving registry reads keys wrapped under the new key-encryption key.
    assertThat(registry.decrypt(ids.get(0), EnumSet.of(PersonField.IDENTIFIER)))
        .containsEntry(PersonField.IDENTIFIER, persons.get(0).identifier().value());
  }

  private static Map<PersonField, String> plaintextOf(PersonRecord person) {
    Map<PersonField, String> expected = new java.util.EnumMap<>(PersonField.class);
    for (PersonField field : PersonField.values()) {
      expected.put(field, PersonSealer.plaintext(person, field));
    }
    return expected;
  }

  private static PersonRecord withAddress(PersonRecord p, String address) {
    return new PersonRecord(
        p.identifier(),
        p.nir(),
        p.sex(),
        p.birthName(),
        p.usualName(),
        p.firstNames(),
        p.birthDate(),
        p.birthPlace(),
        p.email(),
        p.phone(),
        address,
        p.category(),
        p.registeredOn(),
        p.leftOn(),
        p.organization());
  }

  private static PersonRecord withLeftOn(PersonRecord p, LocalDate leftOn) {
    return new PersonRecord(
        p.identifier(),
        p.nir(),
        p.sex(),
        p.birthName(),
        p.usualName(),
        p.firstNames(),
        p.birthDate(),
        p.birthPlace(),
        p.email(),
        p.phone(),
        p.address(),
        p.category(),
        leftOn.minusYears(2),
        leftOn,
        p.organization());
  }

  private Map<String, Object> snapshot() throws Exception {
    try (var c = dataSource.getConnection();
        var select =
            c.prepareStatement(
                "select count(*), sum(hashtext(encode(wrapped_key, 'hex') || encode(nir, 'hex'))),"
                    + " max(updated_at) from person");
        var row = select.executeQuery()) {
      row.next();
      return Map.of(
          "count", row.getLong(1),
          "hash", row.getLong(2),
          "updated", String.valueOf(row.getObject(3)));
    }
  }

  private byte[] storedWrappedKey(PersonId id) throws Exception {
    try (var c = dataSource.getConnection();
        var select = c.prepareStatement("select wrapped_key from person where id = ?")) {
      select.setObject(1, id.value());
      try (var row = select.executeQuery()) {
        row.next();
        return row.getBytes(1);
      }
    }
  }

  private int nonNullSealedColumns(PersonId id) throws Exception {
    StringBuilder sum = new StringBuilder("select 0");
    for (String column :
        List.of(
            "identifier_index",
            "nir_index",
            "email_index",
            "name_birth_index",
            "birth_name_index",
            "row_digest")) {
      sum.append(" + (").append(column).append(" is not null)::int");
    }
    for (PersonField field : PersonField.values()) {
      sum.append(" + (").append(field.column()).append(" is not null)::int");
    }
    try (var c = dataSource.getConnection();
        var select = c.prepareStatement(sum + " from person where id = ?")) {
      select.setObject(1, id.value());
      try (var row = select.executeQuery()) {
        row.next();
        return row.getInt(1);
      }
    }
  }

  private long countWrappedBy(long kekId) throws Exception {
    try (var c = dataSource.getConnection();
        var select = c.prepareStatement("select count(*) from person where kek_id = ?")) {
      select.setLong(1, kekId);
      try (var row = select.executeQuery()) {
        row.next();
        return row.getLong(1);
      }
    }
  }
}
