package fr.vigie.detection;

import fr.vigie.identity.AccountId;
import fr.vigie.identity.Containments;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiConsumer;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Applies the events of one partition to the detectors exactly once across nodes: in one PostgreSQL
 * transaction, the partition's stored next offset is locked, the events below it are skipped
 * (applied already, here or by the partition's last owner), the others observed, and the memory of
 * the accounts they moved, their counts and the partition's new next offset are written. The
 * containments and alerts the events raise join that transaction. If it rolls back, the accounts it
 * touched are read back from PostgreSQL before their next event.
 */
final class OnceApplied {
  /** One event as it came off the topic. */
  record Offered(long offset, AccountProfile profile, Access access) {}

  private final Detection detection;
  private final MemoryStore memories;
  private final AppliedOffsets offsets;
  private final Containments containments;
  private final TransactionTemplate transactions;
  private final BiConsumer<AccountProfile, Access> observe;

  /** Accounts whose memory this node took from PostgreSQL since it was last handed partitions. */
  private final Set<AccountId> current = ConcurrentHashMap.newKeySet();

  OnceApplied(
      Detection detection,
      MemoryStore memories,
      AppliedOffsets offsets,
      Containments containments,
      TransactionTemplate transactions,
      BiConsumer<AccountProfile, Access> observe) {
    this.detection = detection;
    this.memories = memories;
    this.offsets = offsets;
    this.containments = containments;
    this.transactions = transactions;
    this.observe = observe;
  }

  /** Where a node given {@code partition} starts: the first offset not applied yet. */
  long next(String topic, int partition) {
    return offsets.next(topic, partition);
  }

  /**
   * Partitions moved between nodes: another node may have moved any account since this one last saw
   * it, so each is read back from PostgreSQL before its next event here.
   */
  void handedOver() {
    current.clear();
  }

  /**
   * Applies {@code batch}, in offset order, all of it or none, and moves the partition's next
   * offset to {@code upTo} (past records that did not read, too).
   */
  void apply(String topic, int partition, List<Offered> batch, long upTo) {
    Map<AccountId, Tally> touched = new LinkedHashMap<>();
    try {
      transactions.executeWithoutResult(
          status -> {
            long next = offsets.lockNext(topic, partition);
            if (upTo <= next) {
              return;
            }
            for (Offered event : batch) {
              if (event.offset() < next) {
                continue;
              }
              AccountId account = event.access().account();
              if (current.add(account)) {
                takeBack(account);
              }
              observe.accept(event.profile(), event.access());
              touched.computeIfAbsent(account, a -> new Tally()).add(event.access());
            }
            touched.forEach(
                (account, tally) -> {
                  memories.save(detection, account, tally.last);
                  offsets.counted(account, tally.accesses, tally.refusals);
                });
            offsets.advance(topic, partition, upTo);
          });
    } catch (RuntimeException e) {
      current.removeAll(touched.keySet());
      throw e;
    }
  }

  /** The account as PostgreSQL holds it: its detectors' memory and its containment. */
  private void takeBack(AccountId account) {
    memories.loadOne(detection, account);
    detection.restore(account, containments.stateOf(account));
  }

  private static final class Tally {
    long accesses;
    long refusals;
    Instant last;

    void add(Access access) {
      accesses++;
      if (access.kind() == AccessKind.REFUSED) {
        refusals++;
      }
      last = access.at();
    }
  }
}
