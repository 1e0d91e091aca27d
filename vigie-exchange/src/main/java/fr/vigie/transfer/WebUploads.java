package fr.vigie.transfer;

import fr.vigie.transfer.Accounts.Account;
import fr.vigie.transfer.Folders.Folder;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Resumable uploads to {@code inbound/} over HTTPS, as the tus protocol (1.0, core) does them:
 * {@code POST} announces the length (checked against the largest file and the quota), {@code HEAD}
 * tells how many bytes arrived, {@code PATCH} appends from that offset. The bytes go to a hidden
 * part file, which becomes the file by an atomic rename once whole: a cut connection or a killed
 * exchange loses nothing that was written, and no half file ever shows under its name.
 */
final class WebUploads {
  private static final String TUS = "1.0.0";

  /** The hidden part file of an upload in progress is this prefix and the file's name. */
  static final String PART_PREFIX = ".upload-";

  private final Accounts accounts;
  private final Folders folders;
  private final Operations operations;
  private final AccountRateLimits limits;
  private final JdbcTemplate jdbc;

  WebUploads(
      Accounts accounts,
      Folders folders,
      Operations operations,
      AccountRateLimits limits,
      JdbcTemplate jdbc) {
    this.accounts = accounts;
    this.folders = folders;
    this.operations = operations;
    this.limits = limits;
    this.jdbc = jdbc;
  }

  void create(WebRequest request, String name) throws IOException {
    request.header("Tus-Resumable", TUS);
    Optional<Long> length = number(request.header("Upload-Length"));
    if (length.isEmpty()) {
      request.refuse(
          Refusals.Reason.BAD_HEADER, 400, "Upload-Length is required: the file's size in bytes\n");
      return;
    }
    Path part = part(request.account(), name);
    Files.deleteIfExists(part);
    if (length.get() > room(request.account(), 0)) {
      record(request, name, null, "quota-exceeded");
      request.text(413, "larger than the largest file or the room left in the quota\n");
      return;
    }
    Files.createFile(part);
    jdbc.update(
        "insert into upload (account, name, length) values (?, ?, ?) on conflict (account, name)"
            + " do update set length = excluded.length, created_at = now()",
        request.account(),
        name,
        length.get());
    request.header("Location", "/uploads/inbound/" + name);
    request.header("Upload-Offset", "0");
    if (length.get() == 0) {
      complete(request, name, part, 0);
    }
    request.status(201);
  }

  void offset(WebRequest request, String name) throws IOException {
    request.header("Tus-Resumable", TUS);
    request.header("Cache-Control", "no-store");
    Optional<Long> length = announced(request.account(), name);
    Path part = part(request.account(), name);
    if (length.isEmpty() || !Files.isRegularFile(part, LinkOption.NOFOLLOW_LINKS)) {
      request.refuse(Refusals.Reason.NOT_FOUND, 404, null);
      return;
    }
    request.header("Upload-Offset", Long.toString(Files.size(part)));
    request.header("Upload-Length", Long.toString(length.get()));
    request.status(200);
  }

  void append(WebRequest request, String name) throws IOException {
    request.header("Tus-Resumable", TUS);
    if (!"application/offset+octet-stream".equals(request.header("Content-Type"))) {
      request.refuse(
          Refusals.Reason.BAD_HEADER,
          415,
          "Content-Type must be application/offset+octet-stream\n");
      return;
    }
    Optional<Long> length = announced(request.account(), name);
    Path part = part(request.account(), name);
    if (length.isEmpty() || !Files.isRegularFile(part, LinkOption.NOFOLLOW_LINKS)) {
      request.refuse(Refusals.Reason.NOT_FOUND, 404, null);
      return;
    }
    long offset = Files.size(part);
    if (!number(request.header("Upload-Offset")).equals(Optional.of(offset))) {
      request.header("Upload-Offset", Long.toString(offset));
      request.refuse(
          Refusals.Reason.BAD_OFFSET,
          409,
          "Upload-Offset must be " + offset + ", the bytes received so far\n");
      return;
    }
    if (length.get() > room(request.account(), offset)) {
      Files.deleteIfExists(part);
      jdbc.update("delete from upload where account = ? and name = ?", request.account(), name);
      record(request, name, offset, "quota-exceeded");
      request.text(413, "the quota was reached meanwhile; the upload is deleted\n");
      return;
    }
    long received = 0;
    try (InputStream body = request.http().getRequestBody();
        FileChannel out =
            FileChannel.open(
                part,
                StandardOpenOption.WRITE,
                StandardOpenOption.APPEND,
                LinkOption.NOFOLLOW_LINKS)) {
      received = receive(body, out, length.get() - offset);
      if (received < 0) {
        out.truncate(offset); // the whole chunk is refused, the upload stays where it was
        record(request, name, offset, "too-long");
        request.text(413, "more bytes than the Upload-Length announced\n");
        return;
      }
    } catch (IOException cut) {
      // The client went away: what arrived stays, and HEAD tells where to resume.
      received = Files.size(part) - offset;
      limits.moved(request.account(), received);
      record(request, name, Files.size(part), "cut");
      throw cut;
    }
    limits.moved(request.account(), received);
    long now = offset + received;
    request.header("Upload-Offset", Long.toString(now));
    if (now == length.get()) {
      complete(request, name, part, now);
    }
    request.status(204);
  }

  /** Reads the body into {@code out}; -1 as soon as it brings more than {@code room} bytes. */
  private static long receive(InputStream body, FileChannel out, long room) throws IOException {
    byte[] buffer = new byte[64 * 1024];
    long total = 0;
    for (int read = body.read(buffer); read >= 0; read = body.read(buffer)) {
      if (total + read > room) {
        return -1;
      }
      out.write(java.nio.ByteBuffer.wrap(buffer, 0, read));
      total += read;
    }
    return total;
  }

  private void complete(WebRequest request, String name, Path part, long size) throws IOException {
    try (FileChannel channel = FileChannel.open(part, StandardOpenOption.WRITE)) {
      channel.force(true);
    }
    Files.move(
        part,
        folders.file(request.account(), Folder.INBOUND, name),
        StandardCopyOption.ATOMIC_MOVE);
    jdbc.update("delete from upload where account = ? and name = ?", request.account(), name);
    record(request, name, size, "ok");
  }

  private long room(String account, long alreadyCounted) throws IOException {
    Account limits = accounts.find(account).orElseThrow();
    return Math.min(
        limits.maxFileBytes(), limits.quotaBytes() - folders.usage(account) + alreadyCounted);
  }

  private Optional<Long> announced(String account, String name) {
    return jdbc
        .queryForList(
            "select length from upload where account = ? and name = ?", Long.class, account, name)
        .stream()
        .findFirst();
  }

  private Path part(String account, String name) throws IOException {
    return folders.file(account, Folder.INBOUND, name).resolveSibling(PART_PREFIX + name);
  }

  private void record(WebRequest request, String name, Long bytes, String outcome) {
    operations.record(
        request.account(),
        OperationKind.UPLOAD,
        "inbound/" + name,
        bytes,
        request.source(),
        outcome);
  }

  private static Optional<Long> number(String header) {
    if (header == null || !header.matches("\\d{1,18}")) {
      return Optional.empty();
    }
    return Optional.of(Long.parseLong(header));
  }
}
