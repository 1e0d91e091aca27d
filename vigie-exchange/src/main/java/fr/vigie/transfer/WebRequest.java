package fr.vigie.transfer;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * One HTTPS request of a signed-in person: the exchange, the account whose folders it may reach and
 * the source address; with the few ways to answer it.
 */
record WebRequest(HttpExchange http, String account, String source, Refusals refusals) {

  String header(String name) {
    return http.getRequestHeaders().getFirst(name);
  }

  String method() {
    return http.getRequestMethod();
  }

  void header(String name, String value) {
    http.getResponseHeaders().set(name, value);
  }

  /** An answer without a body (204, 404, HEAD...). */
  void status(int status) throws IOException {
    http.sendResponseHeaders(status, -1);
    http.close();
  }

  /**
   * Refuses the request with {@code status} (and {@code body}, null for none), counting the refusal
   * under the route's name ({@link Refusals}): never the path itself, which may name a file.
   */
  void refuse(Refusals.Reason reason, int status, String body) throws IOException {
    refusals.refused(source, account, reason, WebRoutes.route(http.getRequestURI().getRawPath()));
    if (body == null) {
      status(status);
    } else {
      text(status, body);
    }
  }

  void text(int status, String body) throws IOException {
    send(http, status, "text/plain; charset=utf-8", body);
  }

  void json(int status, String body) throws IOException {
    send(http, status, "application/json", body);
  }

  static void send(HttpExchange http, int status, String type, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    http.getResponseHeaders().set("Content-Type", type);
    http.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
    try (var out = http.getResponseBody()) {
      out.write(bytes);
    }
  }

  /** 429 with the seconds to wait, rounded up. */
  static void tooMany(HttpExchange http, Duration wait) throws IOException {
    long seconds = Math.max(1, (wait.toMillis() + 999) / 1000);
    http.getResponseHeaders().set("Retry-After", Long.toString(seconds));
    send(
        http,
        429,
        "text/plain; charset=utf-8",
        "too many requests; retry after " + seconds + " s\n");
  }
}
