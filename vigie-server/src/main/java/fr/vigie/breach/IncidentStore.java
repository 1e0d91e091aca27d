package fr.vigie.breach;

import fr.vigie.audit.AuditScan;
import fr.vigie.exchange.BatchId;
import fr.vigie.identity.AccountId;
import fr.vigie.identity.OrganizationId;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/** The incident tables: every statement binds its parameters. */
@Repository
class IncidentStore {
  private static final int BATCH = 10_000;

  private final JdbcTemplate jdbc;

  IncidentStore(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  void insertIncident(IncidentId id, String reference, Instant at, AccountId by) {
    jdbc.update(
        "insert into incident (id, reference, declared_at, declared_by) values (?, ?, ?, ?)",
        id.value(),
        reference,
        Timestamp.from(at),
        by.value());
  }

  boolean referenceTaken(String reference) {
    return !jdbc.queryForList(
            "select 1 from incident where reference = ?", Integer.class, reference)
        .isEmpty();
  }

  Optional<Incident.Header> header(IncidentId id) {
    return jdbc
        .query(
            "select reference, declared_at, declared_by from incident where id = ?",
            (row, i) ->
                new Incident.Header(
                    id,
                    row.getString(1),
                    row.getTimestamp(2).toInstant(),
                    new AccountId(row.getObject(3, UUID.class))),
            id.value())
        .stream()
        .findFirst();
  }

  List<Incident.Header> headers(int limit, int offset) {
    return jdbc.query(
        "select id, reference, declared_at, declared_by from incident"
            + " order by declared_at desc, id limit ? offset ?",
        (row, i) ->
            new Incident.Header(
                new IncidentId(row.getObject(1, UUID.class)),
                row.getString(2),
                row.getTimestamp(3).toInstant(),
                new AccountId(row.getObject(4, UUID.class))),
        limit,
        offset);
  }

  List<Incident.ScopeRecord> scopes(IncidentId id) {
    return jdbc.query(
        "select seq, added_at, added_by, kind, accounts, organization, window_from, window_to,"
            + " first_index, end_index, checkpoints, signed_to, unsigned_entries, selected,"
            + " persons, seconds, batch_id, method, completeness, completeness_detail,"
            + " completeness_seconds from incident_scope where incident_id = ? order by seq",
        (row, i) -> scopeRecord(row),
        id.value());
  }

  /** Adds a scope and merges what it found into the incident's persons, in one transaction. */
  @Transactional
  void addScope(
      IncidentId id,
      int seq,
      Instant at,
      AccountId by,
      Scope scope,
      AuditScan.Report report,
      Map<UUID, Impact.Touch> persons,
      double seconds,
      Set<Long> indexedEntries) {
    jdbc.update(
        "insert into incident_scope (incident_id, seq, added_at, added_by, kind, accounts,"
            + " organization, window_from, window_to, first_index, end_index, checkpoints,"
            + " signed_to, unsigned_entries, selected, persons, seconds, batch_id, method,"
            + " completeness, indexed_entries, log_size)"
            + " values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        c -> {
          c.setObject(1, id.value());
          c.setInt(2, seq);
          c.setTimestamp(3, Timestamp.from(at));
          c.setObject(4, by.value());
          c.setString(5, scope.kind().name());
          c.setArray(
              6,
              c.getConnection()
                  .createArrayOf(
                      "uuid", scope.accounts().stream().map(AccountId::value).toArray()));
          c.setObject(7, scope.organization() == null ? null : scope.organization().value());
          c.setTimestamp(8, Timestamp.from(scope.from()));
          c.setTimestamp(9, Timestamp.from(scope.to()));
          c.setLong(10, report.first());
          c.setLong(11, report.end());
          c.setLong(12, report.checkpoints());
          c.setLong(13, report.signedTo());
          c.setLong(14, report.unsignedEntries());
          c.setLong(15, report.selected());
          c.setInt(16, persons.size());
          c.setDouble(17, seconds);
          c.setObject(18, scope.batch() == null ? null : scope.batch().value());
          c.setString(19, report.indexed() ? "INDEX" : "WALK");
          c.setString(20, report.indexed() ? "PENDING" : "CONFIRMED");
          if (report.indexed()) {
            c.setArray(
                21, c.getConnection().createArrayOf("int8", indexedEntries.toArray(Long[]::new)));
            c.setLong(22, report.logSize());
          } else {
            c.setNull(21, java.sql.Types.ARRAY);
            c.setNull(22, java.sql.Types.BIGINT);
          }
        });
    jdbc.execute(
        (Connection c) -> {
          mergePersons(c, id, seq, persons);
          return null;
        });
  }

  private static void mergePersons(
      Connection c, IncidentId id, int seq, Map<UUID, Impact.Touch> persons) throws SQLException {
    String merge =
        "insert into incident_person (incident_id, person_id, fields, first_at, last_at, reads,"
            + " found_by) select ?, p.person, string_to_array(p.fields, ','), p.first_at,"
            + " p.last_at, p.reads, ? from unnest(?::uuid[], ?::text[], ?::timestamptz[],"
            + " ?::timestamptz[], ?::int4[]) as p (person, fields, first_at, last_at, reads)"
            + " on conflict (incident_id, person_id) do update set"
            + " fields = array(select distinct f from unnest(incident_person.fields"
            + " || excluded.fields) as f order by f),"
            + " first_at = least(incident_person.first_at, excluded.first_at),"
            + " last_at = greatest(incident_person.last_at, excluded.last_at),"
            + " reads = incident_person.reads + excluded.reads";
    List<Map.Entry<UUID, Impact.Touch>> all = new ArrayList<>(persons.entrySet());
    try (PreparedStatement insert = c.prepareStatement(merge)) {
      for (int from = 0; from < all.size(); from += BATCH) {
        List<Map.Entry<UUID, Impact.Touch>> batch =
            all.subList(from, Math.min(all.size(), from + BATCH));
        insert.setObject(1, id.value());
        insert.setInt(2, seq);
        insert.setArray(
            3, c.createArrayOf("uuid", batch.stream().map(Map.Entry::getKey).toArray()));
        insert.setArray(
            4,
            c.createArrayOf(
                "text", batch.stream().map(e -> String.join(",", e.getValue().fields)).toArray()));
        insert.setArray(
            5,
            c.createArrayOf(
                "timestamptz",
                batch.stream().map(e -> Timestamp.from(e.getValue().first)).toArray()));
        insert.setArray(
            6,
            c.createArrayOf(
                "timestamptz",
                batch.stream().map(e -> Timestamp.from(e.getValue().last)).toArray()));
        insert.setArray(
            7, c.createArrayOf("int4", batch.stream().map(e -> e.getValue().reads).toArray()));
        insert.executeUpdate();
      }
    }
  }

  List<Incident.Person> persons(IncidentId id, int limit, int offset) {
    return jdbc.query(
        "select person_id, fields, first_at, last_at, reads, found_by from incident_person"
            + " where incident_id = ? order by person_id limit ? offset ?",
        (row, i) ->
            new Incident.Person(
                row.getObject(1, UUID.class),
                List.of((String[]) row.getArray(2).getArray()),
                row.getTimestamp(3).toInstant(),
                row.getTimestamp(4).toInstant(),
                row.getInt(5),
                row.getInt(6)),
        id.value(),
        limit,
        offset);
  }

  /**
   * Records the outcome of the walk that confirms (or not) that an indexed scope missed nothing.
   */
  void completeness(IncidentId id, int seq, Incident.Completeness completeness) {
    jdbc.update(
        "update incident_scope set completeness = ?, completeness_detail = ?,"
            + " completeness_seconds = ? where incident_id = ? and seq = ? and completeness = ?",
        completeness.state().name(),
        completeness.detail(),
        completeness.seconds(),
        id.value(),
        seq,
        Incident.Completeness.State.PENDING.name());
  }

  /**
   * A scope whose completeness check has not ended, with what its walk compares: the entries the
   * index gave and the log's size then; null for a scope stored before they were kept.
   */
  record PendingScope(
      IncidentId incident, int seq, Scope scope, long end, ScopeCompleteness.Found found) {}

  /** The indexed scopes whose completeness is still PENDING, oldest first. */
  List<PendingScope> pending() {
    return jdbc.query(
        "select seq, added_at, added_by, kind, accounts, organization, window_from, window_to,"
            + " first_index, end_index, checkpoints, signed_to, unsigned_entries, selected,"
            + " persons, seconds, batch_id, method, completeness, completeness_detail,"
            + " completeness_seconds, incident_id, indexed_entries, log_size from incident_scope"
            + " where completeness = 'PENDING' order by added_at, incident_id, seq",
        (row, i) -> {
          Incident.ScopeRecord scope = scopeRecord(row);
          Array entries = row.getArray("indexed_entries");
          ScopeCompleteness.Found found =
              entries == null
                  ? null
                  : new ScopeCompleteness.Found(
                      Set.of((Long[]) entries.getArray()), row.getLong("log_size"));
          return new PendingScope(
              new IncidentId(row.getObject("incident_id", UUID.class)),
              scope.seq(),
              scope.scope(),
              scope.verified().end(),
              found);
        });
  }

  /** Persons and records touched, and per field the persons for whom it left. */
  Incident.Totals totals(IncidentId id) {
    long[] counts =
        jdbc.queryForObject(
            "select count(*), coalesce(sum(reads), 0) from incident_person where incident_id = ?",
            (row, i) -> new long[] {row.getLong(1), row.getLong(2)},
            id.value());
    Map<String, Long> byField = new java.util.TreeMap<>();
    jdbc.query(
        "select f, count(*) from incident_person, unnest(fields) as f where incident_id = ?"
            + " group by f",
        row -> {
          byField.put(row.getString(1), row.getLong(2));
        },
        id.value());
    return new Incident.Totals(counts[0], counts[1], byField);
  }

  private static Incident.ScopeRecord scopeRecord(ResultSet row) throws SQLException {
    Scope.Kind kind = Scope.Kind.valueOf(row.getString(4));
    Set<AccountId> accounts = new HashSet<>();
    Array array = row.getArray(5);
    Arrays.stream((Object[]) array.getArray()).forEach(a -> accounts.add(new AccountId((UUID) a)));
    UUID organization = row.getObject(6, UUID.class);
    Scope scope =
        new Scope(
            kind,
            accounts,
            organization == null ? null : new OrganizationId(organization),
            row.getObject("batch_id", UUID.class) == null
                ? null
                : new BatchId(row.getObject("batch_id", UUID.class)),
            row.getTimestamp(7).toInstant(),
            row.getTimestamp(8).toInstant());
    return new Incident.ScopeRecord(
        row.getInt(1),
        row.getTimestamp(2).toInstant(),
        new AccountId(row.getObject(3, UUID.class)),
        scope,
        new AuditScan.Report(
            row.getLong(9),
            row.getLong(10),
            row.getLong(11),
            row.getLong(12),
            row.getLong(13),
            row.getLong(14),
            row.getLong(10),
            "INDEX".equals(row.getString("method"))),
        row.getInt(15),
        row.getDouble(16),
        new Incident.Completeness(
            Incident.Completeness.State.valueOf(row.getString("completeness")),
            row.getString("completeness_detail"),
            row.getObject("completeness_seconds", Double.class)));
  }
}
