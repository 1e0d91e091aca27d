package fr.vigie.crypto;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalKeysetKekTest {
  private static final byte[] MATERIAL = "thirty-two bytes of key material".getBytes(UTF_8);
  private static final byte[] CONTEXT = "vigie-data-key|alice".getBytes(UTF_8);

  @TempDir Path tmp;

  @Test
  void openOrCreate_missingFileAndDirectory_createsThemOwnerOnly()
      throws GeneralSecurityException, IOException {
    Path directory = tmp.resolve("keys");
    Path file = directory.resolve("kek.json");

    LocalKeysetKek.openOrCreate(file);

    assertThat(permissions(directory)).isEqualTo("rwx------");
    assertThat(permissions(file)).isEqualTo("rw-------");
  }

  @Test
  void rotate_rewritesFileOwnerOnly() throws GeneralSecurityException, IOException {
    Path file = tmp.resolve("keys").resolve("kek.json");
    LocalKeysetKek kek = LocalKeysetKek.openOrCreate(file);

    kek.rotate();

    assertThat(permissions(file)).isEqualTo("rw-------");
    try (var entries = Files.list(file.getParent())) {
      assertThat(entries).as("no temporary file left").containsExactly(file);
    }
  }

  @Test
  void unwrap_whatItWrapped_givesMaterial() throws GeneralSecurityException, IOException {
    LocalKeysetKek kek = LocalKeysetKek.openOrCreate(tmp.resolve("kek.json"));

    assertThat(kek.unwrap(kek.wrap(MATERIAL, CONTEXT), CONTEXT)).isEqualTo(MATERIAL);
  }

  @Test
  void unwrap_withAnotherContext_fails() throws GeneralSecurityException, IOException {
    LocalKeysetKek kek = LocalKeysetKek.openOrCreate(tmp.resolve("kek.json"));
    byte[] wrapped = kek.wrap(MATERIAL, CONTEXT);

    assertThatThrownBy(() -> kek.unwrap(wrapped, "vigie-data-key|bob".getBytes(UTF_8)))
        .isInstanceOf(GeneralSecurityException.class);
  }

  @Test
  void openOrCreate_existingFile_usesSameKey() throws GeneralSecurityException, IOException {
    Path file = tmp.resolve("kek.json");
    LocalKeysetKek first = LocalKeysetKek.openOrCreate(file);
    byte[] wrapped = first.wrap(MATERIAL, CONTEXT);

    LocalKeysetKek second = LocalKeysetKek.openOrCreate(file);

    assertThat(second.primaryKeyId()).isEqualTo(first.primaryKeyId());
    assertThat(second.unwrap(wrapped, CONTEXT)).isEqualTo(MATERIAL);
  }

  @Test
  void openOrCreate_anotherFile_usesAnotherKey() throws GeneralSecurityException, IOException {
    byte[] wrapped = LocalKeysetKek.openOrCreate(tmp.resolve("a.json")).wrap(MATERIAL, CONTEXT);

    LocalKeysetKek other = LocalKeysetKek.openOrCreate(tmp.resolve("b.json"));

    assertThatThrownBy(() -> other.unwrap(wrapped, CONTEXT))
        .isInstanceOf(GeneralSecurityException.class);
  }

  @Test
  void rotate_makesNewPrimaryAndKeepsOldKeys() throws GeneralSecurityException, IOException {
    Path file = tmp.resolve("kek.json");
    LocalKeysetKek kek = LocalKeysetKek.openOrCreate(file);
    long before = kek.primaryKeyId();
    byte[] wrappedBefore = kek.wrap(MATERIAL, CONTEXT);

    kek.rotate();

    assertThat(kek.primaryKeyId()).isNotEqualTo(before);
    assertThat(kek.unwrap(wrappedBefore, CONTEXT)).isEqualTo(MATERIAL);
    assertThat(LocalKeysetKek.openOrCreate(file).unwrap(wrappedBefore, CONTEXT))
        .isEqualTo(MATERIAL);
    assertThat(kek.describe()).isEqualTo("local keyset " + file + " (2 keys)");
  }

  // The rotation command runs in another process than the server: the server's instance, opened
  // before the rotation, must still unwrap what the new key wrapped.

  @Test
  void unwrap_afterAnotherInstanceRotated_reloadsAndSucceeds()
      throws GeneralSecurityException, IOException {
    Path file = tmp.resolve("kek.json");
    LocalKeysetKek server = LocalKeysetKek.openOrCreate(file);
    LocalKeysetKek rotation = LocalKeysetKek.openOrCreate(file);

    rotation.rotate();
    byte[] wrapped = rotation.wrap(MATERIAL, CONTEXT);

    assertThat(server.unwrap(wrapped, CONTEXT)).isEqualTo(MATERIAL);
    assertThat(server.primaryKeyId()).isEqualTo(rotation.primaryKeyId());
  }

  @Test
  void unwrap_afterRotationWithinSameTimestampTick_reloadsAndSucceeds()
      throws GeneralSecurityException, IOException {
    // File systems record modification times coarsely (a kernel tick; a second or two on some),
    // so a rotation soon after the server read the file may leave its time unchanged.
    Path file = tmp.resolve("kek.json");
    LocalKeysetKek server = LocalKeysetKek.openOrCreate(file);
    FileTime loaded = Files.getLastModifiedTime(file);
    LocalKeysetKek rotation = LocalKeysetKek.openOrCreate(file);

    rotation.rotate();
    Files.setLastModifiedTime(file, loaded);
    byte[] wrapped = rotation.wrap(MATERIAL, CONTEXT);

    assertThat(server.unwrap(wrapped, CONTEXT)).isEqualTo(MATERIAL);
  }

  @Test
  void unwrap_foreignDataWithFileUnchanged_failsWithoutReloading()
      throws GeneralSecurityException, IOException {
    Path file = tmp.resolve("kek.json");
    LocalKeysetKek kek = LocalKeysetKek.openOrCreate(file);
    byte[] foreign = LocalKeysetKek.openOrCreate(tmp.resolve("other.json")).wrap(MATERIAL, CONTEXT);
    long primary = kek.primaryKeyId();

    assertThatThrownBy(() -> kek.unwrap(foreign, CONTEXT))
        .isInstanceOf(GeneralSecurityException.class);
    assertThat(kek.primaryKeyId()).isEqualTo(primary);
  }

  @Test
  void describe_namesFileAndNotKeyMaterial() throws GeneralSecurityException, IOException {
    Path file = tmp.resolve("kek.json");
    LocalKeysetKek kek = LocalKeysetKek.openOrCreate(file);

    assertThat(kek.describe()).isEqualTo("local keyset " + file + " (1 keys)");
  }

  private static String permissions(Path path) throws IOException {
    return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
  }
}
