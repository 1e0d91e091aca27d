package fr.vigie.crypto;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.crypto.tink.Aead;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.RegistryConfiguration;
import com.google.crypto.tink.aead.PredefinedAeadParameters;
import java.io.IOException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FieldCipherTest {
  private static final String ALICE = "0198c2a0-0000-7000-8000-00000000000a";
  private static final String BOB = "0198c2a0-0000-7000-8000-00000000000b";

  @TempDir Path keys;
  private KeyRing keyRing;
  private FieldCipher cipher;

  @BeforeEach
  void openKeys() throws GeneralSecurityException, IOException {
    keyRing = KeyRing.open("file:" + keys.resolve("kek.json"), keys, KeyRing.INDEX_FIELDS);
    cipher = keyRing.fieldCipher();
  }

  // --- The same ciphertexts as a one-key keyset with no prefix (how data keys were opened before).

  @Test
  void dataKey_andAOneKeyKeysetOfTheSameMaterial_readEachOthersCiphertexts()
      throws GeneralSecurityException {
    // A key-encryption key that "wraps" by copying, so that the test holds the material.
    KeyEncryptionKey clear =
        new KeyEncryptionKey() {
          @Override
          public byte[] wrap(byte[] keyMaterial, byte[] context) {
            return keyMaterial.clone();
          }

          @Override
          public byte[] unwrap(byte[] wrapped, byte[] context) {
            return wrapped.clone();
          }

          @Override
          public long primaryKeyId() {
            return 1;
          }

          @Override
          public void rotate() {}

          @Override
          public String describe() {
            return "clear, for a test";
          }
        };
    DataKey key = new FieldCipher(clear).newDataKey(ALICE);
    Aead keyset =
        KeysetHandle.newBuilder()
            .addEntry(
                KeysetHandle.importKey(
                        com.google.crypto.tink.aead.AesGcmKey.builder()
                            .setParameters(
                                com.google.crypto.tink.aead.AesGcmParameters.builder()
                                    .setKeySizeBytes(32)
                                    .setIvSizeBytes(12)
                                    .setTagSizeBytes(16)
                                    .setVariant(
                                        com.google.crypto.tink.aead.AesGcmParameters.Variant
                                            .NO_PREFIX)
                                    .build())
                            .setKeyBytes(
                                com.google.crypto.tink.util.SecretBytes.copyFrom(
                                    key.wrapped(),
                                    com.google.crypto.tink.InsecureSecretKeyAccess.get()))
                            .build())
                    .withRandomId()
                    .makePrimary())
            .build()
            .getPrimitive(RegistryConfiguration.get(), Aead.class);
    byte[] context = (ALICE + "|nir").getBytes(UTF_8);

    byte[] before = keyset.encrypt("295109912611193".getBytes(UTF_8), context);
    byte[] now = key.encrypt("nir", "295109912611193");

    assertThat(new String(key.decryptField("nir", before), UTF_8)).isEqualTo("295109912611193");
    assertThat(new String(keyset.decrypt(now, context), UTF_8)).isEqualTo("295109912611193");
  }

  // --- Round trip.

  @Test
  void decryptField_whatTheSameKeyEncrypted_givesPlaintext() throws GeneralSecurityException {
    DataKey key = cipher.newDataKey(ALICE);

    byte[] ciphertext = key.encrypt("email", "claire.dupont@example.fr");

    assertThat(new String(key.decryptField("email", ciphertext), UTF_8))
        .isEqualTo("claire.dupont@example.fr");
  }

  @Test
  void decryptField_withStoredKeyReopened_givesPlaintext() throws GeneralSecurityException {
    DataKey key = cipher.newDataKey(ALICE);
    byte[] ciphertext = key.encrypt("nir", "295109912611193");

    DataKey reopened = cipher.openDataKey(ALICE, key.wrapped());

    assertThat(new String(reopened.decryptField("nir", ciphertext), UTF_8))
        .isEqualTo("295109912611193");
  }

  @Test
  void encrypt_samePlaintextTwice_givesDifferentCiphertexts() throws GeneralSecurityException {
    DataKey key = cipher.newDataKey(ALICE);

    byte[] first = key.encrypt("email", "claire.dupont@example.fr");
    byte[] second = key.encrypt("email", "claire.dupont@example.fr");

    assertThat(first).isNotEqualTo(second);
  }

  @Test
  void encrypt_plaintext_doesNotAppearInCiphertext() throws GeneralSecurityException {
    byte[] ciphertext = cipher.newDataKey(ALICE).encrypt("email", "claire.dupont@example.fr");

    assertThat(new String(ciphertext, UTF_8)).doesNotContain("claire");
  }

  @Test
  void newDataKey_sameOwnerTwice_givesDifferentKeys() throws GeneralSecurityException {
    DataKey first = cipher.newDataKey(ALICE);
    DataKey second = cipher.newDataKey(ALICE);
    byte[] ciphertext = first.encrypt("email", "claire.dupont@example.fr");

    assertThat(first.wrapped()).isNotEqualTo(second.wrapped());
    assertThatThrownBy(() -> second.decryptField("email", ciphertext))
        .isInstanceOf(GeneralSecurityException.class);
  }

  // --- A ciphertext out of its place does not decrypt.

  @Test
  void decryptField_ciphertextOfAnotherField_fails() throws GeneralSecurityException {
    DataKey key = cipher.newDataKey(ALICE);
    byte[] email = key.encrypt("email", "claire.dupont@example.fr");

    assertThatThrownBy(() -> key.decryptField("phone", email))
        .isInstanceOf(GeneralSecurityException.class);
  }

  @Test
  void decryptField_ciphertextMovedToAnotherOwner_fails() throws GeneralSecurityException {
    byte[] alicesEmail = cipher.newDataKey(ALICE).encrypt("email", "claire.dupont@example.fr");
    DataKey bobsKey = cipher.newDataKey(BOB);

    assertThatThrownBy(() -> bobsKey.decryptField("email", alicesEmail))
        .isInstanceOf(GeneralSecurityException.class);
  }

  @Test
  void decryptField_sameKeyMaterialButAnotherOwner_fails() throws GeneralSecurityException {
    // Isolates the associated data: even one key shared by two owners would not let a
    // ciphertext move from one to the other.
    Aead shared =
        KeysetHandle.generateNew(PredefinedAeadParameters.AES256_GCM)
            .getPrimitive(RegistryConfiguration.get(), Aead.class);
    DataKey alice = new DataKey(ALICE, shared, new byte[0], -1);
    DataKey bob = new DataKey(BOB, shared, new byte[0], -1);
    byte[] ciphertext = alice.encrypt("email", "claire.dupont@example.fr");

    assertThat(new String(alice.decryptField("email", ciphertext), UTF_8))
        .isEqualTo("claire.dupont@example.fr");
    assertThatThrownBy(() -> bob.decryptField("email", ciphertext))
        .isInstanceOf(GeneralSecurityException.class);
  }

  @Test
  void decryptField_tamperedCiphertext_fails() throws GeneralSecurityException {
    DataKey key = cipher.newDataKey(ALICE);
    byte[] ciphertext = key.encrypt("email", "claire.dupont@example.fr");
    ciphertext[ciphertext.length / 2] ^= 1;

    assertThatThrownBy(() -> key.decryptField("email", ciphertext))
        .isInstanceOf(GeneralSecurityException.class);
  }

  // --- Wrapped data keys.

  @Test
  void openDataKey_wrappedForAnotherOwner_fails() throws GeneralSecurityException {
    byte[] alicesKey = cipher.newDataKey(ALICE).wrapped();

    assertThatThrownBy(() -> cipher.openDataKey(BOB, alicesKey))
        .isInstanceOf(GeneralSecurityException.class);
  }

  @Test
  void openDataKey_tamperedWrappedKey_fails() throws GeneralSecurityException {
    byte[] wrapped = cipher.newDataKey(ALICE).wrapped();
    wrapped[wrapped.length - 1] ^= 1;

    assertThatThrownBy(() -> cipher.openDataKey(ALICE, wrapped))
        .isInstanceOf(GeneralSecurityException.class);
  }

  @Test
  void openDataKey_underAnotherKeyEncryptionKey_fails(@TempDir Path otherKeys)
      throws GeneralSecurityException, IOException {
    byte[] wrapped = cipher.newDataKey(ALICE).wrapped();
    FieldCipher other =
        KeyRing.open("file:" + otherKeys.resolve("kek.json"), otherKeys, KeyRing.INDEX_FIELDS)
            .fieldCipher();

    assertThatThrownBy(() -> other.openDataKey(ALICE, wrapped))
        .isInstanceOf(GeneralSecurityException.class);
  }

  @Test
  void wrapped_returnedArrayChanged_keyKeepsItsOwnCopy() throws GeneralSecurityException {
    DataKey key = cipher.newDataKey(ALICE);
    byte[] copy = key.wrapped();
    copy[0] ^= 1;

    assertThat(key.wrapped()).isNotEqualTo(copy);
    assertThat(cipher.openDataKey(ALICE, key.wrapped())).isNotNull();
  }

  @Test
  void kekId_ofNewKey_isCurrentKekAndOfOpenedKeyIsMinusOne() throws GeneralSecurityException {
    DataKey key = cipher.newDataKey(ALICE);

    assertThat(key.kekId()).isEqualTo(cipher.currentKekId()).isPositive();
    assertThat(cipher.openDataKey(ALICE, key.wrapped()).kekId()).isEqualTo(-1);
  }

  @Test
  void toString_namesOwnerOnly() throws GeneralSecurityException {
    assertThat(cipher.newDataKey(ALICE).toString()).isEqualTo("DataKey[owner=" + ALICE + "]");
  }

  // --- Rotation of the key-encryption key.

  @Test
  void rewrap_afterRotation_givesKeyUnderNewKekThatOpensOldCiphertexts()
      throws GeneralSecurityException {
    DataKey key = cipher.newDataKey(ALICE);
    byte[] ciphertext = key.encrypt("email", "claire.dupont@example.fr");
    long oldKekId = cipher.currentKekId();

    keyRing.rotateKeyEncryptionKey();
    FieldCipher.Rewrapped rewrapped = cipher.rewrap(ALICE, key.wrapped());

    assertThat(cipher.currentKekId()).isNotEqualTo(oldKekId);
    assertThat(rewrapped.kekId()).isEqualTo(cipher.currentKekId());
    assertThat(rewrapped.wrapped()).isNotEqualTo(key.wrapped());
    DataKey reopened = cipher.openDataKey(ALICE, rewrapped.wrapped());
    assertThat(new String(reopened.decryptField("email", ciphertext), UTF_8))
        .isEqualTo("claire.dupont@example.fr");
    byte[] newCiphertext = reopened.encrypt("phone", "+33 6 12 34 56 78");
    assertThat(new String(key.decryptField("phone", newCiphertext), UTF_8))
        .isEqualTo("+33 6 12 34 56 78");
  }

  @Test
  void openDataKey_wrappedBeforeRotation_stillOpens() throws GeneralSecurityException {
    DataKey key = cipher.newDataKey(ALICE);
    byte[] ciphertext = key.encrypt("email", "claire.dupont@example.fr");

    keyRing.rotateKeyEncryptionKey();

    assertThat(
            new String(
                cipher.openDataKey(ALICE, key.wrapped()).decryptField("email", ciphertext), UTF_8))
        .isEqualTo("claire.dupont@example.fr");
  }

  @Test
  void rewrap_forAnotherOwner_fails() throws GeneralSecurityException {
    byte[] alicesKey = cipher.newDataKey(ALICE).wrapped();
    keyRing.rotateKeyEncryptionKey();

    assertThatThrownBy(() -> cipher.rewrap(BOB, alicesKey))
        .isInstanceOf(GeneralSecurityException.class);
  }
}
