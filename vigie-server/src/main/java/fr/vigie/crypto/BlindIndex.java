package fr.vigie.crypto;

import com.google.crypto.tink.Aead;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.RegistryConfiguration;
import com.google.crypto.tink.TinkJsonProtoKeysetFormat;
import com.google.crypto.tink.prf.PredefinedPrfParameters;
import com.google.crypto.tink.prf.PrfConfig;
import com.google.crypto.tink.prf.PrfSet;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Keyed PRF values (HMAC-SHA256, truncated to 128 bits) for exact lookups, one key per field. They
 * reveal whether two values are equal and nothing else. The keysets are stored encrypted under the
 * key-encryption key, never in the database.
 */
public final class BlindIndex {
  /** Bytes of each index value: 128 bits keep collisions negligible at the register's scale. */
  public static final int LENGTH = 16;

  private final Map<String, PrfSet> prfs;

  private BlindIndex(Map<String, PrfSet> prfs) {
    this.prfs = prfs;
  }

  /**
   * Opens the index keys of {@code fields} in {@code directory} ({@code index-<field>.json}),
   * creating the missing ones.
   */
  static BlindIndex openOrCreate(Path directory, KeyEncryptionKey kek, List<String> fields)
      throws GeneralSecurityException, IOException {
    PrfConfig.register();
    if (!Files.isDirectory(directory)) {
      Files.createDirectories(
          directory,
          PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
    }
    Aead wrapping = new KekAead(kek);
    Map<String, PrfSet> prfs = new TreeMap<>();
    for (String field : fields) {
      Path file = directory.resolve("index-" + field + ".json");
      byte[] context = ("vigie-blind-index|" + field).getBytes(StandardCharsets.UTF_8);
      if (!Files.exists(file)) {
        KeysetHandle fresh = KeysetHandle.generateNew(PredefinedPrfParameters.HMAC_SHA256_PRF);
        Files.writeString(
            Files.createFile(
                file,
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"))),
            TinkJsonProtoKeysetFormat.serializeEncryptedKeyset(fresh, wrapping, context));
      }
      KeysetHandle keyset =
          TinkJsonProtoKeysetFormat.parseEncryptedKeyset(
              Files.readString(file, StandardCharsets.UTF_8), wrapping, context);
      prfs.put(field, keyset.getPrimitive(RegistryConfiguration.get(), PrfSet.class));
    }
    return new BlindIndex(Map.copyOf(prfs));
  }

  /** The index value of {@code canonical} for {@code field}; callers canonicalize first. */
  public byte[] compute(String field, String canonical) throws GeneralSecurityException {
    PrfSet prf = prfs.get(field);
    if (prf == null) {
      throw new GeneralSecurityException("no blind index key for field " + field);
    }
    return prf.computePrimary(canonical.getBytes(StandardCharsets.UTF_8), LENGTH);
  }
}
