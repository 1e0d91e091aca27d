package fr.vigie.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import fr.vigie.crypto.AuditSigner;
import fr.vigie.testing.TestDatabase;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.LongStream;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A log of 100 entries with checkpoints at 0, 20, 40, 60, 80 and 100, then tampered with. */
class AuditVerifyIT {
  @TempDir Path directory;
  private HikariDataSource dataSource;
  private AuditSigner signer;
  private AuditLog log;
  private AuditVerifier verifier;

  @BeforeEach
  void setUp() throws Exception {
    dataSource = TestDatabase.newDatabase();
    signer = TestLogs.signer(directory);
    log = TestLogs.started(dataSource, signer, Duration.ofSeconds(5));
    for (long from = 0; from < 100; from += 20) {
      log.appendAll(LongStream.range(from, from + 20).mapToObj(TestLogs::event).toList());
      log.checkpoint();
    }
    verifier = new AuditVerifier(dataSource, signer.publicKey());
  }

  @AfterEach
  void tearDown() {
    log.stop();
    dataSource.close();
  }

  @Test
  void verify_cleanLog_passesOverEveryEntryAndCheckpoint() throws Exception {
    List<Long> progress = new ArrayList<>();

    AuditVerifier.Report report = verifier.verify(progress::add);

    assertThat(report.entries()).isEqualTo(100);
    assertThat(report.checkpoints()).isEqualTo(6);
    assertThat(report.root()).isEqualTo(MerkleTree.root(TestLogs.leafHashes(dataSource)));
    assertThat(progress).last().isEqualTo(100L);
  }

  @Test
  void verify_oneEntryChanged_namesThatEntry() throws Exception {
    TestLogs.tamper(
        dataSource,
        "update audit_entry set entry = overlay(entry placing '\\xff' from 30) where idx = 41");

    assertFailure()
        .hasMessage("entry 41: leaf hash does not match its content")
        .extracting(e -> ((ProofException) e).index())
        .isEqualTo(41L);
  }

  @Test
  void verify_oneRowDeleted_namesTheMissingEntry() throws Exception {
    TestLogs.tamper(dataSource, "delete from audit_entry where idx = 41");

    assertFailure().hasMessage("entry 41: missing (indexes jump from 40 to 42)");
  }

  @Test
  void verify_lastRowsDeleted_namesTheFirstMissingEntry() throws Exception {
    TestLogs.tamper(dataSource, "delete from audit_entry where idx >= 95");

    assertFailure().hasMessage("entry 95: missing (the checkpoint at size 100 covers it)");
  }

  @Test
  void verify_twoEntriesSwapped_namesTheFirstOfThem() throws Exception {
    TestLogs.tamper(dataSource, swap("entry"));

    assertFailure().hasMessage("entry 41: leaf hash does not match its content");
  }

  @Test
  void verify_twoRowsSwappedWithTheirLeafHashes_namesTheFirstOfThem() throws Exception {
    TestLogs.tamper(dataSource, swap("entry, leaf_hash = b.leaf_hash, at = b.at"));

    assertFailure()
        .hasMessage("entry 41: its content is that of entry 57 (rows moved or reordered)")
        .extracting(e -> ((ProofException) e).index())
        .isEqualTo(41L);
  }

  @Test
  void verify_subjectColumnChanged_namesTheEntry() throws Exception {
    // Moving an entry to another person's journal, or out of all journals, is tampering too.
    TestLogs.tamper(
        dataSource, "update audit_entry set subject = gen_random_uuid() where idx = 41");

    assertFailure()
        .hasMessage("entry 41: its subject column does not agree with its content")
        .extracting(e -> ((ProofException) e).index())
        .isEqualTo(41L);
  }

  @Test
  void verify_actorColumnChanged_namesTheEntry() throws Exception {
    // The scope finds an account's entries by this column: one moved to another actor would hide.
    TestLogs.tamper(
        dataSource,
        "update audit_entry set actor = convert_to('someone else', 'UTF8') where idx = 43");

    assertFailure()
        .hasMessage("entry 43: its actor or organization column does not agree with its content")
        .extracting(e -> ((ProofException) e).index())
        .isEqualTo(43L);
  }

  @Test
  void verify_organizationColumnEmptied_namesTheEntry() throws Exception {
    TestLogs.tamper(dataSource, "update audit_entry set organization = null where idx = 12");

    assertFailure()
        .hasMessage("entry 12: its actor or organization column does not agree with its content")
        .extracting(e -> ((ProofException) e).index())
        .isEqualTo(12L);
  }

  @Test
  void verify_entryRewrittenWithItsLeafHash_namesTheCheckpointAndTheRange() throws Exception {
    // Change the entry's last byte, keep the index, and recompute the leaf hash.
    TestLogs.tamper(
        dataSource,
        "update audit_entry set entry = overlay(entry placing '\\x41' from length(entry))"
            + " where idx = 41",
        "update audit_entry set leaf_hash = sha256('\\x00'::bytea || entry) where idx = 41");

    assertFailure()
        .hasMessage(
            "checkpoint at size 60: root does not match entries 0 to 59: an entry from 40 to 59"
                + " was rewritten along with its leaf hash")
        .extracting(e -> ((ProofException) e).index())
        .isEqualTo(40L);
  }

  @Test
  void verify_timeColumnChanged_namesThatEntry() throws Exception {
    TestLogs.tamper(dataSource, "update audit_entry set at = at - interval '1 day' where idx = 7");

    assertFailure().hasMessage("entry 7: time column does not match its content");
  }

  @Test
  void verify_checkpointSignatureReplaced_namesTheCheckpoint() throws Exception {
    TestLogs.tamper(
        dataSource,
        "alter table audit_checkpoint disable trigger user",
        "update audit_checkpoint c set signature = o.signature from audit_checkpoint o"
            + " where c.tree_size = 80 and o.tree_size = 60",
        "alter table audit_checkpoint enable trigger user");

    assertFailure().hasMessage("checkpoint at size 80: signature does not verify");
  }

  @Test
  void verify_whileAnotherThreadAppendsAndCheckpoints_seesOneConsistentSnapshot() throws Exception {
    AtomicBoolean appending = new AtomicBoolean(true);
    Thread appender =
        Thread.ofPlatform()
            .start(
                () -> {
                  for (long n = 100; appending.get(); n++) {
                    log.append(TestLogs.event(n));
                    log.checkpoint();
                  }
                });
    try {
      for (int i = 0; i < 5; i++) {
        assertThat(verifier.verify(entries -> {}).entries()).isGreaterThanOrEqualTo(100);
      }
    } finally {
      appending.set(false);
      appender.join();
    }
  }

  /** Swaps the given columns (the first must be "entry") of rows 41 and 57 in one statement. */
  private static String swap(String assignments) {
    return "update audit_entry a set "
        + assignments.replaceFirst("^entry", "entry = b.entry")
        + " from audit_entry b where (a.idx, b.idx) in ((41, 57), (57, 41))";
  }

  private AbstractThrowableAssert<?, ? extends Throwable> assertFailure() {
    return assertThatThrownBy(() -> verifier.verify(entries -> {}))
        .isInstanceOf(ProofException.class);
  }
}
