package fr.vigie.transfer;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.CopyOption;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collection;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.sshd.common.AttributeRepository.AttributeKey;
import org.apache.sshd.server.session.ServerSession;
import org.apache.sshd.sftp.server.DirectoryHandle;
import org.apache.sshd.sftp.server.FileHandle;
import org.apache.sshd.sftp.server.Handle;
import org.apache.sshd.sftp.server.SftpEventListener;

/**
 * Logs every SFTP operation of a signed-in account (list, upload, download, delete) with its byte
 * count, holds each account to its pace ({@link AccountRateLimits}), and deletes what an upload
 * left when it ran past the quota.
 */
final class SftpAudit implements SftpEventListener {
  private static final AttributeKey<AtomicLong> BYTES_READ = new AttributeKey<>();

  private final Operations operations;
  private final AccountRateLimits limits;
  private final Accounts accounts;
  private final Refusals refusals;

  SftpAudit(Operations operations, AccountRateLimits limits, Accounts accounts, Refusals refusals) {
    this.operations = operations;
    this.limits = limits;
    this.accounts = accounts;
    this.refusals = refusals;
  }

  /**
   * A path refused by {@link JailedAccess}, or a file not there; the pace's refusals are logged.
   */
  @Override
  public void openFailed(
      ServerSession session, String remotePath, Path localPath, boolean isDirectory, Throwable e) {
    refused(session, e);
  }

  @Override
  public void created(
      ServerSession session, Path path, java.util.Map<String, ?> attrs, Throwable thrown) {
    refused(session, thrown);
  }

  @Override
  public void moved(
      ServerSession session,
      Path srcPath,
      Path dstPath,
      Collection<CopyOption> opts,
      Throwable thrown) {
    refused(session, thrown);
  }

  @Override
  public void linked(
      ServerSession session, Path source, Path target, boolean symLink, Throwable thrown) {
    refused(session, thrown);
  }

  private void refused(ServerSession session, Throwable thrown) {
    Refusals.Reason reason =
        switch (thrown) {
          case PaceRefused pace -> null;
          case AccessDeniedException denied -> Refusals.Reason.PATH_REFUSED;
          case NoSuchFileException missing -> Refusals.Reason.NOT_FOUND;
          case null, default -> null;
        };
    if (reason != null) {
      refusals.refused(
          SignIns.address(session.getClientAddress()), account(session), reason, "sftp");
    }
  }

  @Override
  public void opening(ServerSession session, String remoteHandle, Handle localHandle)
      throws IOException {
    pace(session, localHandle.getFile());
  }

  @Override
  public void removing(ServerSession session, Path path, boolean isDirectory) throws IOException {
    pace(session, path);
  }

  @Override
  public void moving(ServerSession session, Path srcPath, Path dstPath, Collection<CopyOption> opts)
      throws IOException {
    pace(session, srcPath);
  }

  @Override
  public void written(
      ServerSession session,
      String remoteHandle,
      FileHandle localHandle,
      long offset,
      byte[] data,
      int dataOffset,
      int dataLen,
      Throwable thrown) {
    if (thrown == null) {
      limits.moved(account(session), dataLen);
    }
  }

  @Override
  public void open(ServerSession session, String remoteHandle, Handle localHandle) {
    if (localHandle instanceof DirectoryHandle) {
      record(session, OperationKind.LIST, localHandle.getFile(), null, "ok");
    }
  }

  @Override
  public void read(
      ServerSession session,
      String remoteHandle,
      FileHandle localHandle,
      long offset,
      byte[] data,
      int dataOffset,
      int dataLen,
      int readLen,
      Throwable thrown) {
    if (readLen > 0) {
      localHandle.computeAttributeIfAbsent(BYTES_READ, k -> new AtomicLong()).addAndGet(readLen);
      limits.moved(account(session), readLen);
    }
  }

  @Override
  public void closed(
      ServerSession session, String remoteHandle, Handle localHandle, Throwable thrown)
      throws IOException {
    if (!(localHandle instanceof FileHandle file)) {
      return;
    }
    Path path = file.getFile();
    if (file.getFileChannel() instanceof BoundedChannel bounded) {
      if (bounded.exceeded()) {
        Files.deleteIfExists(path);
        record(session, OperationKind.UPLOAD, path, null, "quota-exceeded");
      } else {
        long size = Files.exists(path) ? Files.size(path) : 0;
        record(session, OperationKind.UPLOAD, path, size, thrown == null ? "ok" : "failed");
      }
      return;
    }
    AtomicLong read = file.getAttribute(BYTES_READ);
    record(
        session,
        OperationKind.DOWNLOAD,
        path,
        read == null ? 0 : read.get(),
        thrown == null ? "ok" : "failed");
  }

  /** A refused deletion; one done was logged before the file went ({@link Deletions}). */
  @Override
  public void removed(ServerSession session, Path path, boolean isDirectory, Throwable thrown) {
    if (thrown != null) {
      record(session, OperationKind.DELETE, path, null, "refused");
    }
  }

  /**
   * One operation of the account's pace, or a refusal the client sees as a denied request: the
   * account suspended by the register since it signed in, or past its pace.
   */
  private void pace(ServerSession session, Path path) throws IOException {
    String account = account(session);
    if (accounts.suspended(account)) {
      record(session, OperationKind.SUSPENDED, path, null, "refused");
      throw new PaceRefused("account suspended");
    }
    Optional<Duration> wait = limits.tryOperation(account);
    if (wait.isPresent()) {
      // Counted, not one row each: a client hammering past its pace would fill the log.
      refusals.refused(
          SignIns.address(session.getClientAddress()),
          account,
          Refusals.Reason.RATE_LIMITED,
          "sftp");
      throw new PaceRefused("rate limit: retry in " + wait.get().toSeconds() + " s");
    }
  }

  /** A refusal of the pace or of a suspension, logged as such before it is thrown. */
  private static final class PaceRefused extends AccessDeniedException {
    PaceRefused(String reason) {
      super(reason);
    }
  }

  private static String account(ServerSession session) {
    String account = session.getAttribute(SignIns.ACCOUNT);
    return account == null ? "?" : account;
  }

  private void record(
      ServerSession session, OperationKind kind, Path path, Long bytes, String outcome) {
    operations.record(
        account(session),
        kind,
        rooted(path),
        bytes,
        SignIns.address(session.getClientAddress()),
        outcome);
  }

  /** The path as the account sees it, e.g. {@code inbound/results-1.pgp}. */
  private static String rooted(Path path) {
    Path absolute = path.toAbsolutePath().normalize();
    Path root = absolute.getRoot();
    return (root == null ? absolute : root.relativize(absolute)).toString();
  }
}
