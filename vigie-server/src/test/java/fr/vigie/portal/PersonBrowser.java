package fr.vigie.portal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A person's browser: its own cookies, redirects followed by the test, forms and JSON. */
final class PersonBrowser {
  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final URI vigie;
  private final CookieManager cookies = new CookieManager(null, CookiePolicy.ACCEPT_ALL);
  private final HttpClient http;

  PersonBrowser(int port) {
    this.vigie = URI.create("http://localhost:" + port);
    this.http =
        HttpClient.newBuilder()
            .cookieHandler(cookies)
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
  }

  record Page(int status, String body, HttpResponse<String> response) {
    JsonNode json() {
      return JSON.readTree(body);
    }

    String header(String name) {
      return response.headers().firstValue(name).orElse("");
    }

    String location() {
      return header("Location");
    }
  }

  Page get(String path) {
    return send(HttpRequest.newBuilder(vigie.resolve(path)).GET());
  }

  /** A browser's GET of an absolute URL, asking for HTML. */
  Page browse(URI url) {
    return send(HttpRequest.newBuilder(url).header("Accept", "text/html").GET());
  }

  Page postJson(String path, Map<String, ?> body, String csrf) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(vigie.resolve(path))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
    if (csrf != null) {
      request.header("X-CSRF-TOKEN", csrf);
    }
    return send(request);
  }

  Page postForm(URI url, Map<String, String> fields) {
    String form =
        fields.entrySet().stream()
            .map(
                e ->
                    URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8)
                        + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
            .collect(Collectors.joining("&"));
    return send(
        HttpRequest.newBuilder(url)
            .header("Accept", "text/html")
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString(form)));
  }

  /** A GET whose answer is a file: its status and bytes. */
  byte[] bytes(String path) {
    try {
      HttpResponse<byte[]> response =
          http.send(
              HttpRequest.newBuilder(vigie.resolve(path)).GET().build(),
              HttpResponse.BodyHandlers.ofByteArray());
      if (response.statusCode() != 200) {
        throw new AssertionError(path + ": " + response.statusCode());
      }
      return response.body();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** The space's CSRF token for JSON requests. */
  String csrf() {
    return get("/api/space/csrf").json().get("token").asString();
  }

  URI vigie() {
    return vigie;
  }

  /** Copies this browser's cookies for Vigie into {@code other}: a stolen or swapped session. */
  void giveCookiesTo(PersonBrowser other) {
    cookies.getCookieStore().get(vigie).forEach(c -> other.cookies.getCookieStore().add(vigie, c));
  }

  /** Sets a cookie for Vigie, as a browser that was handed it would send it. */
  void plant(String name, String value) {
    java.net.HttpCookie cookie = new java.net.HttpCookie(name, value);
    cookie.setPath("/");
    cookie.setVersion(0);
    cookies.getCookieStore().add(vigie, cookie);
  }

  static String hidden(String page, String name) {
    Matcher matcher = Pattern.compile("name=\"" + name + "\"[^>]*value=\"([^\"]+)\"").matcher(page);
    if (!matcher.find()) {
      throw new AssertionError("no field " + name + " in the page");
    }
    return matcher.group(1);
  }

  private Page send(HttpRequest.Builder request) {
    try {
      HttpResponse<String> response =
          http.send(request.build(), HttpResponse.BodyHandlers.ofString());
      return new Page(response.statusCode(), response.body(), response);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
