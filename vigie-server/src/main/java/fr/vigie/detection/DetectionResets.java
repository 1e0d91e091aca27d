package fr.vigie.detection;

import fr.vigie.identity.AccountId;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * Releases and answered step-ups in PostgreSQL ({@code detection_reset}), so that they reach the
 * detectors of every node, not only those of the node that served them. Each node records its own
 * and reads the others' of the last {@link #LOOK_BACK_SECONDS} seconds, each once: rows are read by
 * time rather than by id, since ids are taken before their transactions commit, in any order.
 */
@Repository
class DetectionResets {
  /** How far back each reading looks: far longer than an insert takes to commit. */
  static final int LOOK_BACK_SECONDS = 60;

  /** What was reset. */
  enum Kind {
    RELEASE,
    STEP_UP
  }

  /** One reset another node recorded. */
  record Reset(long id, AccountId account, Kind kind) {}

  private final JdbcTemplate jdbc;
  private final UUID node = UUID.randomUUID();
  private final ConcurrentHashMap<Long, Boolean> applied = new ConcurrentHashMap<>();

  DetectionResets(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  /** Records a reset this node applied to its own detectors. */
  void record(AccountId account, Kind kind) {
    jdbc.update(
        "insert into detection_reset (account_id, kind, node) values (?, ?, ?)",
        account.value(),
        kind.name(),
        node);
  }

  /** The resets other nodes recorded that this one has not taken yet, oldest first. */
  List<Reset> fromOthers() {
    List<Reset> recent =
        jdbc.query(
            "select id, account_id, kind from detection_reset"
                + " where recorded_at > clock_timestamp() - make_interval(secs => ?)"
                + " and node <> ? order by id",
            (row, i) ->
                new Reset(
                    row.getLong(1),
                    new AccountId(row.getObject(2, UUID.class)),
                    Kind.valueOf(row.getString(3))),
            LOOK_BACK_SECONDS,
            node);
    applied.keySet().retainAll(recent.stream().map(Reset::id).toList());
    return recent.stream().filter(r -> applied.putIfAbsent(r.id(), Boolean.TRUE) == null).toList();
  }

  /** Deletes what no node reads any more. */
  void forgetOld() {
    jdbc.update(
        "delete from detection_reset"
            + " where recorded_at < clock_timestamp() - make_interval(secs => ?)",
        10 * LOOK_BACK_SECONDS);
  }
}
