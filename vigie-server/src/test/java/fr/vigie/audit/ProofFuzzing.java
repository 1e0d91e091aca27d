package fr.vigie.audit;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/** Builds honest trees and proofs, then lets the fuzzer tamper with them. */
final class ProofFuzzing {
  private ProofFuzzing() {}

  /** {@code n} leaf hashes, distinct for each (n, salt). */
  static List<byte[]> leaves(int n, int salt) {
    List<byte[]> leaves = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      leaves.add(MerkleTree.leafHash(ByteBuffer.allocate(8).putInt(salt).putInt(i).array()));
    }
    return leaves;
  }

  /** A size near the honest one most of the time, any long otherwise. */
  static long size(FuzzedDataProvider data, long honest) {
    return switch (data.consumeInt(0, 3)) {
      case 0 -> honest;
      case 1 -> honest + data.consumeInt(-2, 2);
      case 2 -> data.consumeLong(0, 2 * honest + 2);
      default -> data.consumeLong();
    };
  }

  /** The honest value, or bytes of the fuzzer's choosing (often 32 of them). */
  static byte[] hash(FuzzedDataProvider data, byte[] honest) {
    return switch (data.consumeInt(0, 3)) {
      case 0, 1 -> honest;
      case 2 -> flipped(honest, data.consumeInt(0, 255));
      default -> data.consumeBytes(data.consumeBoolean() ? 32 : data.consumeInt(0, 40));
    };
  }

  /** The honest proof with a few of the fuzzer's edits: drop, add, replace, swap, flip. */
  static List<byte[]> tampered(FuzzedDataProvider data, List<byte[]> honest) {
    List<byte[]> proof = new ArrayList<>(honest);
    int edits = data.consumeInt(0, 3);
    for (int e = 0; e < edits; e++) {
      int at = proof.isEmpty() ? 0 : data.consumeInt(0, proof.size() - 1);
      switch (data.consumeInt(0, 4)) {
        case 0 -> {
          if (!proof.isEmpty()) {
            proof.remove(at);
          }
        }
        case 1 ->
            proof.add(at, data.consumeBytes(data.consumeBoolean() ? 32 : data.consumeInt(0, 40)));
        case 2 -> {
          if (!proof.isEmpty()) {
            proof.set(at, flipped(proof.get(at), data.consumeInt(0, 255)));
          }
        }
        case 3 -> {
          if (proof.size() > 1) {
            int other = data.consumeInt(0, proof.size() - 1);
            byte[] t = proof.get(at);
            proof.set(at, proof.get(other));
            proof.set(other, t);
          }
        }
        default -> {
          int copies = data.consumeInt(0, 70);
          for (int i = 0; i < copies; i++) {
            proof.add(data.consumeBytes(32));
          }
        }
      }
    }
    return proof;
  }

  private static byte[] flipped(byte[] bytes, int bit) {
    byte[] copy = bytes.clone();
    if (copy.length > 0) {
      copy[(bit / 8) % copy.length] ^= (byte) (1 << (bit % 8));
    }
    return copy;
  }
}
