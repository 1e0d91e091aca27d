package fr.vigie.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BlindIndexTest {
  private static final String NIR = "295109912611193";

  @TempDir Path keys;

  @Test
  void compute_anyField_gives16Bytes() throws GeneralSecurityException, IOException {
    BlindIndex index = open(keys);

    for (String field : KeyRing.INDEX_FIELDS) {
      assertThat(index.compute(field, NIR)).as(field).hasSize(BlindIndex.LENGTH).hasSize(16);
    }
  }

  @Test
  void compute_sameKeyFilesOpenedTwice_givesSameValue()
      throws GeneralSecurityException, IOException {
    byte[] first = open(keys).compute("nir", NIR);

    byte[] second = open(keys).compute("nir", NIR);

    assertThat(second).isEqualTo(first);
  }

  @Test
  void compute_otherInput_givesOtherValue() throws GeneralSecurityException, IOException {
    BlindIndex index = open(keys);

    assertThat(index.compute("nir", "295109912611193"))
        .isNotEqualTo(index.compute("nir", "299067505612347"));
  }

  @Test
  void compute_sameInputUnderAnotherField_givesOtherValue()
      throws GeneralSecurityException, IOException {
    BlindIndex index = open(keys);

    assertThat(index.compute("nir", NIR)).isNotEqualTo(index.compute("email", NIR));
  }

  @Test
  void compute_otherKeyDirectory_givesOtherValue(@TempDir Path otherKeys)
      throws GeneralSecurityException, IOException {
    assertThat(open(keys).compute("nir", NIR)).isNotEqualTo(open(otherKeys).compute("nir", NIR));
  }

  @Test
  void compute_fieldWithoutKey_fails() throws GeneralSecurityException, IOException {
    BlindIndex index = open(keys);

    assertThatThrownBy(() -> index.compute("address", NIR))
        .isInstanceOf(GeneralSecurityException.class)
        .hasMessage("no blind index key for field address");
  }

  @Test
  void openOrCreate_writesEachKeysetEncryptedAndOwnerOnly()
      throws GeneralSecurityException, IOException {
    open(keys);

    for (String field : KeyRing.INDEX_FIELDS) {
      Path file = keys.resolve("index-" + field + ".json");
      String json = Files.readString(file);
      assertThat(json)
          .as(file.toString())
          .contains("\"encryptedKeyset\"")
          .doesNotContain("\"keyData\"")
          .doesNotContain("\"value\"");
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
          .as(file.toString())
          .isEqualTo("rw-------");
    }
  }

  @Test
  void openOrCreate_keysetsUnderAnotherKeyEncryptionKey_fail(@TempDir Path otherKeys)
      throws GeneralSecurityException, IOException {
    open(keys);
    for (String field : KeyRing.INDEX_FIELDS) {
      String name = "index-" + field + ".json";
      Files.copy(keys.resolve(name), otherKeys.resolve(name));
    }

    assertThatThrownBy(() -> open(otherKeys)).isInstanceOf(GeneralSecurityException.class);
  }

  @Test
  void openOrCreate_keysetMovedToAnotherField_fails() throws GeneralSecurityException, IOException {
    open(keys);
    Files.copy(
        keys.resolve("index-nir.json"),
        keys.resolve("index-email.json"),
        StandardCopyOption.REPLACE_EXISTING);

    assertThatThrownBy(() -> open(keys)).isInstanceOf(GeneralSecurityException.class);
  }

  @Test
  void openOrCreate_afterKekRotation_keepsSameValues()
      throws GeneralSecurityException, IOException {
    KeyRing ring = KeyRing.open(kekUri(keys), keys, KeyRing.INDEX_FIELDS);
    byte[] before = ring.blindIndex().compute("nir", NIR);

    ring.rotateKeyEncryptionKey();

    assertThat(open(keys).compute("nir", NIR)).isEqualTo(before);
  }

  @Test
  void openOrCreate_onlyListedFields_getAKey() throws GeneralSecurityException, IOException {
    BlindIndex index = KeyRing.open(kekUri(keys), keys, List.of("nir")).blindIndex();

    assertThat(index.compute("nir", NIR)).hasSize(16);
    assertThat(keys.resolve("index-email.json")).doesNotExist();
    assertThatThrownBy(() -> index.compute("email", NIR))
        .isInstanceOf(GeneralSecurityException.class);
  }

  private static BlindIndex open(Path directory) throws GeneralSecurityException, IOException {
    return KeyRing.open(kekUri(directory), directory, KeyRing.INDEX_FIELDS).blindIndex();
  }

  private static String kekUri(Path directory) {
    return "file:" + directory.resolve("kek.json");
  }
}
