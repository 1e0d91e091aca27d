package fr.vigie.identity;

import java.io.IOException;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.HttpCookie;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What a browser's JS client does against the API: keeps the session cookie, reads the CSRF token
 * from its cookie and sends it back in the {@code X-XSRF-TOKEN} header.
 */
public final class StaffClient {
  static final JsonMapper JSON = JsonMapper.builder().build();

  private final String base;
  private final CookieManager cookies = new CookieManager(null, CookiePolicy.ACCEPT_ALL);
  private final HttpClient http;

  StaffClient(String base) {
    this.base = base;
    this.http =
        HttpClient.newBuilder()
            .cookieHandler(cookies)
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
  }

  /**
   * Takes the device cookie of {@code other}: the two clients are then two sessions of one browser,
   * which the detectors see as one device.
   */
  public void shareDeviceWith(StaffClient other) {
    other.cookies.getCookieStore().getCookies().stream()
        .filter(cookie -> cookie.getName().equals(Channels.DEVICE_COOKIE))
        .forEach(cookie -> cookies.getCookieStore().add(URI.create(base), cookie));
  }

  /**
   * Sets a cookie as an attacker would plant it in the victim's browser before sign-in (session
   * fixation), for this client's site.
   */
  public void plantCookie(String name, String value) {
    HttpCookie cookie = new HttpCookie(name, value);
    cookie.setPath("/");
    cookie.setVersion(0);
    cookies.getCookieStore().add(URI.create(base), cookie);
  }

  /** Every value this client holds for a cookie of that name (a planted one and the server's). */
  public java.util.List<String> cookieValues(String name) {
    return cookies.getCookieStore().getCookies().stream()
        .filter(c -> c.getName().equals(name))
        .map(HttpCookie::getValue)
        .toList();
  }

  /** The response's status and body, parsed when it is JSON. */
  public record Answer(int status, String body, HttpResponse<String> response) {
    public JsonNode json() {
      return JSON.readTree(body.isEmpty() ? "{}" : body);
    }
  }

  public Answer get(String path) {
    return send(HttpRequest.newBuilder(URI.create(base + path)).GET());
  }

  public Answer patch(String path, Map<String, ?> body) {
    return send(
        withCsrf(HttpRequest.newBuilder(URI.create(base + path)))
            .header("Content-Type", "application/json")
            .method("PATCH", HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))));
  }

  public Answer post(String path, Map<String, ?> body) {
    return send(
        withCsrf(HttpRequest.newBuilder(URI.create(base + path)))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))));
  }

  /** A POST of a JSON text as it is, for bodies a map cannot make (a lone surrogate escape). */
  public Answer postJson(String path, String json) {
    return send(
        withCsrf(HttpRequest.newBuilder(URI.create(base + path)))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(json)));
  }

  /** The value of a cookie this client holds, or null. */
  public String cookieValue(String name) {
    return cookie(name);
  }

  /** The raw body of a GET answered 200, for binary answers such as PDFs. */
  public byte[] bytes(String path) {
    try {
      HttpResponse<byte[]> response =
          http.send(
              HttpRequest.newBuilder(URI.create(base + path)).GET().build(),
              HttpResponse.BodyHandlers.ofByteArray());
      if (response.statusCode() != 200) {
        throw new IllegalStateException("GET " + path + " answered " + response.statusCode());
      }
      return response.body();
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** A {@code PUT} with no body, such as an assignment to a caseload. */
  public Answer put(String path) {
    return send(
        withCsrf(HttpRequest.newBuilder(URI.create(base + path)))
            .PUT(HttpRequest.BodyPublishers.noBody()));
  }

  Answer delete(String path) {
    return send(withCsrf(HttpRequest.newBuilder(URI.create(base + path))).DELETE());
  }

  /** A browser's GET of an absolute URL, asking for HTML. */
  Answer browse(URI url) {
    return send(HttpRequest.newBuilder(url).header("Accept", "text/html").GET());
  }

  /** A browser's form POST to an absolute URL. */
  Answer submitForm(URI url, Map<String, String> fields) {
    String form =
        fields.entrySet().stream()
            .map(
                e ->
                    java.net.URLEncoder.encode(e.getKey(), java.nio.charset.StandardCharsets.UTF_8)
                        + "="
                        + java.net.URLEncoder.encode(
                            e.getValue(), java.nio.charset.StandardCharsets.UTF_8))
            .collect(java.util.stream.Collectors.joining("&"));
    return send(
        HttpRequest.newBuilder(url)
            .header("Accept", "text/html")
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString(form)));
  }

  /** Signs in with a password, fetching the CSRF cookie first as a JS client would. */
  public Answer signIn(String login, String password) {
    get("/api/session");
    return post("/api/session", Map.of("login", login, "password", password));
  }

  String cookie(String name) {
    return cookies.getCookieStore().getCookies().stream()
        .filter(c -> c.getName().equals(name))
        .map(HttpCookie::getValue)
        .findFirst()
        .orElse(null);
  }

  private HttpRequest.Builder withCsrf(HttpRequest.Builder request) {
    String token = cookie("XSRF-TOKEN");
    return token == null ? request : request.header("X-XSRF-TOKEN", token);
  }

  private Answer send(HttpRequest.Builder request) {
    try {
      HttpResponse<String> response =
          http.send(request.build(), HttpResponse.BodyHandlers.ofString());
      return new Answer(response.statusCode(), response.body(), response);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
