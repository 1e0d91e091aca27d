package fr.vigie.bench;

import fr.vigie.crypto.BlindIndex;
import fr.vigie.crypto.DataKey;
import fr.vigie.crypto.FieldCipher;
import fr.vigie.crypto.KeyRing;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.Comparator;
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
 * The cost of one personal field: encrypting it under a person's data key, decrypting it, and
 * computing its blind index; and the per-person cost of a new data key. The baseline is copying the
 * same bytes, measured in the same run.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class FieldCryptoBenchmark {
  private static final String OWNER = "0190a3b2-5c1e-7d2f-8a3b-4c5d6e7f8091";
  private static final byte[] NAME = "Marie-Hélène Dupont-Lefèvre".getBytes(StandardCharsets.UTF_8);
  private static final String NIR = "295109912611193";

  private Path keys;
  private FieldCipher cipher;
  private BlindIndex index;
  private DataKey dataKey;
  private byte[] ciphertext;

  @Setup(Level.Trial)
  public void setUp() throws IOException, GeneralSecurityException {
    keys = Files.createTempDirectory("vigie-jmh-keys");
    KeyRing ring = KeyRing.open("file:" + keys.resolve("kek.json"), keys, KeyRing.INDEX_FIELDS);
    cipher = ring.fieldCipher();
    index = ring.blindIndex();
    dataKey = cipher.newDataKey(OWNER);
    ciphertext = dataKey.encrypt("first_names", NAME);
  }

  @TearDown(Level.Trial)
  public void tearDown() throws IOException {
    try (Stream<Path> files = Files.walk(keys)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }

  @Benchmark
  public byte[] baselineCopy() {
    return NAME.clone();
  }

  @Benchmark
  public byte[] encryptField() throws GeneralSecurityException {
    return dataKey.encrypt("first_names", NAME);
  }

  @Benchmark
  public byte[] decryptField() throws GeneralSecurityException {
    return dataKey.decryptField("first_names", ciphertext);
  }

  @Benchmark
  public byte[] blindIndex() throws GeneralSecurityException {
    return index.compute("nir", NIR);
  }

  @Benchmark
  public DataKey newDataKey() throws GeneralSecurityException {
    return cipher.newDataKey(OWNER);
  }

  @Benchmark
  public DataKey openDataKey() throws GeneralSecurityException {
    return cipher.openDataKey(OWNER, dataKey.wrapped());
  }
}
