package fr.vigie.bench;

import fr.vigie.crypto.DataKey;
import fr.vigie.crypto.FieldCipher;
import fr.vigie.crypto.KeyRing;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One person's fields sealed as today, one ciphertext per field (14), against sealed per field
 * group (identity, contact, registration: 3 ciphertexts, each group's fields length-prefixed in one
 * plaintext, bound to the person and the group): what issue 13 allows "if it measures faster".
 * Opening is all fields, as an advisor's read shows them.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class SealingShapeBenchmark {
  private static final String OWNER = "0190a3b2-5c1e-7d2f-8a3b-4c5d6e7f8091";

  /** The register's 14 fields as the import stores them, with a typical value each. */
  private static final String[][] FIELDS = {
    {"identifier", "1234567A"},
    {"nir", "295109912611193"},
    {"sex", "F"},
    {"birth_name", "Dupont-Lefèvre"},
    {"usual_name", "Martin"},
    {"first_names", "Marie-Hélène Claire"},
    {"birth_date", "1995-10-03"},
    {"birth_place", "99126"},
    {"email", "marie.martin@example.fr"},
    {"phone", "+33612345678"},
    {"address", "12 rue des Lilas, 69003 Lyon"},
    {"category", "1"},
    {"registered_on", "2024-03-18"},
    {"left_on", ""},
  };

  /** The groups: the first eight fields, the next three, the last three. */
  private static final String[] GROUPS = {"identity", "contact", "registration"};

  private static final int[] GROUP_ENDS = {8, 11, 14};

  private Path keys;
  private DataKey dataKey;
  private byte[][] fieldPlaintexts;
  private byte[][] fieldCiphertexts;
  private byte[][] groupCiphertexts;

  @Setup(Level.Trial)
  public void setUp() throws IOException, GeneralSecurityException {
    keys = Files.createTempDirectory("vigie-jmh-keys");
    KeyRing ring = KeyRing.open("file:" + keys.resolve("kek.json"), keys, KeyRing.INDEX_FIELDS);
    FieldCipher cipher = ring.fieldCipher();
    dataKey = cipher.newDataKey(OWNER);
    fieldPlaintexts = new byte[FIELDS.length][];
    for (int i = 0; i < FIELDS.length; i++) {
      fieldPlaintexts[i] = FIELDS[i][1].getBytes(StandardCharsets.UTF_8);
    }
    fieldCiphertexts = sealFields();
    groupCiphertexts = sealGroups();
  }

  @TearDown(Level.Trial)
  public void tearDown() throws IOException {
    try (Stream<Path> files = Files.walk(keys)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }

  @Benchmark
  public byte[][] sealFields() throws GeneralSecurityException {
    byte[][] sealed = new byte[FIELDS.length][];
    for (int i = 0; i < FIELDS.length; i++) {
      sealed[i] = dataKey.encrypt(FIELDS[i][0], fieldPlaintexts[i]);
    }
    return sealed;
  }

  @Benchmark
  public byte[][] sealGroups() throws GeneralSecurityException {
    byte[][] sealed = new byte[GROUPS.length][];
    int first = 0;
    for (int g = 0; g < GROUPS.length; g++) {
      sealed[g] = dataKey.encrypt(GROUPS[g], packed(first, GROUP_ENDS[g]));
      first = GROUP_ENDS[g];
    }
    return sealed;
  }

  @Benchmark
  public List<String> openFields() throws GeneralSecurityException {
    List<String> clear = new ArrayList<>(FIELDS.length);
    for (int i = 0; i < FIELDS.length; i++) {
      clear.add(
          new String(
              dataKey.decryptField(FIELDS[i][0], fieldCiphertexts[i]), StandardCharsets.UTF_8));
    }
    return clear;
  }

  @Benchmark
  public List<String> openGroups() throws GeneralSecurityException {
    List<String> clear = new ArrayList<>(FIELDS.length);
    for (int g = 0; g < GROUPS.length; g++) {
      ByteBuffer group = ByteBuffer.wrap(dataKey.decryptField(GROUPS[g], groupCiphertexts[g]));
      while (group.hasRemaining()) {
        byte[] value = new byte[group.getInt()];
        group.get(value);
        clear.add(new String(value, StandardCharsets.UTF_8));
      }
    }
    return clear;
  }

  /** Fields {@code first} (inclusive) to {@code end} (exclusive), each length-prefixed. */
  private byte[] packed(int first, int end) {
    int size = 0;
    for (int i = first; i < end; i++) {
      size += 4 + fieldPlaintexts[i].length;
    }
    ByteBuffer packed = ByteBuffer.allocate(size);
    for (int i = first; i < end; i++) {
      packed.putInt(fieldPlaintexts[i].length).put(fieldPlaintexts[i]);
    }
    return packed.array();
  }
}
