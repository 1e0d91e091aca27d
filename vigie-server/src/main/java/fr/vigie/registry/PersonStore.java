package fr.vigie.registry;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.postgresql.PGConnection;

/** The person table: ciphertexts in, ciphertexts out. Every statement binds its parameters. */
final class PersonStore {
  private static final List<PersonField> FIELDS = List.of(PersonField.values());
  private static final String FIELD_COLUMNS =
      FIELDS.stream().map(PersonField::column).collect(Collectors.joining(", "));
  static final String COLUMNS =
      "id, organization_id, wrapped_key, kek_id, identifier_index, nir_index, email_index,"
          + " name_birth_index, birth_name_index, row_digest, "
          + FIELD_COLUMNS
          + ", retention_from, retention_set_at";
  private static final int COLUMN_COUNT = 12 + FIELDS.size();

  private static final String UNIQUE_VIOLATION = "23505";

  private final DataSource dataSource;
  private final java.time.Clock clock;

  /**
   * @param clock when an end of registration is recorded ({@code retention_set_at}): the
   *     application's clock, which retention reads too, not the database's
   */
  PersonStore(DataSource dataSource, java.time.Clock clock) {
    this.dataSource = dataSource;
    this.clock = clock;
  }

  /** Now, as end dates are recorded and as retention reckons its grace. */
  Instant now() {
    return clock.instant();
  }

  Connection connection() throws SQLException {
    return dataSource.getConnection();
  }

  /** Organization ids by code. */
  Map<String, UUID> organizationIds() throws SQLException {
    try (Connection c = connection();
        PreparedStatement select = c.prepareStatement("select code, id from organization");
        ResultSet rows = select.executeQuery()) {
      Map<String, UUID> ids = new HashMap<>();
      while (rows.next()) {
        ids.put(rows.getString(1), rows.getObject(2, UUID.class));
      }
      return ids;
    }
  }

  /** A person already in the register, found by its identifier index. */
  record Existing(PersonId id, byte[] rowDigest) {}

  Map<IndexValue, Existing> existing(Connection c, List<IndexValue> identifierIndexes)
      throws SQLException {
    Map<IndexValue, Existing> found = new HashMap<>();
    if (identifierIndexes.isEmpty()) {
      return found;
    }
    try (PreparedStatement select =
        c.prepareStatement(
            "select identifier_index, id, row_digest from person where identifier_index = any(?)")) {
      byte[][] bytes = identifierIndexes.stream().map(IndexValue::bytes).toArray(byte[][]::new);
      Array values = c.unwrap(PGConnection.class).createArrayOf("bytea", bytes);
      select.setArray(1, values);
      try (ResultSet rows = select.executeQuery()) {
        while (rows.next()) {
          found.put(
              new IndexValue(rows.getBytes(1)),
              new Existing(new PersonId(rows.getObject(2, UUID.class)), rows.getBytes(3)));
        }
      }
    }
    return found;
  }

  /** Creates the per-connection staging table that {@link #insert} copies into. */
  void prepareStaging(Connection c) throws SQLException {
    try (Statement ddl = c.createStatement()) {
      ddl.execute(
          "create temporary table if not exists person_staging"
              + " (like person including defaults) on commit delete rows");
    }
  }

  /**
   * The rows of {@code persons} in binary COPY format: built by the workers, off the writer. Their
   * end of registration is recorded at {@code recordedAt}.
   */
  static byte[] copyRows(List<SealedPerson> persons, Instant recordedAt) {
    BinaryCopy copy = new BinaryCopy(persons.size() * 1_000);
    for (SealedPerson p : persons) {
      copy.startRow(COLUMN_COUNT);
      copy.uuid(p.id().value());
      copy.uuid(p.organizationId());
      copy.bytea(p.wrappedKey());
      copy.bigint(p.kekId());
      copy.bytea(p.identifierIndex());
      copy.bytea(p.nirIndex());
      copy.bytea(p.emailIndex());
      copy.bytea(p.nameBirthIndex());
      copy.bytea(p.birthNameIndex());
      copy.bytea(p.rowDigest());
      for (PersonField field : FIELDS) {
        copy.bytea(p.ciphertexts().get(field));
      }
      copy.date(p.retentionFrom());
      copy.timestamp(recordedAt);
    }
    return copy.finish();
  }

  /**
   * Inserts new persons with one binary COPY straight into the table. When an identifier is already
   * there (inserted meanwhile by an earlier batch of the same file or by another process) the COPY
   * fails on the unique index; the batch then goes through a staging table and skips those persons.
   *
   * @param rows {@link #copyRows} of {@code persons}
   * @return the identifier indexes that were skipped
   */
  Set<IndexValue> insert(Connection c, List<SealedPerson> persons, byte[] rows)
      throws SQLException {
    if (persons.isEmpty()) {
      return Set.of();
    }
    Savepoint beforeCopy = c.setSavepoint();
    try {
      copyIn(c, "person", rows);
      c.releaseSavepoint(beforeCopy);
      return Set.of();
    } catch (SQLException e) {
      if (!UNIQUE_VIOLATION.equals(e.getSQLState())) {
        throw e;
      }
      c.rollback(beforeCopy);
    }
    copyIn(c, "person_staging", rows);
    Set<IndexValue> skipped = new HashSet<>();
    for (SealedPerson p : persons) {
      skipped.add(new IndexValue(p.identifierIndex()));
    }
    try (PreparedStatement move =
            c.prepareStatement(
                "insert into person ("
                    + COLUMNS
                    + ") select "
                    + COLUMNS
                    + " from person_staging on conflict (identifier_index) do nothing"
                    + " returning identifier_index");
        ResultSet inserted = move.executeQuery()) {
      while (inserted.next()) {
        skipped.remove(new IndexValue(inserted.getBytes(1)));
      }
    }
    try (Statement clear = c.createStatement()) {
      clear.execute("truncate person_staging");
    }
    return skipped;
  }

  private static void copyIn(Connection c, String table, byte[] rows) throws SQLException {
    try {
      c.unwrap(PGConnection.class)
          .getCopyAPI()
          .copyIn("copy " + table + " (" + COLUMNS + ") from stdin (format binary)", inputOf(rows));
    } catch (java.io.IOException e) {
      throw new SQLException("copy failed while reading from memory", e);
    }
  }

  /** Replaces every sealed column of persons already in the register. */
  void update(Connection c, List<SealedPerson> persons) throws SQLException {
    if (persons.isEmpty()) {
      return;
    }
    Instant recordedAt = now();
    String assignments =
        Stream.concat(
                Stream.of(
                    "organization_id",
                    "wrapped_key",
                    "kek_id",
                    "nir_index",
                    "email_index",
                    "name_birth_index",
                    "birth_name_index",
                    "row_digest"),
                Stream.concat(
                    FIELDS.stream().map(PersonField::column), Stream.of("retention_from")))
            .map(column -> column + " = ?")
            .collect(Collectors.joining(", "));
    try (PreparedStatement update =
        c.prepareStatement(
            "update person set "
                + assignments
                + ", updated_at = now(), retention_set_at = case when retention_from is distinct"
                + " from ? then ? else retention_set_at end"
                + " where id = ? and erased_at is null")) {
      for (SealedPerson p : persons) {
        int i = 1;
        update.setObject(i++, p.organizationId());
        update.setBytes(i++, p.wrappedKey());
        update.setLong(i++, p.kekId());
        update.setBytes(i++, p.nirIndex());
        update.setBytes(i++, p.emailIndex());
        update.setBytes(i++, p.nameBirthIndex());
        update.setBytes(i++, p.birthNameIndex());
        update.setBytes(i++, p.rowDigest());
        for (PersonField field : FIELDS) {
          update.setBytes(i++, p.ciphertexts().get(field));
        }
        update.setObject(i++, p.retentionFrom());
        update.setObject(i++, p.retentionFrom());
        update.setTimestamp(i++, java.sql.Timestamp.from(recordedAt));
        update.setObject(i, p.id().value());
        update.addBatch();
      }
      update.executeBatch();
    }
  }

  /** A stored person, still sealed; empty if there is none. */
  Optional<SealedRow> load(PersonId id) throws SQLException {
    try (Connection c = connection();
        PreparedStatement select =
            c.prepareStatement(
                "select " + SealedRow.columns("p") + " from person p where p.id = ?")) {
      select.setObject(1, id.value());
      try (ResultSet row = select.executeQuery()) {
        return row.next() ? Optional.of(SealedRow.read(row, 1)) : Optional.empty();
      }
    }
  }

  /** The wrapped data key of a person; empty if there is none or it was erased. */
  Optional<byte[]> wrappedKey(PersonId id) throws SQLException {
    try (Connection c = connection();
        PreparedStatement select =
            c.prepareStatement(
                "select wrapped_key from person where id = ? and erased_at is null")) {
      select.setObject(1, id.value());
      try (ResultSet row = select.executeQuery()) {
        return row.next() ? Optional.ofNullable(row.getBytes(1)) : Optional.empty();
      }
    }
  }

  /** A person locked for an update: its key, every ciphertext, the code of its organization. */
  record Locked(byte[] wrappedKey, EnumMap<PersonField, byte[]> ciphertexts, String organization) {}

  Optional<Locked> lockForUpdate(Connection c, PersonId id) throws SQLException {
    try (PreparedStatement select =
        c.prepareStatement(
            "select p.wrapped_key, o.code, "
                + FIELD_COLUMNS.replaceAll("(\\w+)", "p.$1")
                + " from person p join organization o on o.id = p.organization_id"
                + " where p.id = ? and p.erased_at is null for update of p")) {
      select.setObject(1, id.value());
      try (ResultSet row = select.executeQuery()) {
        if (!row.next()) {
          return Optional.empty();
        }
        EnumMap<PersonField, byte[]> ciphertexts = new EnumMap<>(PersonField.class);
        for (int i = 0; i < FIELDS.size(); i++) {
          ciphertexts.put(FIELDS.get(i), row.getBytes(3 + i));
        }
        return Optional.of(new Locked(row.getBytes(1), ciphertexts, row.getString(2)));
      }
    }
  }

  /** Writes new ciphertexts of some fields, with the indexes and digest that follow from them. */
  void updateFields(
      Connection c, PersonId id, EnumMap<PersonField, byte[]> changed, SealedPerson derived)
      throws SQLException {
    StringBuilder sql =
        new StringBuilder(
            "update person set nir_index = ?, email_index = ?, name_birth_index = ?,"
                + " birth_name_index = ?, row_digest = ?, retention_from = ?, updated_at = now(),"
                + " retention_set_at = case when retention_from is distinct from ?"
                + " then ? else retention_set_at end");
    for (PersonField field : changed.keySet()) {
      sql.append(", ").append(field.column()).append(" = ?");
    }
    sql.append(" where id = ?");
    try (PreparedStatement update = c.prepareStatement(sql.toString())) {
      int i = 1;
      update.setBytes(i++, derived.nirIndex());
      update.setBytes(i++, derived.emailIndex());
      update.setBytes(i++, derived.nameBirthIndex());
      update.setBytes(i++, derived.birthNameIndex());
      update.setBytes(i++, derived.rowDigest());
      update.setObject(i++, derived.retentionFrom());
      update.setObject(i++, derived.retentionFrom());
      update.setTimestamp(i++, java.sql.Timestamp.from(now()));
      for (byte[] ciphertext : changed.values()) {
        update.setBytes(i++, ciphertext);
      }
      update.setObject(i, id.value());
      update.executeUpdate();
    }
  }

  /** The blind index columns that lookups may use. */
  enum Lookup {
    IDENTIFIER("identifier_index"),
    NIR("nir_index"),
    EMAIL("email_index"),
    NAME_BIRTH("name_birth_index");

    final String column;

    Lookup(String column) {
      this.column = column;
    }
  }

  /**
   * The persons whose name in use or, when it differs, birth name has this index value with their
   * birth date: the two columns hold the same keyed PRF, so one value looks up both.
   */
  List<PersonId> findByEitherName(byte[] value, int limit) throws SQLException {
    try (Connection c = connection();
        PreparedStatement select =
            c.prepareStatement(
                "select id from person where name_birth_index = ? or birth_name_index = ?"
                    + " order by id limit ?")) {
      select.setBytes(1, value);
      select.setBytes(2, value);
      select.setInt(3, limit);
      return ids(select);
    }
  }

  List<PersonId> find(Lookup lookup, byte[] value, int limit) throws SQLException {
    try (Connection c = connection();
        PreparedStatement select =
            c.prepareStatement(
                "select id from person where " + lookup.column + " = ? order by id limit ?")) {
      select.setBytes(1, value);
      select.setInt(2, limit);
      return ids(select);
    }
  }

  /**
   * The rows that tie an erased person to someone or something, and go with its key: the caseload,
   * referrals and appointments (who followed or met the person), the link of its identity at an
   * identity provider (a digest of that identity: it would name the person again) and the reads it
   * flagged. What stays names the person by its pseudonymous id only and is the record of what
   * staff did: the audit log, justifications (their text sealed under the destroyed key), the
   * time-boxed relationships managers granted, incidents and breach notices.
   */
  private static final List<String> LINKS =
      List.of("caseload", "referral", "appointment", "person_link", "read_flag");

  /**
   * Crypto-shreds a person: the wrapped data key, the blind indexes and the ciphertexts go, and the
   * rows that link to it ({@link #LINKS}); a tombstone with the pseudonymous id stays, so that the
   * audit log still resolves.
   */
  boolean erase(Connection c, PersonId id) throws SQLException {
    String nulls =
        Stream.concat(
                Stream.of(
                    "wrapped_key",
                    "kek_id",
                    "identifier_index",
                    "nir_index",
                    "email_index",
                    "name_birth_index",
                    "birth_name_index",
                    "row_digest",
                    "retention_from"),
                FIELDS.stream().map(PersonField::column))
            .map(column -> column + " = null")
            .collect(Collectors.joining(", "));
    for (String table : LINKS) {
      try (PreparedStatement unlink =
          c.prepareStatement("delete from " + table + " where person_id = ?")) {
        unlink.setObject(1, id.value());
        unlink.executeUpdate();
      }
    }
    try (PreparedStatement erase =
        c.prepareStatement(
            "update person set "
                + nulls
                + ", erased_at = now() where id = ? and erased_at is null")) {
      erase.setObject(1, id.value());
      return erase.executeUpdate() == 1;
    }
  }

  /**
   * Persons whose last registration ended before {@code cutoff}, as recorded before {@code
   * recordedBefore}.
   */
  List<PersonId> endedBefore(Connection c, LocalDate cutoff, Instant recordedBefore, int limit)
      throws SQLException {
    try (PreparedStatement select =
        c.prepareStatement(
            "select id from person where retention_from < ? and retention_set_at <= ?"
                + " and erased_at is null"
                + " order by retention_from limit ? for update skip locked")) {
      select.setObject(1, cutoff);
      select.setTimestamp(2, java.sql.Timestamp.from(recordedBefore));
      select.setInt(3, limit);
      return ids(select);
    }
  }

  /** The person ids in the first column of what {@code select} returns. */
  private static List<PersonId> ids(PreparedStatement select) throws SQLException {
    try (ResultSet rows = select.executeQuery()) {
      List<PersonId> ids = new ArrayList<>();
      while (rows.next()) {
        ids.add(new PersonId(rows.getObject(1, UUID.class)));
      }
      return ids;
    }
  }

  /** A data key waiting to be rewrapped. */
  record WrappedKey(PersonId id, byte[] wrapped) {}

  List<WrappedKey> wrappedByOtherThan(Connection c, long kekId, int limit) throws SQLException {
    try (PreparedStatement select =
        c.prepareStatement(
            "select id, wrapped_key from person where kek_id <> ? and wrapped_key is not null"
                + " limit ? for update skip locked")) {
      select.setLong(1, kekId);
      select.setInt(2, limit);
      try (ResultSet rows = select.executeQuery()) {
        List<WrappedKey> keys = new ArrayList<>();
        while (rows.next()) {
          keys.add(new WrappedKey(new PersonId(rows.getObject(1, UUID.class)), rows.getBytes(2)));
        }
        return keys;
      }
    }
  }

  /** The data keys wrapped by {@code kekId}, and those by another key. */
  long[] wrappedCounts(Connection c, long kekId) throws SQLException {
    try (PreparedStatement select =
        c.prepareStatement(
            "select count(*) filter (where kek_id = ?), count(*) filter (where kek_id <> ?)"
                + " from person where wrapped_key is not null")) {
      select.setLong(1, kekId);
      select.setLong(2, kekId);
      try (ResultSet rows = select.executeQuery()) {
        rows.next();
        return new long[] {rows.getLong(1), rows.getLong(2)};
      }
    }
  }

  void rewrap(Connection c, List<WrappedKey> keys, long kekId) throws SQLException {
    try (PreparedStatement update =
        c.prepareStatement("update person set wrapped_key = ?, kek_id = ? where id = ?")) {
      for (WrappedKey key : keys) {
        update.setBytes(1, key.wrapped());
        update.setLong(2, kekId);
        update.setObject(3, key.id().value());
        update.addBatch();
      }
      update.executeBatch();
    }
  }

  long countLive() throws SQLException {
    try (Connection c = connection();
        PreparedStatement select =
            c.prepareStatement("select count(*) from person where erased_at is null");
        ResultSet row = select.executeQuery()) {
      row.next();
      return row.getLong(1);
    }
  }

  private static java.io.InputStream inputOf(byte[] data) {
    return new java.io.ByteArrayInputStream(data);
  }
}
