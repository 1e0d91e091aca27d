package fr.vigie.detection;

import fr.vigie.identity.AccountId;
import fr.vigie.registry.PersonId;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * What the detectors across accounts remember, in PostgreSQL ({@code detection_cross_observation},
 * {@code detection_cross_organization}, migration V165): each node writes the observations its
 * detectors keep, reads the others' back a moment later, and a starting node reads the last week's;
 * the organizations' usual days are saved as they change.
 */
@Repository
class CrossStore {
  /** How far back a starting node replays: the longest window across accounts. */
  static final Duration KEPT = SharedPersons.WINDOW;

  private static final String COLUMNS =
      "id, organization, account_id, person_id, link, observed_at, outside, usual_outside,"
          + " unexplained, usual_unexplained, hurried, new_place";

  private final JdbcTemplate jdbc;
  private final UUID node = UUID.randomUUID();

  /** The newest observation of another node this one took in. */
  private final AtomicLong seen = new AtomicLong();

  CrossStore(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  /**
   * Gives {@code detection} what was stored, as of {@code now}: the organizations' usual days, then
   * the observations of the last week in order. Returns how many observations.
   */
  int loadInto(Detection detection, Instant now) {
    List<CrossMemory.Learned> learned =
        jdbc.query(
            "select organization, usual, days, rising_sum from detection_cross_organization",
            (rs, i) ->
                new CrossMemory.Learned(
                    rs.getString(1), rs.getDouble(2), rs.getInt(3), rs.getDouble(4)));
    List<CrossMemory.Observation> observations =
        jdbc.query(
            "select "
                + COLUMNS
                + " from detection_cross_observation where observed_at >= ?"
                + " order by observed_at, id",
            this::observation,
            Timestamp.from(now.minus(KEPT)));
    detection.rememberAcross(new CrossMemory(learned, observations));
    seen.set(
        jdbc.queryForObject(
            "select coalesce(max(id), 0) from detection_cross_observation", Long.class));
    return observations.size();
  }

  /** Stores an observation this node's detectors kept. */
  void record(CrossMemory.Observation o) {
    jdbc.update(
        "insert into detection_cross_observation (node, organization, account_id, person_id,"
            + " link, observed_at, outside, usual_outside, unexplained, usual_unexplained,"
            + " hurried, new_place) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        node,
        o.organization(),
        o.account().value(),
        o.person().value(),
        o.link().name(),
        Timestamp.from(o.at()),
        o.today().outside(),
        o.today().usualOutside(),
        o.today().unexplained(),
        o.today().usualUnexplained(),
        o.today().hurried(),
        o.today().newPlace());
  }

  /** The observations other nodes stored since the last call, oldest first. */
  List<CrossMemory.Observation> fromOthers() {
    long after = seen.get();
    List<Row> rows =
        jdbc.query(
            "select "
                + COLUMNS
                + " from detection_cross_observation where id > ? and node <> ?"
                + " order by id",
            (rs, i) -> new Row(rs.getLong(1), observation(rs, i)),
            after,
            node);
    rows.stream().mapToLong(Row::id).max().ifPresent(max -> seen.accumulateAndGet(max, Math::max));
    return rows.stream().map(Row::observation).toList();
  }

  private record Row(long id, CrossMemory.Observation observation) {}

  /** Saves what each organization taught of its usual days. */
  void saveLearned(List<CrossMemory.Learned> learned, Instant at) {
    for (CrossMemory.Learned one : learned) {
      jdbc.update(
          "insert into detection_cross_organization (organization, usual, days, rising_sum,"
              + " saved_at) values (?, ?, ?, ?, ?) on conflict (organization) do update set"
              + " usual = excluded.usual, days = excluded.days, rising_sum = excluded.rising_sum,"
              + " saved_at = excluded.saved_at"
              + " where detection_cross_organization.days <= excluded.days",
          one.organization(),
          one.usual(),
          one.days(),
          one.risingSum(),
          Timestamp.from(at));
    }
  }

  /** Deletes the observations no window reaches any more. */
  void forgetOld(Instant now) {
    jdbc.update(
        "delete from detection_cross_observation where observed_at < ?",
        Timestamp.from(now.minus(KEPT).minus(Duration.ofDays(1))));
  }

  private CrossMemory.Observation observation(ResultSet rs, int i) throws SQLException {
    return new CrossMemory.Observation(
        rs.getString("organization"),
        new AccountId(rs.getObject("account_id", UUID.class)),
        new PersonId(rs.getObject("person_id", UUID.class)),
        Link.valueOf(rs.getString("link")),
        rs.getTimestamp("observed_at").toInstant(),
        new OrganizationRise.Today(
            rs.getInt("outside"),
            rs.getDouble("usual_outside"),
            rs.getInt("unexplained"),
            rs.getDouble("usual_unexplained"),
            rs.getBoolean("hurried"),
            rs.getBoolean("new_place")));
  }
}
