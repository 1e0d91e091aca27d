package fr.vigie.breach;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fr.vigie.audit.AuditAction;
import fr.vigie.audit.AuditBulkLoad;
import fr.vigie.audit.AuditDecision;
import fr.vigie.audit.AuditEvent;
import fr.vigie.audit.AuditScan;
import fr.vigie.audit.ProofException;
import fr.vigie.identity.IdentityIntegrationTest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The indexed scope reads only the selected accounts' entries, proves each in the signed tree with
 * stored subtree hashes, and finds exactly what the walk of the whole window finds; a stored hash
 * that lies makes it refuse, a missing one is computed, and an entry hidden from the index is
 * caught by the completeness walk that follows.
 */
class IndexedScanIT extends IdentityIntegrationTest {
  private static final int ENTRIES = 6_000;

  @Autowired AuditBulkLoad loader;
  @Autowired AuditScan scan;
  @Autowired ScopeCompleteness completeness;

  private final String thief = UUID.randomUUID().toString();
  private long base;
  private Instant start;

  /**
   * 6,000 reads a second apart, one in ten by the thief, except around the 3,500th, the thief's
   * only one in its tile of 64; a checkpoint every 1,000. The window, from the 3,000th to the
   * 3,999th, holds 81 of the thief's reads.
   */
  private AuditScan.Selection grown() {
    start = clockNow();
    String other = UUID.randomUUID().toString();
    List<AuditEvent> events = new ArrayList<>();
    for (int n = 0; n < ENTRIES; n++) {
      events.add(
          new AuditEvent(
              start.plusSeconds(n),
              thiefs(n) ? thief : other,
              AuditAction.READ,
              UUID.randomUUID().toString(),
              List.of("email"),
              "FOLLOW_UP",
              AuditDecision.ALLOW,
              null,
              null));
    }
    moveClock(Duration.ofSeconds(ENTRIES + 1));
    base = loader.load(events.iterator(), 1_000) - ENTRIES;
    return new AuditScan.Selection(
        Set.of(thief), Set.of(), start.plusSeconds(3_000), start.plusSeconds(3_999));
  }

  private static boolean thiefs(int n) {
    return n % 10 == 0 && (n < 3_400 || n >= 3_600 || n == LONELY);
  }

  private static final int LONELY = 3_500;

  @Test
  void scanIndexed_ofABulkLoadedLog_findsExactlyWhatTheWalkFinds() throws Exception {
    AuditScan.Selection selection = grown();

    Set<Long> indexed = new TreeSet<>();
    List<AuditEvent> found = new ArrayList<>();
    AuditScan.Report report =
        scan.scanIndexed(
            selection,
            (index, event) -> {
              indexed.add(index);
              found.add(event);
            });
    Set<Long> walked = new TreeSet<>();
    scan.scan(selection, (index, event) -> walked.add(index));

    assertThat(report.indexed()).isTrue();
    assertThat(indexed).hasSize(81).isEqualTo(walked);
    assertThat(found).allMatch(e -> e.actor().equals(thief));
    assertThat(found.getFirst().at()).isEqualTo(start.plusSeconds(3_000));
    assertThat(found.getLast().at()).isEqualTo(start.plusSeconds(3_990));
    assertThat(report.signedTo()).isGreaterThanOrEqualTo(base + 4_000);
    assertThat(
            jdbc.queryForObject(
                "select count(*) from audit_node where height = 6 and idx >= ? and idx < ?",
                Long.class,
                base / 64 + 1,
                (base + ENTRIES) / 64))
        .isEqualTo((base + ENTRIES) / 64 - base / 64 - 1);
  }

  @Test
  void scanIndexed_withoutStoredSubtreeHashes_computesThemFromTheLeaves() throws Exception {
    AuditScan.Selection selection = grown();
    Set<Long> walked = new TreeSet<>();
    scan.scan(selection, (index, event) -> walked.add(index));
    String inRange =
        "(idx << height) >= " + base + " and ((idx + 1) << height) <= " + (base + 6000);
    List<Object[]> removed = new ArrayList<>();
    owner.query(
        "select height, idx, hash from audit_node where " + inRange,
        row -> {
          removed.add(new Object[] {row.getInt(1), row.getLong(2), row.getBytes(3)});
        });
    owner.execute("alter table audit_node disable trigger user");
    Set<Long> indexed = new TreeSet<>();
    try {
      owner.update("delete from audit_node where " + inRange);
      scan.scanIndexed(selection, (index, event) -> indexed.add(index));
    } finally {
      owner.execute("alter table audit_node enable trigger user");
    }

    assertThat(removed).isNotEmpty();
    assertThat(indexed).hasSize(81).isEqualTo(walked);
    // What the proofs computed is stored again.
    assertThat(
            owner.queryForObject(
                "select count(*) from audit_node where " + inRange + " and height = 6", Long.class))
        .isPositive();
  }

  @Test
  void scanIndexed_withAStoredSubtreeHashThatLies_isRefusedNamingAnEntry() throws Exception {
    AuditScan.Selection selection = grown();
    String tiles = "height = 6 and idx >= " + (base / 64 + 1) + " and idx < " + (base + 6000) / 64;
    owner.execute("alter table audit_node disable trigger user");
    try {
      owner.update("update audit_node set hash = sha256(hash) where " + tiles);
      assertThatThrownBy(() -> scan.scanIndexed(selection, (index, event) -> {}))
          .isInstanceOf(ProofException.class)
          .hasMessageMatching("entry \\d+: not proven in the checkpoint at size \\d+ .*");
    } finally {
      // sha256 is not reversible: the true hashes are those of the leaves again.
      owner.update("delete from audit_node where " + tiles);
      owner.execute("alter table audit_node enable trigger user");
    }
    Set<Long> indexed = new TreeSet<>();
    scan.scanIndexed(selection, (index, event) -> indexed.add(index));
    assertThat(indexed).hasSize(81);
  }

  @Test
  void completeness_ofAnEntryRewrittenToNameAnotherAccount_failsWhereTheIndexMissedIt()
      throws Exception {
    AuditScan.Selection selection = grown();
    String stranger = UUID.randomUUID().toString();
    long hidden = base + LONELY;
    byte[] entry =
        jdbc.queryForObject("select entry from audit_entry where idx = ?", byte[].class, hidden);
    byte[] leafHash =
        jdbc.queryForObject(
            "select leaf_hash from audit_entry where idx = ?", byte[].class, hidden);
    Set<Long> indexed = new TreeSet<>();
    Incident.Completeness outcome;
    owner.execute("alter table audit_entry disable trigger audit_entry_append_only");
    try {
      // Rewritten with its leaf hash and its actor column, as an owner hiding one read from the
      // index would.
      owner.update(
          "update audit_entry set entry = overlay(entry placing convert_to(?, 'UTF8')"
              + " from position(convert_to(?, 'UTF8') in entry) for 36) where idx = ?",
          stranger,
          thief,
          hidden);
      owner.update(
          "update audit_entry set leaf_hash = sha256('\\x00'::bytea || entry),"
              + " actor = audit_entry_string(entry, 2) where idx = ?",
          hidden);
      AuditScan.Report report = scan.scanIndexed(selection, (index, event) -> indexed.add(index));
      outcome =
          completeness.check(selection, new ScopeCompleteness.Found(indexed, report.logSize()));
    } finally {
      owner.update(
          "update audit_entry set entry = ?, leaf_hash = ?, actor = audit_entry_string(?, 2)"
              + " where idx = ?",
          entry,
          leafHash,
          entry,
          hidden);
      owner.execute("alter table audit_entry enable trigger audit_entry_append_only");
    }

    assertThat(indexed).hasSize(80).doesNotContain(hidden);
    assertThat(outcome.state()).isEqualTo(Incident.Completeness.State.FAILED);
    assertThat(outcome.detail()).contains("the walk of the window failed");
    Set<Long> whole = new TreeSet<>();
    scan.scanIndexed(selection, (index, event) -> whole.add(index));
    assertThat(
            completeness
                .check(selection, new ScopeCompleteness.Found(whole, Long.MAX_VALUE))
                .state())
        .isEqualTo(Incident.Completeness.State.CONFIRMED);
  }
}
