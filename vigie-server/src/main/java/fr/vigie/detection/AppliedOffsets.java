package fr.vigie.detection;

import fr.vigie.identity.AccountId;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * Where the detectors consuming the Kafka topic have got to, in PostgreSQL: per partition the next
 * offset not applied yet ({@code detection_offset}), per account how many events were applied
 * ({@code detection_applied}). Written in the transaction that saves the detectors' memory.
 */
@Repository
class AppliedOffsets {
  private final JdbcTemplate jdbc;

  AppliedOffsets(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  /**
   * The partition's next offset to apply, locked until the transaction ends: a node that lost the
   * partition and has not noticed yet waits here, then finds the offsets it holds applied.
   */
  long lockNext(String topic, int partition) {
    jdbc.update(
        "insert into detection_offset (topic, partition, next_offset) values (?, ?, 0)"
            + " on conflict (topic, partition) do nothing",
        topic,
        partition);
    return jdbc.queryForObject(
        "select next_offset from detection_offset where topic = ? and partition = ? for update",
        Long.class,
        topic,
        partition);
  }

  /** The partition's next offset to apply, without a lock; 0 when none was applied. */
  long next(String topic, int partition) {
    List<Long> next =
        jdbc.queryForList(
            "select next_offset from detection_offset where topic = ? and partition = ?",
            Long.class,
            topic,
            partition);
    return next.isEmpty() ? 0 : next.getFirst();
  }

  void advance(String topic, int partition, long next) {
    jdbc.update(
        "update detection_offset set next_offset = ? where topic = ? and partition = ?",
        next,
        topic,
        partition);
  }

  void counted(AccountId account, long accesses, long refusals) {
    jdbc.update(
        "insert into detection_applied (account_id, accesses, refusals) values (?, ?, ?)"
            + " on conflict (account_id) do update set"
            + " accesses = detection_applied.accesses + excluded.accesses,"
            + " refusals = detection_applied.refusals + excluded.refusals",
        account.value(),
        accesses,
        refusals);
  }

  /** How many events of {@code account} the detectors applied, refusals included. */
  long applied(AccountId account) {
    List<Long> count =
        jdbc.queryForList(
            "select accesses from detection_applied where account_id = ?",
            Long.class,
            account.value());
    return count.isEmpty() ? 0 : count.getFirst();
  }
}
