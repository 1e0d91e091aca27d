package fr.vigie.transfer;

import fr.vigie.transfer.Accounts.Account;
import fr.vigie.transfer.Folders.Folder;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.CopyOption;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.util.Collection;
import java.util.Set;
import org.apache.sshd.sftp.server.DirectoryHandle;
import org.apache.sshd.sftp.server.FileHandle;
import org.apache.sshd.sftp.server.SftpFileSystemAccessor;
import org.apache.sshd.sftp.server.SftpSubsystemProxy;

/**
 * What an SFTP client may do inside its root (already jailed by MINA's rooted file system, which
 * maps "..", absolute paths and escaping links back inside): read and delete in {@code outbound/},
 * write, rename and delete in {@code inbound/} within its quota; list the root and the two folders.
 * Nothing else: no directories, no links, no following a link someone planted on the disk.
 */
final class JailedAccess implements SftpFileSystemAccessor {
  private final Accounts accounts;
  private final Folders folders;
  private final Deletions deletions;

  JailedAccess(Accounts accounts, Folders folders, Deletions deletions) {
    this.accounts = accounts;
    this.folders = folders;
    this.deletions = deletions;
  }

  @Override
  public java.nio.channels.SeekableByteChannel openFile(
      SftpSubsystemProxy subsystem,
      FileHandle handle,
      Path file,
      String handleName,
      Set<? extends OpenOption> options,
      FileAttribute<?>... attrs)
      throws IOException {
    Folder folder = folderOfFile(file);
    refuseLink(file);
    boolean writes =
        options.contains(StandardOpenOption.WRITE) || options.contains(StandardOpenOption.APPEND);
    if (!writes) {
      return SftpFileSystemAccessor.seekableByteChannelNoLinkFollow(file, options, attrs);
    }
    if (folder != Folder.INBOUND) {
      throw new AccessDeniedException("only inbound/ is writable");
    }
    String account = account(subsystem);
    Account limits = accounts.find(account).orElseThrow(() -> new AccessDeniedException("account"));
    long existing = Files.exists(file, LinkOption.NOFOLLOW_LINKS) ? Files.size(file) : 0;
    long room = limits.quotaBytes() - folders.usage(account) + existing;
    long allowed = Math.min(limits.maxFileBytes(), room);
    return new BoundedChannel(
        SftpFileSystemAccessor.seekableByteChannelNoLinkFollow(file, options, attrs), allowed);
  }

  @Override
  public DirectoryStream<Path> openDirectory(
      SftpSubsystemProxy subsystem,
      DirectoryHandle handle,
      Path dir,
      String handleName,
      LinkOption... options)
      throws IOException {
    Path relative = relative(dir);
    if (relative.getNameCount() > 1
        || (relative.getNameCount() == 1
            && folderNamed(relative.getFileName().toString()) == null
            && !relative.toString().isEmpty())) {
      throw new AccessDeniedException("no such folder");
    }
    refuseLink(dir);
    return SftpFileSystemAccessor.super.openDirectory(
        subsystem, handle, dir, handleName, LinkOption.NOFOLLOW_LINKS);
  }

  @Override
  public void createDirectory(SftpSubsystemProxy subsystem, Path path) throws IOException {
    throw new AccessDeniedException("folders are fixed");
  }

  @Override
  public void createLink(SftpSubsystemProxy subsystem, Path link, Path existing, boolean symLink)
      throws IOException {
    throw new AccessDeniedException("links are refused");
  }

  @Override
  public String resolveLinkTarget(SftpSubsystemProxy subsystem, Path link) throws IOException {
    throw new AccessDeniedException("links are refused");
  }

  @Override
  public void renameFile(
      SftpSubsystemProxy subsystem, Path oldPath, Path newPath, Collection<CopyOption> opts)
      throws IOException {
    if (folderOfFile(oldPath) != Folder.INBOUND || folderOfFile(newPath) != Folder.INBOUND) {
      throw new AccessDeniedException("only inbound/ files can be renamed");
    }
    refuseLink(oldPath);
    SftpFileSystemAccessor.super.renameFile(subsystem, oldPath, newPath, opts);
  }

  @Override
  public void copyFile(
      SftpSubsystemProxy subsystem, Path src, Path dst, Collection<CopyOption> opts)
      throws IOException {
    throw new AccessDeniedException("copies are refused");
  }

  @Override
  public void removeFile(SftpSubsystemProxy subsystem, Path path, boolean isDirectory)
      throws IOException {
    if (isDirectory) {
      throw new AccessDeniedException("folders are fixed");
    }
    Folder folder = folderOfFile(path);
    String account = account(subsystem);
    String name = path.getFileName().toString();
    Path file = folders.file(account, folder, name);
    if (!Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
      throw new NoSuchFileException(folder.directory() + "/" + name);
    }
    // Logged before it goes (a pickup confirmed): a kill in between cannot lose the record.
    deletions.delete(
        file,
        account,
        OperationKind.DELETE,
        folder.directory() + "/" + name,
        SignIns.address(subsystem.getServerSession().getClientAddress()));
  }

  /**
   * The folder a file path is directly in, or refusal: {@code /inbound/NAME} or {@code
   * /outbound/NAME}.
   */
  static Folder folderOfFile(Path path) throws AccessDeniedException {
    Path relative = relative(path);
    if (relative.getNameCount() != 2 || !Folders.validFileName(relative.getName(1).toString())) {
      throw new AccessDeniedException("not a file of inbound/ or outbound/");
    }
    Folder folder = folderNamed(relative.getName(0).toString());
    if (folder == null) {
      throw new AccessDeniedException("not a file of inbound/ or outbound/");
    }
    return folder;
  }

  private static Folder folderNamed(String name) {
    for (Folder folder : Folder.values()) {
      if (folder.directory().equals(name)) {
        return folder;
      }
    }
    return null;
  }

  /** The path from the account's root: the rooted file system's absolute path minus its root. */
  private static Path relative(Path path) {
    Path absolute = path.toAbsolutePath().normalize();
    Path root = absolute.getRoot();
    return root == null ? absolute : root.relativize(absolute);
  }

  private static void refuseLink(Path path) throws AccessDeniedException {
    if (Files.isSymbolicLink(path)) {
      throw new AccessDeniedException("links are refused");
    }
  }

  private static String account(SftpSubsystemProxy subsystem) throws AccessDeniedException {
    String account = subsystem.getServerSession().getAttribute(SignIns.ACCOUNT);
    if (account == null) {
      throw new AccessDeniedException("not signed in");
    }
    return account;
  }
}
