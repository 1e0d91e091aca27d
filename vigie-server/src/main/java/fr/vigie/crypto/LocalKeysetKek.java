package fr.vigie.crypto;

import com.google.crypto.tink.Aead;
import com.google.crypto.tink.InsecureSecretKeyAccess;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.RegistryConfiguration;
import com.google.crypto.tink.TinkJsonProtoKeysetFormat;
import com.google.crypto.tink.aead.AeadConfig;
import com.google.crypto.tink.aead.PredefinedAeadParameters;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;

/**
 * A key-encryption keyset in a local file readable by its owner only: Tink's JSON keyset format,
 * AES-256-GCM keys. Created on first use. Another process (the rotation command) may add a key to
 * the file while this one runs: an unwrap that fails reloads the file once and tries again.
 */
final class LocalKeysetKek implements KeyEncryptionKey {
  private final Path file;
  private volatile Loaded loaded;

  private record Loaded(KeysetHandle keyset, Aead aead, FileVersion version) {}

  /**
   * What tells one state of the file from another. The modification time alone is not enough: file
   * systems record it coarsely (a kernel tick, a second or more on some), so a rotation soon after
   * a load may leave it unchanged. Every write replaces the file by a rename, which gives it a new
   * file key (device and inode).
   */
  private record FileVersion(FileTime modified, Object fileKey) {
    static FileVersion of(Path file) throws IOException {
      BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
      return new FileVersion(attributes.lastModifiedTime(), attributes.fileKey());
    }
  }

  private LocalKeysetKek(Path file) throws GeneralSecurityException, IOException {
    this.file = file;
    this.loaded = load(file);
  }

  /** Opens the keyset in {@code file}, creating it (and its directory) owner-only if missing. */
  static LocalKeysetKek openOrCreate(Path file) throws GeneralSecurityException, IOException {
    AeadConfig.register();
    if (!Files.exists(file)) {
      create(file);
    }
    return new LocalKeysetKek(file);
  }

  @Override
  public byte[] wrap(byte[] keyMaterial, byte[] context) throws GeneralSecurityException {
    return loaded.aead().encrypt(keyMaterial, context);
  }

  @Override
  public byte[] unwrap(byte[] wrapped, byte[] context) throws GeneralSecurityException {
    Loaded current = loaded;
    try {
      return current.aead().decrypt(wrapped, context);
    } catch (GeneralSecurityException e) {
      if (!reloadIfChanged(current)) {
        throw e;
      }
      return loaded.aead().decrypt(wrapped, context);
    }
  }

  @Override
  public long primaryKeyId() {
    return Integer.toUnsignedLong(loaded.keyset().getPrimary().getId());
  }

  @Override
  public synchronized void rotate() throws GeneralSecurityException {
    try {
      KeysetHandle current = load(file).keyset();
      KeysetHandle rotated =
          KeysetHandle.newBuilder(current)
              .addEntry(
                  KeysetHandle.generateEntryFromParameters(PredefinedAeadParameters.AES256_GCM)
                      .withRandomId()
                      .makePrimary())
              .build();
      write(file, rotated);
      loaded = load(file);
    } catch (IOException e) {
      throw new GeneralSecurityException("could not write the key-encryption keyset", e);
    }
  }

  @Override
  public String describe() {
    return "local keyset " + file + " (" + loaded.keyset().size() + " keys)";
  }

  private synchronized boolean reloadIfChanged(Loaded seen) {
    try {
      if (loaded != seen) {
        return true;
      }
      if (FileVersion.of(file).equals(seen.version())) {
        return false;
      }
      loaded = load(file);
      return true;
    } catch (IOException | GeneralSecurityException e) {
      return false;
    }
  }

  private static Loaded load(Path file) throws GeneralSecurityException, IOException {
    FileVersion version = FileVersion.of(file);
    String json = Files.readString(file, StandardCharsets.UTF_8);
    KeysetHandle keyset =
        TinkJsonProtoKeysetFormat.parseKeyset(json, InsecureSecretKeyAccess.get());
    return new Loaded(
        keyset, keyset.getPrimitive(RegistryConfiguration.get(), Aead.class), version);
  }

  private static void create(Path file) throws GeneralSecurityException, IOException {
    Path directory = file.toAbsolutePath().getParent();
    if (!Files.isDirectory(directory)) {
      Files.createDirectories(
          directory,
          PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
    }
    KeysetHandle keyset = KeysetHandle.generateNew(PredefinedAeadParameters.AES256_GCM);
    Path temporary = writeTemporary(file, keyset);
    try {
      // A hard link fails if the file exists, where a move would replace it: of two processes
      // creating the keyset at once, one wins and the other uses its key.
      Files.createLink(file, temporary);
    } catch (FileAlreadyExistsException e) {
      // Another process created it first; use theirs.
    } finally {
      Files.deleteIfExists(temporary);
    }
  }

  /** Writes owner-only to a temporary file, then moves it into place atomically. */
  private static void write(Path file, KeysetHandle keyset)
      throws GeneralSecurityException, IOException {
    Path temporary = writeTemporary(file, keyset);
    try {
      Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING);
    }
  }

  private static Path writeTemporary(Path file, KeysetHandle keyset)
      throws GeneralSecurityException, IOException {
    String json = TinkJsonProtoKeysetFormat.serializeKeyset(keyset, InsecureSecretKeyAccess.get());
    Path temporary =
        Files.createTempFile(
            file.toAbsolutePath().getParent(),
            ".kek-",
            ".tmp",
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    Files.writeString(temporary, json, StandardCharsets.UTF_8);
    return temporary;
  }
}
