package fr.vigie.transfer;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The virtual folders: each account sees only its own root, holding {@code outbound/} (files from
 * the register, to fetch then delete) and {@code inbound/} (files to the register). Nothing else
 * exists for it: no other folder can be made, no link followed or created.
 */
@Component
public class Folders {
  /** A file name a folder accepts: no separator, no leading dot, so no "..", no hidden files. */
  private static final Pattern FILE_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");

  /** The two folders of an account. */
  public enum Folder {
    INBOUND("inbound"),
    OUTBOUND("outbound");

    private final String directory;

    Folder(String directory) {
      this.directory = directory;
    }

    public String directory() {
      return directory;
    }
  }

  private final Path files;

  Folders(@Value("${vigie.exchange.data-dir}") Path dataDir) {
    this.files = dataDir.resolve("files").toAbsolutePath().normalize();
  }

  public static boolean validFileName(String name) {
    return name != null && FILE_NAME.matcher(name).matches() && !name.contains("..");
  }

  /** The account's root folder, created with its two folders when missing. */
  public Path root(String account) {
    if (!Accounts.validName(account)) {
      throw new IllegalArgumentException("not an account name");
    }
    Path root = files.resolve(account);
    try {
      for (Folder folder : Folder.values()) {
        Files.createDirectories(root.resolve(folder.directory()));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Could not create the account's folders", e);
    }
    return root;
  }

  Path all() {
    return files;
  }

  /** The path of a file in an account's folder, after checking the name. */
  public Path file(String account, Folder folder, String name) throws AccessDeniedException {
    if (!validFileName(name)) {
      throw new AccessDeniedException("file name refused");
    }
    return root(account).resolve(folder.directory()).resolve(name);
  }

  /**
   * The file if it is a regular file, not a link, directly in the account's real folder (neither
   * the folder nor the root replaced by a link on the disk); empty otherwise.
   */
  public Optional<Path> existing(String account, Folder folder, String name) throws IOException {
    Path file = file(account, folder, name);
    Path directory = file.getParent();
    Path expected = files.toRealPath().resolve(account).resolve(folder.directory());
    if (Files.isSymbolicLink(directory)
        || !directory.toRealPath().equals(expected)
        || !Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
      return Optional.empty();
    }
    return Optional.of(file);
  }

  /**
   * Writes a file whole or not at all: to a hidden temporary name first, then an atomic rename, so
   * a crash in the middle leaves no half file under the real name (the purge removes the rest).
   */
  public long place(String account, Folder folder, String name, InputStream content)
      throws IOException {
    Path target = file(account, folder, name);
    Path temporary = target.resolveSibling(".part-" + name);
    try {
      long size = Files.copy(content, temporary, StandardCopyOption.REPLACE_EXISTING);
      Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE);
      return size;
    } finally {
      Files.deleteIfExists(temporary);
    }
  }

  /** The regular files of one folder (no links, no temporary files), sorted by name. */
  public List<Path> list(String account, Folder folder) throws IOException {
    try (Stream<Path> entries = Files.list(root(account).resolve(folder.directory()))) {
      return entries
          .filter(path -> Files.isRegularFile(path, LinkOption.NOFOLLOW_LINKS))
          .filter(path -> validFileName(path.getFileName().toString()))
          .sorted()
          .toList();
    }
  }

  /** Bytes the account's folders hold now, for its quota. */
  long usage(String account) throws IOException {
    try (Stream<Path> entries = Files.walk(root(account))) {
      return entries
          .filter(path -> Files.isRegularFile(path, LinkOption.NOFOLLOW_LINKS))
          .mapToLong(
              path -> {
                try {
                  return Files.readAttributes(
                          path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS)
                      .size();
                } catch (IOException e) {
                  return 0;
                }
              })
          .sum();
    }
  }
}
