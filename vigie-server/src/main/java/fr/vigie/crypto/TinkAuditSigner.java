package fr.vigie.crypto;

import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.PublicKeySign;
import com.google.crypto.tink.RegistryConfiguration;
import com.google.crypto.tink.TinkJsonProtoKeysetFormat;
import com.google.crypto.tink.signature.Ed25519Parameters;
import com.google.crypto.tink.signature.Ed25519PublicKey;
import com.google.crypto.tink.signature.SignatureConfig;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;

/** The audit signing keyset, in {@code audit-signing.json} beside the other keysets, encrypted. */
final class TinkAuditSigner implements AuditSigner {
  static final String FILE = "audit-signing.json";
  private static final byte[] CONTEXT = "vigie-audit-signing".getBytes(StandardCharsets.UTF_8);

  private final PublicKeySign signer;
  private final byte[] publicKey;

  private TinkAuditSigner(PublicKeySign signer, byte[] publicKey) {
    this.signer = signer;
    this.publicKey = publicKey;
  }

  static TinkAuditSigner openOrCreate(Path directory, KeyEncryptionKey kek)
      throws GeneralSecurityException, IOException {
    SignatureConfig.register();
    KekAead wrapping = new KekAead(kek);
    Path file = directory.resolve(FILE);
    if (!Files.exists(file)) {
      create(file, wrapping);
    }
    KeysetHandle keyset =
        TinkJsonProtoKeysetFormat.parseEncryptedKeyset(
            Files.readString(file, StandardCharsets.UTF_8), wrapping, CONTEXT);
    Ed25519PublicKey key = (Ed25519PublicKey) keyset.getPublicKeysetHandle().getPrimary().getKey();
    return new TinkAuditSigner(
        keyset.getPrimitive(RegistryConfiguration.get(), PublicKeySign.class),
        key.getPublicKeyBytes().toByteArray());
  }

  @Override
  public byte[] sign(byte[] message) throws GeneralSecurityException {
    return signer.sign(message);
  }

  @Override
  public byte[] publicKey() {
    return publicKey.clone();
  }

  private static void create(Path file, KekAead wrapping)
      throws GeneralSecurityException, IOException {
    // No prefix: witnesses check plain Ed25519 signatures, not Tink's framing.
    KeysetHandle fresh =
        KeysetHandle.generateNew(Ed25519Parameters.create(Ed25519Parameters.Variant.NO_PREFIX));
    Path temporary =
        Files.createTempFile(
            file.toAbsolutePath().getParent(),
            ".audit-signing-",
            ".tmp",
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    try {
      Files.writeString(
          temporary, TinkJsonProtoKeysetFormat.serializeEncryptedKeyset(fresh, wrapping, CONTEXT));
      // A link fails if the file exists: of two processes creating the key, one wins.
      Files.createLink(file, temporary);
    } catch (FileAlreadyExistsException e) {
      // Another process created it first; use theirs.
    } finally {
      Files.deleteIfExists(temporary);
    }
  }
}
