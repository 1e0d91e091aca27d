package fr.vigie.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fr.vigie.testing.SharedData;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/** The Merkle tree against the RFC 6962 vectors of transparency-dev, and against itself. */
class MerkleTreeTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HexFormat HEX = HexFormat.of();

  @Test
  void root_treeOfEightPrefixes_matchesEveryVectorRoot() {
    JsonNode tree = JSON.readTree(SharedData.path("rfc6962/tree-of-eight.json"));
    List<byte[]> leaves = treeOfEightLeafHashes();
    for (int size = 0; size <= 8; size++) {
      String expected = tree.get("root_hex_by_tree_size").get(String.valueOf(size)).asString();
      assertThat(HEX.formatHex(MerkleTree.root(leaves.subList(0, size))))
          .as("root of size %d", size)
          .isEqualTo(expected);
    }
    assertThat(HEX.formatHex(MerkleTree.emptyRoot()))
        .isEqualTo(tree.get("empty_tree_root_hex").asString());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("inclusionVectors")
  void verifyInclusion_vectorFile_acceptsHappyPathAndRejectsMutation(String file) {
    JsonNode v = JSON.readTree(SharedData.path("rfc6962/" + file));
    var verification =
        assertThatCode(
            () ->
                MerkleTree.verifyInclusion(
                    uint64(v.get("leafIdx")),
                    uint64(v.get("treeSize")),
                    bytes(v.get("leafHash")),
                    proof(v.get("proof")),
                    bytes(v.get("root"))));
    if (v.get("wantErr").asBoolean()) {
      verification.as(v.get("desc").asString()).isInstanceOf(ProofException.class);
    } else {
      verification.doesNotThrowAnyException();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("consistencyVectors")
  void verifyConsistency_vectorFile_acceptsHappyPathAndRejectsMutation(String file) {
    JsonNode v = JSON.readTree(SharedData.path("rfc6962/" + file));
    var verification =
        assertThatCode(
            () ->
                MerkleTree.verifyConsistency(
                    uint64(v.get("size1")),
                    uint64(v.get("size2")),
                    proof(v.get("proof")),
                    bytes(v.get("root1")),
                    bytes(v.get("root2"))));
    if (v.get("wantErr").asBoolean()) {
      verification.as(v.get("desc").asString()).isInstanceOf(ProofException.class);
    } else {
      verification.doesNotThrowAnyException();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("treeOfEightHappyPaths")
  void proofs_treeOfEightHappyPath_equalVectorProof(String file) {
    JsonNode v = JSON.readTree(SharedData.path("rfc6962/" + file));
    List<byte[]> leaves = treeOfEightLeafHashes();
    List<byte[]> generated =
        v.has("leafIdx")
            ? MerkleTree.inclusionProof(
                leaves.subList(0, v.get("treeSize").asInt()), uint64(v.get("leafIdx")))
            : MerkleTree.consistencyProof(
                leaves.subList(0, v.get("size2").asInt()), uint64(v.get("size1")));
    assertThat(generated.stream().map(HEX::formatHex))
        .containsExactlyElementsOf(proof(v.get("proof")).stream().map(HEX::formatHex).toList());
  }

  @Test
  void root_randomTreesUpTo300_equalsRecursiveDefinition() {
    List<byte[]> leaves = randomLeafHashes(300, 1);
    for (int size = 0; size <= 300; size++) {
      assertThat(MerkleTree.root(leaves.subList(0, size)))
          .as("size %d", size)
          .isEqualTo(recursiveRoot(leaves.subList(0, size)));
    }
  }

  @Test
  void inclusionProof_everySizeUpTo300_verifiesAndFailsOnAnyFlippedBit() throws Exception {
    List<byte[]> all = randomLeafHashes(300, 2);
    Random random = new Random(3);
    for (int n = 1; n <= 300; n++) {
      int size = n;
      List<byte[]> leaves = all.subList(0, size);
      byte[] root = MerkleTree.root(leaves);
      for (long index : indexesToTry(size, random)) {
        List<byte[]> proof = MerkleTree.inclusionProof(leaves, index);
        byte[] leaf = leaves.get((int) index);
        MerkleTree.verifyInclusion(index, size, leaf, proof, root);
        if (!proof.isEmpty()) {
          List<byte[]> flipped = flipOneBit(proof, random);
          assertThatThrownBy(() -> MerkleTree.verifyInclusion(index, size, leaf, flipped, root))
              .isInstanceOf(ProofException.class);
        }
        if (size > 1) {
          long other = (index + 1) % size;
          assertThatThrownBy(() -> MerkleTree.verifyInclusion(other, size, leaf, proof, root))
              .isInstanceOf(ProofException.class);
        }
      }
    }
  }

  @Test
  void consistencyProof_everySizeUpTo300_verifiesAndFailsOnAnyFlippedBit() throws Exception {
    List<byte[]> all = randomLeafHashes(300, 4);
    Random random = new Random(5);
    for (int size2 = 1; size2 <= 300; size2++) {
      byte[] root2 = MerkleTree.root(all.subList(0, size2));
      for (long size1 : indexesToTry(size2, random)) {
        long from = size1 + 1;
        byte[] root1 = MerkleTree.root(all.subList(0, (int) from));
        List<byte[]> proof = MerkleTree.consistencyProof(all.subList(0, size2), from);
        MerkleTree.verifyConsistency(from, size2, proof, root1, root2);
        if (!proof.isEmpty()) {
          List<byte[]> flipped = flipOneBit(proof, random);
          long to = size2;
          assertThatThrownBy(() -> MerkleTree.verifyConsistency(from, to, flipped, root1, root2))
              .isInstanceOf(ProofException.class);
        }
      }
    }
  }

  @Test
  void verifyInclusion_proofOfMoreThan64Steps_refusedBeforeHashing() {
    List<byte[]> proof = new ArrayList<>();
    for (int i = 0; i < 65; i++) {
      proof.add(new byte[32]);
    }
    assertThatThrownBy(
            () -> MerkleTree.verifyInclusion(0, Long.MAX_VALUE, new byte[32], proof, new byte[32]))
        .isInstanceOf(ProofException.class)
        .hasMessageContaining("at most 64")
        .extracting(e -> ((ProofException) e).index())
        .isEqualTo(-1L);
  }

  @Test
  void verifyInclusion_shortComponent_namesItsStep() {
    List<byte[]> leaves = randomLeafHashes(8, 6);
    List<byte[]> proof = new ArrayList<>(MerkleTree.inclusionProof(leaves, 3));
    proof.set(1, new byte[31]);
    assertThatThrownBy(
            () -> MerkleTree.verifyInclusion(3, 8, leaves.get(3), proof, MerkleTree.root(leaves)))
        .isInstanceOf(ProofException.class)
        .hasMessage("proof step 1: not a 32-byte hash")
        .extracting(e -> ((ProofException) e).index())
        .isEqualTo(1L);
  }

  @Test
  void verifyInclusion_negativeSizeOrIndex_refused() {
    byte[] hash = new byte[32];
    assertThatThrownBy(() -> MerkleTree.verifyInclusion(0, -1, hash, List.of(), hash))
        .isInstanceOf(ProofException.class);
    assertThatThrownBy(() -> MerkleTree.verifyInclusion(-1, 4, hash, List.of(), hash))
        .isInstanceOf(ProofException.class);
  }

  @Test
  void compactRange_restoredFromFrontier_keepsRootAndAppendsAlike() {
    List<byte[]> leaves = randomLeafHashes(100, 7);
    CompactRange range = new CompactRange();
    for (int i = 0; i < 100; i++) {
      CompactRange restored = CompactRange.of(range.size(), range.frontier());
      assertThat(restored.root()).isEqualTo(range.root());
      restored.append(leaves.get(i));
      range.append(leaves.get(i));
      assertThat(restored.root()).isEqualTo(range.root());
    }
  }

  static Stream<String> inclusionVectors() throws IOException {
    return vectorFiles("inclusion");
  }

  static Stream<String> consistencyVectors() throws IOException {
    return vectorFiles("consistency");
  }

  static Stream<String> treeOfEightHappyPaths() throws IOException {
    return Stream.concat(vectorFiles("inclusion"), vectorFiles("consistency"))
        .filter(f -> f.matches("\\w+/\\d/happy-path\\.json"));
  }

  /** Every JSON file under the directory, so that a new vector is tested without a code change. */
  private static Stream<String> vectorFiles(String directory) throws IOException {
    Path root = SharedData.path("rfc6962");
    try (Stream<Path> files = Files.walk(root.resolve(directory))) {
      List<String> names =
          files
              .filter(p -> p.toString().endsWith(".json"))
              .map(p -> root.relativize(p).toString())
              .sorted()
              .toList();
      assertThat(names).hasSizeGreaterThan(50);
      return names.stream();
    }
  }

  private static List<byte[]> treeOfEightLeafHashes() {
    JsonNode tree = JSON.readTree(SharedData.path("rfc6962/tree-of-eight.json"));
    List<byte[]> leaves = new ArrayList<>();
    tree.get("leaf_inputs_hex")
        .values()
        .forEach(input -> leaves.add(MerkleTree.leafHash(HEX.parseHex(input.asString()))));
    return leaves;
  }

  /**
   * The vectors' sizes and indexes are Go uint64s; the mutated ones wrap past 2^63. Java reads them
   * as the same 64 bits in a signed long, which the verifier must refuse as negative.
   */
  private static long uint64(JsonNode number) {
    return new BigInteger(number.toString()).longValue();
  }

  private static byte[] bytes(JsonNode base64) {
    return base64 == null || base64.isNull() ? null : Base64.getDecoder().decode(base64.asString());
  }

  private static List<byte[]> proof(JsonNode proof) {
    List<byte[]> nodes = new ArrayList<>();
    if (proof != null && !proof.isNull()) {
      proof.values().forEach(node -> nodes.add(bytes(node)));
    }
    return nodes;
  }

  /** RFC 6962 section 2.1 as written: MTH(D[n]) = H(1 || MTH(D[0:k]) || MTH(D[k:n])). */
  private static byte[] recursiveRoot(List<byte[]> leaves) {
    if (leaves.isEmpty()) {
      return MerkleTree.emptyRoot();
    }
    if (leaves.size() == 1) {
      return leaves.get(0);
    }
    int k = Integer.highestOneBit(leaves.size() - 1);
    return MerkleTree.nodeHash(
        recursiveRoot(leaves.subList(0, k)), recursiveRoot(leaves.subList(k, leaves.size())));
  }

  private static List<byte[]> randomLeafHashes(int count, long seed) {
    Random random = new Random(seed);
    List<byte[]> leaves = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      byte[] entry = new byte[random.nextInt(40)];
      random.nextBytes(entry);
      leaves.add(MerkleTree.leafHash(entry));
    }
    return leaves;
  }

  /** The first, second, middle and last index, and two at random. */
  private static List<Long> indexesToTry(int size, Random random) {
    return Stream.of(0, 1, size / 2, size - 1, random.nextInt(size), random.nextInt(size))
        .filter(i -> i < size)
        .distinct()
        .map(Long::valueOf)
        .toList();
  }

  private static List<byte[]> flipOneBit(List<byte[]> proof, Random random) {
    List<byte[]> flipped = new ArrayList<>(proof);
    int step = random.nextInt(proof.size());
    byte[] node = proof.get(step).clone();
    node[random.nextInt(node.length)] ^= (byte) (1 << random.nextInt(8));
    flipped.set(step, node);
    return flipped;
  }
}
