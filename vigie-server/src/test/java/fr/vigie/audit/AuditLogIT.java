package fr.vigie.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import fr.vigie.VigieException;
import fr.vigie.crypto.AuditSigner;
import fr.vigie.testing.TestDatabase;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AuditLogIT {
  @TempDir Path directory;
  private HikariDataSource dataSource;
  private AuditSigner signer;
  private AuditLog log;

  @BeforeEach
  void setUp() throws Exception {
    dataSource = TestDatabase.newDatabase();
    signer = TestLogs.signer(directory);
    log = TestLogs.started(dataSource, signer, Duration.ofSeconds(5));
  }

  @AfterEach
  void tearDown() {
    log.stop();
    dataSource.close();
  }

  @Test
  void append_32ThreadsAtOnce_getDistinctContiguousIndexesAndTheRootOfTheStoredLeaves()
      throws Exception {
    ConcurrentLinkedQueue<Long> indexes = new ConcurrentLinkedQueue<>();
    ExecutorService threads = Executors.newFixedThreadPool(32);
    List<Future<?>> done = new ArrayList<>();
    for (int t = 0; t < 32; t++) {
      int thread = t;
      done.add(
          threads.submit(
              () -> {
                for (int i = 0; i < 150; i++) {
                  indexes.add(log.append(TestLogs.event(thread * 1_000L + i)));
                }
              }));
    }
    for (Future<?> f : done) {
      f.get();
    }
    threads.shutdown();
    log.checkpoint();

    assertThat(indexes.stream().sorted().toList())
        .containsExactlyElementsOf(LongStream.range(0, 4_800).boxed().toList());
    assertThat(log.size()).isEqualTo(4_800);
    List<byte[]> leaves = TestLogs.leafHashes(dataSource);
    Checkpoint checkpoint = log.latestCheckpoint().orElseThrow();
    assertThat(checkpoint.treeSize()).isEqualTo(4_800);
    assertThat(checkpoint.root()).isEqualTo(MerkleTree.root(leaves));
    assertEveryRowHashesItsOwnEntryAtItsIndex();
  }

  @Test
  void append_tableRenamed_throwsAuditUnavailableThenResumesContiguously() throws Exception {
    long first = log.append(TestLogs.event(1));
    execute("alter table audit_entry rename to audit_entry_away");

    assertThatThrownBy(() -> log.append(TestLogs.event(2)))
        .isInstanceOf(AuditUnavailableException.class)
        .hasMessage("the audit log could not be written");

    execute("alter table audit_entry_away rename to audit_entry");
    assertThat(log.append(TestLogs.event(3))).isEqualTo(first + 1);
    assertThat(TestLogs.leafHashes(dataSource)).hasSize(2);
  }

  @Test
  void append_twoLogsOnOneDatabase_shareOneContiguousSequence() throws Exception {
    AuditLog other = TestLogs.started(dataSource, signer, Duration.ofSeconds(5));
    ConcurrentLinkedQueue<Long> indexes = new ConcurrentLinkedQueue<>();
    try {
      Thread first = appendingThread(log, indexes, 0);
      Thread second = appendingThread(other, indexes, 10_000);
      first.join();
      second.join();
      // Whichever log wrote the last batch knows all 600 entries: both sign what they know.
      log.checkpoint();
      other.checkpoint();
    } finally {
      other.stop();
    }

    assertThat(indexes.stream().sorted().toList())
        .containsExactlyElementsOf(LongStream.range(0, 600).boxed().toList());
    assertThat(log.latestCheckpoint().orElseThrow().root())
        .isEqualTo(MerkleTree.root(TestLogs.leafHashes(dataSource)));
  }

  @Test
  void append_afterAnotherNodesLaterEntries_tellsHowFarThisNodesClockIsBehind() throws Exception {
    List<Duration> behind = new CopyOnWriteArrayList<>();
    log.observe(new RecordingObserver(behind));
    AuditLog ahead = TestLogs.started(dataSource, signer, Duration.ofSeconds(5));
    try {
      log.append(TestLogs.event(0));
      ahead.append(TestLogs.event(180_000));
      log.append(TestLogs.event(1));
      ahead.append(TestLogs.event(180_001));
      log.append(TestLogs.event(180_002));
    } finally {
      ahead.stop();
    }

    // Each batch of this log written after the other's entries tells its lag; once level, none.
    assertThat(behind).containsExactly(Duration.ofMillis(179_999));
    assertThat(behind.get(0)).isGreaterThan(ClockAgreement.TOLERANCE);
    assertEveryRowHashesItsOwnEntryAtItsIndex();
  }

  @Test
  void append_lastRowsRemovedUnderneath_failsClosedRatherThanLeaveAGap() throws Exception {
    log.appendAll(LongStream.range(0, 5).mapToObj(TestLogs::event).toList());
    TestLogs.tamper(dataSource, "delete from audit_entry where idx >= 3");

    assertThatThrownBy(() -> log.append(TestLogs.event(5)))
        .isInstanceOf(AuditUnavailableException.class)
        .hasRootCauseMessage(
            "audit_entry ends at entry 2 but the log has 5 entries: run 'vigie audit verify'");
  }

  @Test
  void append_dataSourceClosed_throwsAuditUnavailable() {
    log.append(TestLogs.event(1));
    dataSource.close();

    assertThatThrownBy(() -> log.append(TestLogs.event(2)))
        .isInstanceOf(AuditUnavailableException.class);
  }

  @Test
  void append_appenderHeldBackPastTheTimeout_throwsAuditUnavailableInTime() throws Exception {
    log.stop();
    log = TestLogs.started(dataSource, signer, Duration.ofMillis(300));
    log.append(TestLogs.event(1));
    try (Connection holder = dataSource.getConnection()) {
      holder.setAutoCommit(false);
      try (Statement s = holder.createStatement()) {
        s.execute("lock table audit_entry in exclusive mode");
      }
      long started = System.nanoTime();

      assertThatThrownBy(() -> log.append(TestLogs.event(2)))
          .isInstanceOf(AuditUnavailableException.class)
          .hasMessage("the audit log did not commit in time");
      assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(2));
      holder.rollback();
    }
    long next = log.append(TestLogs.event(3));
    assertThat(next).isBetween(1L, 2L);
    assertThat(TestLogs.leafHashes(dataSource)).hasSize((int) next + 1);
  }

  @Test
  void checkpoint_afterAppends_isASignedNoteThatVerifiesWithThePublicKey() throws Exception {
    for (int i = 0; i < 10; i++) {
      log.append(TestLogs.event(i));
    }
    log.checkpoint();

    Checkpoint checkpoint = log.latestCheckpoint().orElseThrow();
    assertThatCode(() -> checkpoint.verify(signer.publicKey())).doesNotThrowAnyException();
    AuditSigner.verify(
        signer.publicKey(),
        checkpoint.signature(),
        checkpoint.body().getBytes(StandardCharsets.UTF_8));
    String[] lines = checkpoint.signedNote().split("\n");
    assertThat(lines[0]).isEqualTo(TestLogs.ORIGIN);
    assertThat(lines[1]).isEqualTo("10");
    assertThat(Base64.getDecoder().decode(lines[2]))
        .isEqualTo(MerkleTree.root(TestLogs.leafHashes(dataSource)));
    assertThat(lines[3]).startsWith("time 20");
    assertThat(lines[4]).isEmpty();
    assertThat(lines[5]).startsWith("\u2014 " + TestLogs.ORIGIN + " ");
    assertThat(log.verifierKey()).startsWith(TestLogs.ORIGIN + "+");
  }

  @Test
  void checkpoint_withAnotherKey_failsToVerify() throws Exception {
    log.append(TestLogs.event(1));
    log.checkpoint();
    byte[] otherKey = TestLogs.signer(directory.resolve("other")).publicKey();

    assertThatThrownBy(() -> log.latestCheckpoint().orElseThrow().verify(otherKey))
        .isInstanceOf(ProofException.class)
        .hasMessage("checkpoint at size 1: signed by another key");
  }

  @Test
  void start_onAnExistingLog_resumesFromItsCheckpointAndContinuesTheIndexes() throws Exception {
    for (int i = 0; i < 37; i++) {
      log.append(TestLogs.event(i));
    }
    log.stop();
    log = TestLogs.started(dataSource, signer, Duration.ofSeconds(5));

    assertThat(log.size()).isEqualTo(37);
    assertThat(log.append(TestLogs.event(99))).isEqualTo(37);
    log.checkpoint();
    assertThat(log.latestCheckpoint().orElseThrow().root())
        .isEqualTo(MerkleTree.root(TestLogs.leafHashes(dataSource)));
  }

  @Test
  void proofs_fromTheLog_verifyAgainstItsCheckpointRoots() throws Exception {
    log.appendAll(LongStream.range(0, 21).mapToObj(TestLogs::event).toList());
    log.checkpoint();
    Checkpoint at21 = log.latestCheckpoint().orElseThrow();
    log.appendAll(LongStream.range(21, 50).mapToObj(TestLogs::event).toList());
    log.checkpoint();
    Checkpoint at50 = log.latestCheckpoint().orElseThrow();

    for (long index : new long[] {0, 13, 20}) {
      MerkleTree.verifyInclusion(
          index, 21, log.leafHash(index), log.inclusionProof(index, 21), at21.root());
    }
    MerkleTree.verifyInclusion(49, 50, log.leafHash(49), log.inclusionProof(49, 50), at50.root());
    MerkleTree.verifyConsistency(21, 50, log.consistencyProof(21, 50), at21.root(), at50.root());
    assertThatThrownBy(() -> log.inclusionProof(3, 51)).isInstanceOf(VigieException.class);
    assertThatThrownBy(() -> log.consistencyProof(0, 50)).isInstanceOf(VigieException.class);
  }

  @Test
  void updateOrDelete_auditEntry_refusedByTheTable() {
    log.append(TestLogs.event(1));

    assertThatThrownBy(() -> execute("update audit_entry set at = now()"))
        .isInstanceOf(SQLException.class)
        .hasMessageContaining("append-only");
    assertThatThrownBy(() -> execute("delete from audit_entry"))
        .hasMessageContaining("append-only");
    assertThatThrownBy(() -> execute("truncate audit_entry")).hasMessageContaining("append-only");
  }

  private static Thread appendingThread(
      AuditLog target, ConcurrentLinkedQueue<Long> indexes, long firstEvent) {
    return Thread.ofPlatform()
        .start(
            () -> {
              for (long n = firstEvent; n < firstEvent + 300; n++) {
                indexes.add(target.append(TestLogs.event(n)));
              }
            });
  }

  private record RecordingObserver(List<Duration> behind) implements AuditObserver {
    @Override
    public void appended(long nanos) {}

    @Override
    public void batchWritten(int entries) {}

    @Override
    public void behindTheLog(Duration by) {
      behind.add(by);
    }
  }

  private void assertEveryRowHashesItsOwnEntryAtItsIndex() throws SQLException {
    try (Connection c = dataSource.getConnection();
        PreparedStatement s =
            c.prepareStatement("select idx, entry, leaf_hash from audit_entry order by idx");
        ResultSet rows = s.executeQuery()) {
      while (rows.next()) {
        byte[] entry = rows.getBytes(2);
        assertThat(AuditEntry.indexOf(entry)).isEqualTo(rows.getLong(1));
        assertThat(Arrays.equals(MerkleTree.leafHash(entry), rows.getBytes(3))).isTrue();
      }
    }
  }

  private void execute(String sql) throws SQLException {
    try (Connection c = dataSource.getConnection();
        Statement s = c.createStatement()) {
      s.execute(sql);
    }
  }
}
