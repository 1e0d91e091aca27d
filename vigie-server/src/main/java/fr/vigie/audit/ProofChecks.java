package fr.vigie.audit;

import java.security.MessageDigest;
import java.util.List;

/** The bounds a proof's untrusted input must meet before any hashing. */
final class ProofChecks {
  private ProofChecks() {}

  static void hash(byte[] hash, String what) throws ProofException {
    if (hash == null || hash.length != MerkleTree.HASH_BYTES) {
      throw new ProofException(
          what + " has " + (hash == null ? "no" : hash.length) + " bytes, expected 32", -1);
    }
  }

  static void components(List<byte[]> proof) throws ProofException {
    if (proof.size() > MerkleTree.MAX_PROOF_LENGTH) {
      throw new ProofException(
          "proof has " + proof.size() + " steps, at most " + MerkleTree.MAX_PROOF_LENGTH, -1);
    }
    for (int step = 0; step < proof.size(); step++) {
      byte[] node = proof.get(step);
      if (node == null || node.length != MerkleTree.HASH_BYTES) {
        throw new ProofException("proof step " + step + ": not a 32-byte hash", step);
      }
    }
  }

  /**
   * The checks of a consistency proof that need no hashing. Equal sizes are consistent when the
   * roots are equal and the proof empty (the root of size 0 is known); size 0 against a larger tree
   * proves nothing, so it is refused rather than trivially accepted.
   */
  static void consistencyInputs(
      long size1, long size2, List<byte[]> proof, byte[] root1, byte[] root2)
      throws ProofException {
    if (size1 < 0 || size1 > size2) {
      throw new ProofException("size " + size1 + " cannot precede size " + size2, -1);
    }
    if (size1 == size2) {
      if (!proof.isEmpty()) {
        throw new ProofException("sizes are equal but the proof is not empty", 0);
      }
      if (root1 == null || !MessageDigest.isEqual(root1, root2)) {
        throw new ProofException("sizes are equal but the roots differ", -1);
      }
      if (size1 == 0) {
        sameRoot(root1, MerkleTree.emptyRoot(), "the root of the empty tree");
      }
      return;
    }
    if (size1 == 0) {
      throw new ProofException("a proof from the empty tree proves nothing", -1);
    }
    hash(root1, "first root");
    hash(root2, "second root");
    if (proof.isEmpty()) {
      throw new ProofException("proof is empty", -1);
    }
    components(proof);
  }

  static void sameRoot(byte[] computed, byte[] expected, String what) throws ProofException {
    if (!MessageDigest.isEqual(computed, expected)) {
      throw new ProofException("computed root does not match " + what, -1);
    }
  }
}
