package fr.vigie.transfer;

import com.sun.net.httpserver.HttpExchange;
import fr.vigie.transfer.Folders.Folder;
import fr.vigie.transfer.WebSessions.Session;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The routes of the HTTPS side. A path is taken only when it is exactly one of these, in its raw
 * form: no percent-encoding (no file name needs it, so {@code %2e%2e} or {@code %2f} is refused,
 * not decoded), no {@code ..}, no other segment; anything else is a 404 before any file is touched.
 *
 * <pre>
 * POST   /session                   login, password, code (form) → a bearer token
 * DELETE /session                   signs out
 * GET    /files/{folder}/           the folder's files (JSON)
 * GET    /files/{folder}/{name}     the file, Range and If-Range honoured (HEAD too)
 * DELETE /files/{folder}/{name}     deletes it (confirms the pickup of a batch)
 * POST   /uploads/inbound/{name}    starts an upload (Upload-Length)
 * HEAD   /uploads/inbound/{name}    the bytes received so far (Upload-Offset)
 * PATCH  /uploads/inbound/{name}    appends at Upload-Offset
 * </pre>
 */
final class WebRoutes {
  private static final Pattern FILES =
      Pattern.compile("/files/(inbound|outbound)/([A-Za-z0-9][A-Za-z0-9._-]{0,127})?");
  private static final Pattern UPLOADS =
      Pattern.compile("/uploads/inbound/([A-Za-z0-9][A-Za-z0-9._-]{0,127})");
  private static final int MAX_FORM = 4096;

  private final Refusals refusals;
  private final BlockedAddresses blocked;
  private final WebSignIns signIns;
  private final WebSessions sessions;
  private final AccountRateLimits limits;
  private final WebFiles files;
  private final WebUploads uploads;

  WebRoutes(
      Refusals refusals,
      BlockedAddresses blocked,
      WebSignIns signIns,
      WebSessions sessions,
      AccountRateLimits limits,
      WebFiles files,
      WebUploads uploads) {
    this.refusals = refusals;
    this.blocked = blocked;
    this.signIns = signIns;
    this.sessions = sessions;
    this.limits = limits;
    this.files = files;
    this.uploads = uploads;
  }

  void handle(HttpExchange http, String source) throws IOException {
    securityHeaders(http);
    String path = http.getRequestURI().getRawPath();
    String method = http.getRequestMethod();
    Optional<Duration> refused = blocked.refused(source);
    if (refused.isPresent()) {
      refusals.refused(source, null, Refusals.Reason.ADDRESS_BLOCKED, route(path));
      http.getResponseHeaders()
          .set("Retry-After", Long.toString(Math.max(1, refused.get().toSeconds())));
      WebRequest.send(http, 403, "text/plain; charset=utf-8", "address refused for a while\n");
      return;
    }
    if ("/session".equals(path)) {
      session(http, method, source);
      return;
    }
    Optional<Session> session = sessions.find(bearer(http));
    if (session.isEmpty()) {
      refusals.refused(source, null, Refusals.Reason.BAD_TOKEN, route(path));
      http.getResponseHeaders().set("WWW-Authenticate", "Bearer");
      WebRequest.send(http, 401, "text/plain; charset=utf-8", "sign in first: POST /session\n");
      return;
    }
    Optional<Duration> wait = limits.tryOperation(session.get().account());
    if (wait.isPresent()) {
      // Counted, not one row each: a stolen token hammering past its pace would fill the log.
      refusals.refused(source, session.get().account(), Refusals.Reason.RATE_LIMITED, route(path));
      WebRequest.tooMany(http, wait.get());
      return;
    }
    WebRequest request = new WebRequest(http, session.get().account(), source, refusals);
    Matcher file = FILES.matcher(path == null ? "" : path);
    Matcher upload = UPLOADS.matcher(path == null ? "" : path);
    if (file.matches() && !invalid(file.group(2))) {
      Folder folder = Folder.valueOf(file.group(1).toUpperCase(java.util.Locale.ROOT));
      String name = file.group(2);
      switch (name == null ? "LIST " + method : method) {
        case "LIST GET" -> files.list(request, folder);
        case "GET", "HEAD" -> files.download(request, folder, name);
        case "DELETE" -> files.delete(request, folder, name);
        default -> request.refuse(Refusals.Reason.BAD_METHOD, 405, null);
      }
    } else if (upload.matches() && !invalid(upload.group(1))) {
      String name = upload.group(1);
      switch (method) {
        case "POST" -> uploads.create(request, name);
        case "HEAD" -> uploads.offset(request, name);
        case "PATCH" -> uploads.append(request, name);
        default -> request.refuse(Refusals.Reason.BAD_METHOD, 405, null);
      }
    } else {
      request.refuse(Refusals.Reason.OFF_ROUTE, 404, null);
    }
  }

  private void session(HttpExchange http, String method, String source) throws IOException {
    if ("DELETE".equals(method)) {
      sessions.close(bearer(http));
      http.sendResponseHeaders(204, -1);
      return;
    }
    if (!"POST".equals(method)) {
      refusals.refused(source, null, Refusals.Reason.BAD_METHOD, "session");
      http.sendResponseHeaders(405, -1);
      return;
    }
    Map<String, String> form = form(http.getRequestBody());
    switch (signIns.signIn(form.get("login"), form.get("password"), form.get("code"), source)) {
      case WebSignIns.Outcome.SignedIn in ->
          WebRequest.send(http, 200, "text/plain; charset=utf-8", in.token() + "\n");
      case WebSignIns.Outcome.Refused r ->
          WebRequest.send(
              http, 401, "text/plain; charset=utf-8", "login, password or code refused\n");
      case WebSignIns.Outcome.Wait w -> WebRequest.tooMany(http, w.retryAfter());
    }
  }

  /** The name of the route {@code path} is, or {@code other}: what a refusal may say of a path. */
  static String route(String path) {
    String given = path == null ? "" : path;
    if ("/session".equals(given)) {
      return "session";
    }
    Matcher file = FILES.matcher(given);
    if (file.matches() && !invalid(file.group(2))) {
      return "files";
    }
    Matcher upload = UPLOADS.matcher(given);
    return upload.matches() && !invalid(upload.group(1)) ? "uploads" : "other";
  }

  /**
   * On every answer: HTTPS only from now on, nothing cached, and nothing a browser may render or
   * frame (the side serves text, JSON and files, never a page; wapiti found these missing).
   */
  private static void securityHeaders(HttpExchange http) {
    var headers = http.getResponseHeaders();
    headers.set("Strict-Transport-Security", "max-age=31536000");
    headers.set("Cache-Control", "no-store");
    headers.set("X-Content-Type-Options", "nosniff");
    headers.set("Content-Security-Policy", "default-src 'none'; frame-ancestors 'none'");
    headers.set("X-Frame-Options", "DENY");
    headers.set("Referrer-Policy", "no-referrer");
  }

  /** Names the file-name pattern lets through but no folder holds: {@code ..} inside a name. */
  private static boolean invalid(String name) {
    return name != null && !Folders.validFileName(name);
  }

  private static String bearer(HttpExchange http) {
    String header = http.getRequestHeaders().getFirst("Authorization");
    return header != null && header.startsWith("Bearer ") ? header.substring(7).strip() : null;
  }

  private static Map<String, String> form(InputStream body) throws IOException {
    byte[] bytes = body.readNBytes(MAX_FORM + 1);
    Map<String, String> form = new HashMap<>();
    if (bytes.length > MAX_FORM) {
      return form;
    }
    for (String pair : new String(bytes, StandardCharsets.UTF_8).split("&")) {
      int equals = pair.indexOf('=');
      try {
        if (equals > 0) {
          form.putIfAbsent(
              URLDecoder.decode(pair.substring(0, equals), StandardCharsets.UTF_8),
              URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8));
        }
      } catch (IllegalArgumentException malformed) {
        return Map.of(); // a broken escape: no field is believed
      }
    }
    return form;
  }
}
