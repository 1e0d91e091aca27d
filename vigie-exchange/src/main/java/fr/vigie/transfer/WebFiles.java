package fr.vigie.transfer;

import fr.vigie.transfer.Folders.Folder;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Optional;
import java.util.StringJoiner;

/**
 * Listing, downloading (with {@code Range}, {@code If-Range} and a strong {@code ETag}) and
 * deleting the files of a signed-in person's account over HTTPS, each logged as over SFTP.
 */
final class WebFiles {
  private final Folders folders;
  private final Operations operations;
  private final AccountRateLimits limits;
  private final Deletions deletions;

  WebFiles(Folders folders, Operations operations, AccountRateLimits limits, Deletions deletions) {
    this.folders = folders;
    this.operations = operations;
    this.limits = limits;
    this.deletions = deletions;
  }

  void list(WebRequest request, Folder folder) throws IOException {
    StringJoiner json = new StringJoiner(",", "[", "]\n");
    for (Path file : folders.list(request.account(), folder)) {
      json.add("{\"name\":\"%s\",\"size\":%d}".formatted(file.getFileName(), Files.size(file)));
    }
    record(request, OperationKind.LIST, folder.directory(), null, "ok");
    request.json(200, json.toString());
  }

  void download(WebRequest request, Folder folder, String name) throws IOException {
    Optional<Path> found = folders.existing(request.account(), folder, name);
    if (found.isEmpty()) {
      request.refuse(Refusals.Reason.NOT_FOUND, 404, null);
      return;
    }
    Path file = found.get();
    BasicFileAttributes attributes =
        Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
    long size = attributes.size();
    String etag =
        "\"%x-%x\"".formatted(size, attributes.lastModifiedTime().toInstant().toEpochMilli());
    request.header("ETag", etag);
    request.header("Accept-Ranges", "bytes");
    request.header("Content-Type", "application/octet-stream");
    request.header("Content-Disposition", "attachment; filename=\"" + name + "\"");
    String ifRange = request.header("If-Range");
    ByteRange.Request asked =
        ifRange != null && !ifRange.equals(etag)
            ? new ByteRange.Request.Whole()
            : ByteRange.parse(request.header("Range"), size);
    ByteRange range;
    int status;
    switch (asked) {
      case ByteRange.Request.Unsatisfiable u -> {
        request.header("Content-Range", "bytes */" + size);
        request.refuse(Refusals.Reason.BAD_RANGE, 416, null);
        return;
      }
      case ByteRange.Request.Part part -> {
        range = part.range();
        status = 206;
        request.header(
            "Content-Range", "bytes %d-%d/%d".formatted(range.first(), range.last(), size));
      }
      case ByteRange.Request.Whole w -> {
        range = new ByteRange(0, size - 1);
        status = 200;
      }
    }
    if ("HEAD".equals(request.method())) {
      request.header("Content-Length", Long.toString(range.length()));
      request.status(status);
      return;
    }
    String path = folder.directory() + "/" + name;
    long sent = 0;
    try (FileChannel channel =
        FileChannel.open(file, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS)) {
      request.http().sendResponseHeaders(status, range.length() == 0 ? -1 : range.length());
      try (OutputStream body = request.http().getResponseBody()) {
        sent = copy(channel, range, Channels.newChannel(body), request.account());
      }
      record(request, OperationKind.DOWNLOAD, path, sent, "ok");
    } catch (IOException e) {
      record(request, OperationKind.DOWNLOAD, path, sent, "failed");
      throw e;
    }
  }

  void delete(WebRequest request, Folder folder, String name) throws IOException {
    Optional<Path> found = folders.existing(request.account(), folder, name);
    String path = folder.directory() + "/" + name;
    if (found.isEmpty()) {
      record(request, OperationKind.DELETE, path, null, "not-found");
      request.status(404);
      return;
    }
    deletions.delete(found.get(), request.account(), OperationKind.DELETE, path, request.source());
    request.status(204);
  }

  /**
   * Copies the range, counting each chunk against the account's pace before it is sent: once the
   * client holds the bytes, they are counted.
   */
  private long copy(FileChannel channel, ByteRange range, WritableByteChannel out, String account)
      throws IOException {
    ByteBuffer buffer = ByteBuffer.allocate(64 * 1024);
    long position = range.first();
    long end = range.last() + 1;
    while (position < end) {
      buffer.clear().limit((int) Math.min(buffer.capacity(), end - position));
      int read = channel.read(buffer, position);
      if (read < 0) {
        throw new IOException("file shorter than announced");
      }
      buffer.flip();
      limits.moved(account, read);
      while (buffer.hasRemaining()) {
        out.write(buffer);
      }
      position += read;
    }
    return position - range.first();
  }

  private void record(
      WebRequest request, OperationKind kind, String path, Long bytes, String outcome) {
    operations.record(request.account(), kind, path, bytes, request.source(), outcome);
  }
}
