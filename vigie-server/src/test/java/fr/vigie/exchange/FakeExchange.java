package fr.vigie.exchange;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * A hand-written stand-in for the exchange's loopback API (the real one is another process, tested
 * in its own module): it checks the token, keeps placed and inbound files in memory and serves a
 * list of operations.
 */
final class FakeExchange implements AutoCloseable {
  final Map<String, byte[]> outbound = new ConcurrentHashMap<>();
  final Map<String, byte[]> inbound = new ConcurrentHashMap<>();
  final List<String> operations = new ArrayList<>();

  /** What the register told of each account's suspension, last word kept. */
  final Map<String, Boolean> suspended = new ConcurrentHashMap<>();

  /**
   * The addresses the register told to refuse, with the time told for each; a network as {@code
   * 192.0.2.0/24}, the guard of the unknown networks as {@code *}.
   */
  final Map<String, String> blocked = new ConcurrentHashMap<>();

  /** The addresses the register told to serve again, in order. */
  final List<String> lifted = new java.util.concurrent.CopyOnWriteArrayList<>();

  final Path tokenFile;
  private final HttpServer server;
  private final String token = "test-token-" + System.nanoTime();

  FakeExchange(Path directory) throws IOException {
    tokenFile = directory.resolve("api-token");
    Files.createDirectories(directory);
    Files.writeString(tokenFile, token);
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/api/", this::handle);
    server.start();
  }

  String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  private void handle(HttpExchange call) throws IOException {
    try (call) {
      if (!("Bearer " + token).equals(call.getRequestHeaders().getFirst("Authorization"))) {
        call.sendResponseHeaders(401, -1);
        return;
      }
      String path = call.getRequestURI().getPath();
      String[] parts = path.split("/");
      String method = call.getRequestMethod();
      if (path.equals("/api/operations")) {
        long after =
            Long.parseLong(call.getRequestURI().getQuery().replaceAll(".*after=(\\d+).*", "$1"));
        String body;
        synchronized (operations) {
          body = operations.stream().skip(after).collect(Collectors.joining(",", "[", "]"));
        }
        respond(call, 200, body.getBytes(StandardCharsets.UTF_8));
      } else if (path.equals("/api/sign-in-guard")
          || parts.length == 6 && parts[2].equals("networks")) {
        String target = parts.length == 6 ? parts[3] + "/" + parts[4] : "*";
        if (method.equals("PUT")) {
          String body = new String(call.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
          blocked.put(target, body.replaceAll(".*\"until\":\"([^\"]+)\".*", "$1"));
        } else {
          blocked.remove(target);
          lifted.add(target);
        }
        call.sendResponseHeaders(204, -1);
      } else if (parts.length == 5 && parts[2].equals("addresses") && method.equals("DELETE")) {
        blocked.remove(parts[3]);
        lifted.add(parts[3]);
        call.sendResponseHeaders(204, -1);
      } else if (parts.length == 5 && parts[2].equals("addresses") && method.equals("PUT")) {
        String body = new String(call.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        blocked.put(parts[3], body.replaceAll(".*\"until\":\"([^\"]+)\".*", "$1"));
        call.sendResponseHeaders(204, -1);
      } else if (parts.length == 5 && parts[4].equals("suspension")) {
        suspended.put(parts[3], method.equals("PUT"));
        call.sendResponseHeaders(204, -1);
      } else if (parts.length == 6 && parts[4].equals("outbound") && method.equals("PUT")) {
        outbound.put(parts[5], call.getRequestBody().readAllBytes());
        call.sendResponseHeaders(201, -1);
      } else if (parts.length == 5 && parts[4].equals("inbound") && method.equals("GET")) {
        String list =
            inbound.entrySet().stream()
                .map(e -> "{\"name\":\"" + e.getKey() + "\",\"size\":" + e.getValue().length + "}")
                .collect(Collectors.joining(",", "[", "]"));
        respond(call, 200, list.getBytes(StandardCharsets.UTF_8));
      } else if (parts.length == 6 && parts[4].equals("inbound") && method.equals("GET")) {
        byte[] file = inbound.get(parts[5]);
        respond(call, file == null ? 404 : 200, file == null ? new byte[0] : file);
      } else if (parts.length == 6 && parts[4].equals("inbound") && method.equals("DELETE")) {
        call.sendResponseHeaders(inbound.remove(parts[5]) == null ? 404 : 204, -1);
      } else {
        call.sendResponseHeaders(404, -1);
      }
    }
  }

  /** Adds one operation as the exchange would log it, with the next sequence number. */
  void operation(String account, String kind, String outcome) {
    operation(account, kind, null, null, "127.0.0.1", "2026-11-30T10:00:00Z", outcome);
  }

  /** Adds one operation on {@code file} (null: none) moving {@code bytes} (null: none). */
  void operation(
      String account,
      String kind,
      String file,
      Long bytes,
      String source,
      String at,
      String outcome) {
    synchronized (operations) {
      operations.add(
          "{\"seq\":%d,\"at\":\"%s\",\"account\":\"%s\",\"kind\":\"%s\",\"file\":%s,\"bytes\":%s,\"source\":\"%s\",\"outcome\":\"%s\"}"
              .formatted(
                  operations.size() + 1,
                  at,
                  account,
                  kind,
                  file == null ? "null" : "\"" + file + "\"",
                  bytes,
                  source,
                  outcome));
    }
  }

  /**
   * Adds one row of refusals as the exchange counts them: {@code count} refusals of {@code outcome}
   * on {@code route} from {@code source}, by {@code account} ({@code ?}: no valid token).
   */
  void refused(String account, String outcome, String route, String source, String at, int count) {
    synchronized (operations) {
      operations.add(
          "{\"seq\":%d,\"at\":\"%s\",\"account\":\"%s\",\"kind\":\"REFUSED\",\"file\":\"%s\",\"bytes\":null,\"source\":\"%s\",\"outcome\":\"%s\",\"count\":%d}"
              .formatted(operations.size() + 1, at, account, route, source, outcome, count));
    }
  }

  private static void respond(HttpExchange call, int status, byte[] body) throws IOException {
    call.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
    if (body.length > 0) {
      try (OutputStream out = call.getResponseBody()) {
        out.write(body);
      }
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
