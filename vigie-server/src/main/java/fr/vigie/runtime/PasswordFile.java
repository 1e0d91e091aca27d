package fr.vigie.runtime;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Set;

/**
 * A generated database password in a file readable and writable by its owner only (mode 600), next
 * to the keys: never in the repository, never in the database.
 */
final class PasswordFile {
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final Set<PosixFilePermission> OWNER_ONLY =
      PosixFilePermissions.fromString("rw-------");

  private PasswordFile() {}

  /** The password in {@code file}, made (256 random bits) and written first if there is none. */
  static String readOrCreate(Path file) {
    try {
      if (!Files.exists(file)) {
        create(file);
      }
      Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(file);
      if (!OWNER_ONLY.containsAll(permissions)) {
        // A password others could read is a password others have: refuse rather than use it.
        throw new IllegalStateException(
            file + " is readable by others (" + PosixFilePermissions.toString(permissions) + ")");
      }
      String password = Files.readString(file, StandardCharsets.US_ASCII).strip();
      if (password.length() < 32) {
        throw new IllegalStateException(file + " does not hold a generated password");
      }
      return password;
    } catch (IOException e) {
      throw new UncheckedIOException("Could not read or create " + file, e);
    }
  }

  /** A fresh random password, base64url: letters, digits, '-' and '_' only. */
  static String generate() {
    byte[] bytes = new byte[32];
    RANDOM.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  private static void create(Path file) throws IOException {
    Files.createDirectories(file.getParent());
    Path temporary = file.resolveSibling(file.getFileName() + ".new");
    Files.deleteIfExists(temporary);
    Files.createFile(temporary, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
    Files.writeString(temporary, generate(), StandardCharsets.US_ASCII);
    try {
      Files.move(temporary, file);
    } catch (FileAlreadyExistsException raced) {
      Files.delete(temporary); // another process made it first: use theirs
    }
  }
}
