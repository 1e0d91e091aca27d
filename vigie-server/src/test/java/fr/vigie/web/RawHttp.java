package fr.vigie.web;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * HTTP/1.1 over a plain socket, for what a polite client cannot send: a body that announces 100 MB
 * and stops, a chunked body without end, headers of any size. Reads the answer the server gives
 * before or instead of reading the rest.
 */
final class RawHttp {
  private RawHttp() {}

  /** The status line, the headers (lower-cased names) and the body of an answer. */
  record Reply(int status, String head, String body) {
    String header(String name) {
      for (String line : head.split("\r\n")) {
        int colon = line.indexOf(':');
        if (colon > 0 && line.substring(0, colon).trim().equalsIgnoreCase(name)) {
          return line.substring(colon + 1).trim();
        }
      }
      return null;
    }
  }

  /** A body writer: writes what it wants to the connection once the head is sent. */
  interface Body {
    void write(OutputStream out) throws IOException;
  }

  static Reply send(int port, String head, Body body) {
    try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
      socket.setSoTimeout(20_000);
      OutputStream out = socket.getOutputStream();
      out.write(head.getBytes(StandardCharsets.ISO_8859_1));
      out.flush();
      try {
        body.write(out);
        out.flush();
      } catch (IOException closedEarly) {
        // The server may answer and close before the body is all sent: read what it said.
      }
      return read(socket.getInputStream());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Reply read(InputStream in) throws IOException {
    ByteArrayOutputStream all = new ByteArrayOutputStream();
    byte[] buffer = new byte[8192];
    int headEnd = -1;
    long contentLength = -1;
    while (true) {
      int n;
      try {
        n = in.read(buffer);
      } catch (IOException reset) {
        break;
      }
      if (n < 0) {
        break;
      }
      all.write(buffer, 0, n);
      String text = all.toString(StandardCharsets.ISO_8859_1);
      if (headEnd < 0) {
        headEnd = text.indexOf("\r\n\r\n");
        if (headEnd >= 0) {
          Reply partial = new Reply(0, text.substring(0, headEnd), "");
          String length = partial.header("content-length");
          contentLength = length == null ? -1 : Long.parseLong(length);
        }
      }
      if (headEnd >= 0) {
        String rest = text.substring(headEnd + 4);
        if (contentLength >= 0
            && rest.getBytes(StandardCharsets.ISO_8859_1).length >= contentLength) {
          break;
        }
        if (contentLength < 0 && rest.endsWith("0\r\n\r\n")) {
          break;
        }
      }
    }
    String text = all.toString(StandardCharsets.UTF_8);
    int end = text.indexOf("\r\n\r\n");
    if (end < 0) {
      throw new IOException("no answer from the server");
    }
    String head = text.substring(0, end);
    int status = Integer.parseInt(head.substring(9, 12));
    String body = text.substring(end + 4);
    Reply reply = new Reply(status, head, body);
    String encoding = reply.header("transfer-encoding");
    if (encoding != null && encoding.toLowerCase(Locale.ROOT).contains("chunked")) {
      return new Reply(status, head, dechunk(body));
    }
    return reply;
  }

  private static String dechunk(String body) {
    StringBuilder out = new StringBuilder();
    int at = 0;
    while (at < body.length()) {
      int lineEnd = body.indexOf("\r\n", at);
      if (lineEnd < 0) {
        break;
      }
      int size = Integer.parseInt(body.substring(at, lineEnd).trim(), 16);
      if (size == 0) {
        break;
      }
      out.append(body, lineEnd + 2, Math.min(body.length(), lineEnd + 2 + size));
      at = lineEnd + 2 + size + 2;
    }
    return out.toString();
  }
}
