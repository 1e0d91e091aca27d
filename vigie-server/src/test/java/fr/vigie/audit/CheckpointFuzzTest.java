package fr.vigie.audit;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import fr.vigie.crypto.AuditSigner;
import java.nio.file.Files;
import java.time.Instant;

/**
 * A signed checkpoint read back from the database or handed to a witness, each field possibly
 * changed: {@link Checkpoint#verify} accepts it only when its signed text is the one that was
 * signed, and refuses only with a {@link ProofException}.
 */
public class CheckpointFuzzTest {
  private static final AuditSigner SIGNER = signer();
  private static final Checkpoint SIGNED = signed();

  @FuzzTest(maxDuration = "10s")
  void verify_tamperedCheckpoint_acceptsOnlyTheSignedText(FuzzedDataProvider data) {
    check(data);
  }

  /** The property, for this test and for {@link fr.vigie.AllParsersFuzzTest}. */
  public static void check(FuzzedDataProvider data) {
    Checkpoint c = SIGNED;
    String origin = data.consumeBoolean() ? c.origin() : data.consumeString(40);
    long size = data.consumeBoolean() ? c.treeSize() : data.consumeLong();
    byte[] root = data.consumeBoolean() ? c.root() : data.consumeBytes(data.consumeInt(0, 40));
    Instant at =
        data.consumeBoolean() ? c.at() : Instant.ofEpochMilli(data.consumeLong(0, 1L << 45));
    long keyId = data.consumeBoolean() ? c.keyId() : data.consumeLong();
    byte[] signature =
        data.consumeBoolean() ? c.signature() : data.consumeBytes(data.consumeInt(0, 80));
    Checkpoint candidate = new Checkpoint(origin, size, root, at, keyId, signature);
    byte[] key = data.consumeInt(0, 9) == 0 ? data.consumeBytes(32) : SIGNER.publicKey();

    boolean accepted;
    try {
      candidate.verify(key);
      accepted = true;
    } catch (ProofException e) {
      accepted = false;
    }

    if (accepted) {
      assertThat(candidate.body()).isEqualTo(SIGNED.body());
    }
    if (candidate.equals(SIGNED) && java.util.Arrays.equals(key, SIGNER.publicKey())) {
      assertThat(accepted).as("the checkpoint as signed").isTrue();
    }
  }

  private static AuditSigner signer() {
    try {
      return TestLogs.signer(Files.createTempDirectory("checkpoint-fuzz"));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static Checkpoint signed() {
    try {
      return Checkpoint.sign(
          TestLogs.ORIGIN,
          1234,
          MerkleTree.root(ProofFuzzing.leaves(1234, 7)),
          Instant.parse("2026-03-02T09:00:00.123Z"),
          SIGNER);
    } catch (java.security.GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }
}
