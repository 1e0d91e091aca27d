package fr.vigie.audit;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.List;

/**
 * Consistency proofs between two tree heads, honest or tampered with: {@link
 * MerkleTree#verifyConsistency} accepts exactly what the reference reading of RFC 6962 accepts (so
 * never a rewritten history), and refuses only with a {@link ProofException}.
 */
public class ConsistencyProofFuzzTest {

  @FuzzTest(maxDuration = "10s")
  void verifyConsistency_tamperedProof_agreesWithReference(FuzzedDataProvider data) {
    check(data);
  }

  /** The property, for this test and for {@link fr.vigie.AllParsersFuzzTest}. */
  public static void check(FuzzedDataProvider data) {
    int n = data.consumeInt(1, 70);
    List<byte[]> leaves = ProofFuzzing.leaves(n, data.consumeInt());
    int honestOld = data.consumeInt(0, n);
    long size1 = ProofFuzzing.size(data, honestOld);
    long size2 = ProofFuzzing.size(data, n);
    List<byte[]> honest =
        honestOld > 0 && honestOld < n ? MerkleTree.consistencyProof(leaves, honestOld) : List.of();
    byte[] root1 = ProofFuzzing.hash(data, MerkleTree.root(leaves.subList(0, honestOld)));
    byte[] root2 = ProofFuzzing.hash(data, MerkleTree.root(leaves));
    List<byte[]> proof = ProofFuzzing.tampered(data, honest);

    boolean accepted;
    try {
      MerkleTree.verifyConsistency(size1, size2, proof, root1, root2);
      accepted = true;
    } catch (ProofException e) {
      accepted = false;
    }

    assertThat(accepted)
        .as("sizes %d to %d, %d steps", size1, size2, proof.size())
        .isEqualTo(ReferenceProofs.consistencyHolds(size1, size2, proof, root1, root2));
  }
}
