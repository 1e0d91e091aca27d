package fr.vigie.runtime;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The embedded server's {@code pg_hba.conf}: every connection, over TCP or the Unix socket, proves
 * a password with SCRAM-SHA-256. The zonky library initializes with {@code trust}, which let any
 * local process in as the superuser; a data directory made that way is rewritten once.
 */
final class HostBasedAuthentication {
  static final String FILE = "pg_hba.conf";
  static final String METHOD = "scram-sha-256";
  private static final Pattern TRUST = Pattern.compile("\\btrust\\s*$");

  private HostBasedAuthentication() {}

  /** Whether any rule of the data directory's pg_hba.conf lets a connection in without a proof. */
  static boolean trustsAnyone(Path dataDirectory) {
    return rules(dataDirectory).stream().anyMatch(line -> TRUST.matcher(line).find());
  }

  /** Replaces the method {@code trust} of every rule with {@code scram-sha-256}. */
  static void requirePasswords(Path dataDirectory) {
    Path file = dataDirectory.resolve(FILE);
    List<String> rewritten = new ArrayList<>();
    try {
      for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
        rewritten.add(isRule(line) ? TRUST.matcher(line).replaceFirst(METHOD) : line);
      }
      Path temporary = file.resolveSibling(FILE + ".new");
      Files.deleteIfExists(temporary);
      Files.createFile(
          temporary,
          PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
      Files.write(temporary, rewritten, StandardCharsets.UTF_8);
      Files.move(
          temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException("Could not rewrite " + file, e);
    }
  }

  private static List<String> rules(Path dataDirectory) {
    try {
      return Files.readAllLines(dataDirectory.resolve(FILE), StandardCharsets.UTF_8).stream()
          .filter(HostBasedAuthentication::isRule)
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException("Could not read " + dataDirectory.resolve(FILE), e);
    }
  }

  private static boolean isRule(String line) {
    String trimmed = line.strip();
    return !trimmed.isEmpty() && !trimmed.startsWith("#");
  }
}
