package fr.vigie.detection;

import fr.vigie.identity.AccountId;
import fr.vigie.identity.ContainmentState;
import fr.vigie.identity.OrganizationId;
import fr.vigie.registry.PersonId;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** The alerts in PostgreSQL: raised by verdicts, worked through by the security analysts. */
@Repository
class Alerts {
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final TypeReference<List<Signal>> SIGNALS = new TypeReference<>() {};
  private static final String COLUMNS =
      "id, account_id, raised_at, state, score, reasons::text, touched, status";

  private final JdbcTemplate jdbc;

  Alerts(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  UUID raise(Verdict verdict) {
    UUID id = UUID.randomUUID();
    jdbc.update(
        connection -> {
          var insert =
              connection.prepareStatement(
                  "insert into containment_alert (id, account_id, raised_at, state, score, reasons,"
                      + " touched) values (?, ?, ?, ?, ?, ?::jsonb, ?)");
          insert.setObject(1, id);
          insert.setObject(2, verdict.account().value());
          insert.setTimestamp(3, Timestamp.from(verdict.at()));
          insert.setString(4, verdict.state().name());
          insert.setInt(5, verdict.score());
          insert.setString(6, JSON.writeValueAsString(verdict.reasons()));
          insert.setArray(
              7,
              connection.createArrayOf(
                  "uuid", verdict.touched().stream().map(PersonId::value).toArray()));
          return insert;
        });
    return id;
  }

  /** The alerts of {@code status}, newest first, at most {@code limit}. */
  List<Alert> list(String status, int limit) {
    return jdbc.query(
        "select "
            + COLUMNS
            + " from containment_alert where status = ?"
            + " order by raised_at desc limit ?",
        Alerts::map,
        status,
        limit);
  }

  /** The alerts of {@code status} of the accounts of {@code organization}, newest first. */
  List<Alert> list(String status, int limit, OrganizationId organization) {
    return jdbc.query(
        "select "
            + COLUMNS
            + " from containment_alert where status = ? and account_id in"
            + " (select id from staff_account where organization_id = ?)"
            + " order by raised_at desc limit ?",
        Alerts::map,
        status,
        organization.value(),
        limit);
  }

  Optional<Alert> byId(UUID id) {
    return jdbc
        .query("select " + COLUMNS + " from containment_alert where id = ?", Alerts::map, id)
        .stream()
        .findFirst();
  }

  /** Closes an open alert; false when it was not open. */
  boolean decide(UUID id, String status, AccountId analyst, Instant at) {
    return jdbc.update(
            "update containment_alert set status = ?, decided_by = ?, decided_at = ?"
                + " where id = ? and status = 'OPEN'",
            status,
            analyst.value(),
            Timestamp.from(at),
            id)
        == 1;
  }

  /** Closes the other open alerts of the same account along with one decided. */
  void decideOthers(AccountId account, String status, AccountId analyst, Instant at) {
    jdbc.update(
        "update containment_alert set status = ?, decided_by = ?, decided_at = ?"
            + " where account_id = ? and status = 'OPEN'",
        status,
        analyst.value(),
        Timestamp.from(at),
        account.value());
  }

  private static Alert map(ResultSet rs, int row) throws SQLException {
    Array touched = rs.getArray("touched");
    return new Alert(
        rs.getObject("id", UUID.class),
        new AccountId(rs.getObject("account_id", UUID.class)),
        rs.getTimestamp("raised_at").toInstant(),
        ContainmentState.valueOf(rs.getString("state")),
        rs.getInt("score"),
        JSON.readValue(rs.getString("reasons"), SIGNALS),
        Arrays.stream((Object[]) touched.getArray()).map(o -> new PersonId((UUID) o)).toList(),
        rs.getString("status"));
  }
}
