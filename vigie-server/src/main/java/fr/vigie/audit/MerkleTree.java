package fr.vigie.audit;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;

/**
 * RFC 6962 / RFC 9162 Merkle trees over SHA-256: leaf = H(0x00 || entry), node = H(0x01 || left ||
 * right). Pure static functions: roots, proof generation, and proof verification that bounds its
 * untrusted input before any work and fails with a {@link ProofException} naming the step.
 */
public final class MerkleTree {
  /** Bytes of every hash. */
  public static final int HASH_BYTES = 32;

  /** No tree of at most 2^63 - 1 leaves has a longer inclusion or consistency proof. */
  public static final int MAX_PROOF_LENGTH = 64;

  private static final ThreadLocal<MessageDigest> SHA256 =
      ThreadLocal.withInitial(MerkleTree::newSha256);
  private static final byte[] EMPTY_ROOT = newSha256().digest();

  private MerkleTree() {}

  /** The root of the tree with no leaves: SHA-256 of nothing. */
  public static byte[] emptyRoot() {
    return EMPTY_ROOT.clone();
  }

  public static byte[] leafHash(byte[] entry) {
    MessageDigest sha = SHA256.get();
    sha.update((byte) 0);
    return sha.digest(entry);
  }

  public static byte[] nodeHash(byte[] left, byte[] right) {
    MessageDigest sha = SHA256.get();
    sha.update((byte) 1);
    sha.update(left);
    return sha.digest(right);
  }

  /** The Merkle tree hash (RFC 6962 MTH) of these leaf hashes, for any number of them. */
  public static byte[] root(List<byte[]> leafHashes) {
    CompactRange range = new CompactRange();
    leafHashes.forEach(range::append);
    return range.root();
  }

  /** The inclusion proof of leaf {@code index} in the tree of {@code leafHashes}. */
  public static List<byte[]> inclusionProof(List<byte[]> leafHashes, long index) {
    return ProofRanges.inclusion(index, leafHashes.size()).stream()
        .map(r -> root(leafHashes.subList((int) r.from(), (int) r.to())))
        .toList();
  }

  /** The proof that the tree of the first {@code size1} leaf hashes is a prefix of the whole. */
  public static List<byte[]> consistencyProof(List<byte[]> leafHashes, long size1) {
    return ProofRanges.consistency(size1, leafHashes.size()).stream()
        .map(r -> root(leafHashes.subList((int) r.from(), (int) r.to())))
        .toList();
  }

  /** Checks that {@code leafHash} is leaf {@code index} of the tree of {@code treeSize}. */
  public static void verifyInclusion(
      long index, long treeSize, byte[] leafHash, List<byte[]> proof, byte[] root)
      throws ProofException {
    ProofChecks.hash(leafHash, "leaf hash");
    ProofChecks.hash(root, "root");
    if (treeSize <= 0 || index < 0 || index >= treeSize) {
      throw new ProofException("leaf " + index + " is not in a tree of " + treeSize, -1);
    }
    ProofChecks.components(proof);
    long fn = index;
    long sn = treeSize - 1;
    byte[] r = leafHash;
    for (int step = 0; step < proof.size(); step++) {
      if (sn == 0) {
        throw new ProofException("proof step " + step + ": past the root of the tree", step);
      }
      byte[] p = proof.get(step);
      if ((fn & 1) == 1 || fn == sn) {
        r = nodeHash(p, r);
        while ((fn & 1) == 0 && fn != 0) {
          fn >>>= 1;
          sn >>>= 1;
        }
      } else {
        r = nodeHash(r, p);
      }
      fn >>>= 1;
      sn >>>= 1;
    }
    if (sn != 0) {
      throw new ProofException(
          "proof has " + proof.size() + " steps: too short to reach the root", proof.size());
    }
    ProofChecks.sameRoot(r, root, "the root");
  }

  /** Checks that the tree of {@code size2} with {@code root2} extends that of size1, root1. */
  public static void verifyConsistency(
      long size1, long size2, List<byte[]> proof, byte[] root1, byte[] root2)
      throws ProofException {
    ProofChecks.consistencyInputs(size1, size2, proof, root1, root2);
    if (size1 == size2) {
      return;
    }
    // When the old tree is a perfect left subtree, its root is the proof's implicit first node.
    boolean implicit = Long.bitCount(size1) == 1;
    int offset = implicit ? 1 : 0;
    long fn = size1 - 1;
    long sn = size2 - 1;
    while ((fn & 1) == 1) {
      fn >>>= 1;
      sn >>>= 1;
    }
    byte[] fr = implicit ? root1 : proof.get(0);
    byte[] sr = fr;
    for (int step = 1 - offset; step < proof.size(); step++) {
      if (sn == 0) {
        throw new ProofException("proof step " + step + ": past the root of the tree", step);
      }
      byte[] c = proof.get(step);
      if ((fn & 1) == 1 || fn == sn) {
        fr = nodeHash(c, fr);
        sr = nodeHash(c, sr);
        while ((fn & 1) == 0 && fn != 0) {
          fn >>>= 1;
          sn >>>= 1;
        }
      } else {
        sr = nodeHash(sr, c);
      }
      fn >>>= 1;
      sn >>>= 1;
    }
    if (sn != 0) {
      throw new ProofException(
          "proof has " + proof.size() + " steps: too short to reach the root", proof.size());
    }
    ProofChecks.sameRoot(fr, root1, "the first root");
    ProofChecks.sameRoot(sr, root2, "the second root");
  }

  private static MessageDigest newSha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }
}
