package fr.vigie.audit;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.List;

/**
 * Inclusion proofs as a witness receives them, honest or tampered with: {@link
 * MerkleTree#verifyInclusion} accepts exactly what the reference reading of RFC 6962 accepts, and
 * refuses only with a {@link ProofException}.
 */
public class InclusionProofFuzzTest {

  @FuzzTest(maxDuration = "10s")
  void verifyInclusion_tamperedProof_agreesWithReference(FuzzedDataProvider data) {
    check(data);
  }

  /** The property, for this test and for {@link fr.vigie.AllParsersFuzzTest}. */
  public static void check(FuzzedDataProvider data) {
    int n = data.consumeInt(1, 70);
    List<byte[]> leaves = ProofFuzzing.leaves(n, data.consumeInt());
    long index = data.consumeBoolean() ? data.consumeLong(0, n - 1) : data.consumeLong();
    long size = ProofFuzzing.size(data, n);
    List<byte[]> tree = leaves.subList(0, (int) Math.max(1, Math.min(n, size)));
    List<byte[]> honest =
        index >= 0 && index < tree.size() ? MerkleTree.inclusionProof(tree, index) : List.of();
    byte[] leaf = ProofFuzzing.hash(data, leaves.get((int) Math.floorMod(index, (long) n)));
    byte[] root = ProofFuzzing.hash(data, MerkleTree.root(tree));
    List<byte[]> proof = ProofFuzzing.tampered(data, honest);

    boolean accepted;
    try {
      MerkleTree.verifyInclusion(index, size, leaf, proof, root);
      accepted = true;
    } catch (ProofException e) {
      accepted = false;
    }

    assertThat(accepted)
        .as("index %d, size %d, %d steps", index, size, proof.size())
        .isEqualTo(ReferenceProofs.inclusionHolds(index, size, leaf, proof, root));
  }
}
