package fr.vigie.web;

import static org.assertj.core.api.Assertions.assertThat;

import fr.vigie.identity.IdentityIntegrationTest;
import fr.vigie.identity.OrganizationKind;
import fr.vigie.identity.Role;
import fr.vigie.identity.StaffClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.catalina.Context;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.tomcat.TomcatWebServer;
import org.springframework.boot.web.server.servlet.context.ServletWebServerApplicationContext;

/**
 * What an outside attack pass found at the HTTP edge, each over HTTP against the whole Vigie: no
 * session for anyone not signed in, every refusal a problem detail with Vigie's code, the security
 * headers, and the error page.
 */
class EdgeIT extends IdentityIntegrationTest {
  @Autowired ServletWebServerApplicationContext context;

  private static final List<String> ANONYMOUS_PATHS =
      List.of(
          "/api/probe",
          "/api/persons/" + UUID.randomUUID(),
          "/api/alerts",
          "/api/caseloads/me",
          "/no/such/path",
          "/admin",
          "/api/session/totp",
          "/",
          "/api/status",
          "/api/session");

  @Test
  void anonymousRequests_protectedAndUnknownPaths_createNoSession() {
    int before = activeSessions();
    HttpClient http = HttpClient.newHttpClient();
    for (int round = 0; round < 20; round++) {
      for (String path : ANONYMOUS_PATHS) {
        HttpResponse<String> answer =
            send(http, HttpRequest.newBuilder(uri(path)).header("Accept", "text/html").GET());
        assertThat(answer.headers().allValues("Set-Cookie"))
            .as("GET %s", path)
            .noneMatch(cookie -> cookie.startsWith("JSESSIONID"));
      }
      HttpResponse<String> post =
          send(
              http,
              HttpRequest.newBuilder(uri("/api/persons/search"))
                  .header("Content-Type", "application/json")
                  .POST(HttpRequest.BodyPublishers.ofString("{}")));
      assertThat(post.headers().allValues("Set-Cookie"))
          .noneMatch(cookie -> cookie.startsWith("JSESSIONID"));
    }

    assertThat(activeSessions()).isEqualTo(before);
  }

  @Test
  void passkeyCeremony_anonymous_createsNoSession() {
    int before = activeSessions();
    StaffClient anonymous = client();
    anonymous.get("/api/session");

    for (int n = 0; n < 20; n++) {
      for (String path : List.of("/webauthn/authenticate/options", "/webauthn/register/options")) {
        StaffClient.Answer answer = anonymous.post(path, Map.of());

        assertThat(answer.status()).as(path).isIn(400, 401, 403);
        assertThat(answer.response().headers().allValues("Set-Cookie"))
            .as(path)
            .noneMatch(cookie -> cookie.startsWith("JSESSIONID"));
      }
    }

    assertThat(activeSessions()).isEqualTo(before);
  }

  @Test
  void signIn_firstFactor_createsTheOneSession() {
    int before = activeSessions();
    StaffClient client = client();

    assertThat(client.signIn(newAccount(Role.ADVISOR).login(), PASSWORD).status()).isEqualTo(200);

    assertThat(activeSessions()).isEqualTo(before + 1);
  }

  @Test
  void protectedPath_anonymous_is401ProblemWithCode() {
    StaffClient.Answer answer = client().get("/api/probe");

    assertThat(answer.status()).isEqualTo(401);
    assertThat(answer.response().headers().firstValue("Content-Type"))
        .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
    assertThat(answer.json().get("code").asString()).isEqualTo("SIGN_IN_REQUIRED");
    assertThat(answer.json().get("status").asInt()).isEqualTo(401);
    assertThat(answer.json().get("type").asString())
        .isEqualTo("https://vigie.example/problems/sign-in-required");
  }

  @Test
  void post_withoutCsrfToken_is403ProblemWithCsrfCode() {
    StaffClient.Answer answer =
        rawPost("/api/persons/search", "{\"criterion\":\"NIR_EXACT\",\"value\":\"1\"}");

    assertThat(answer.status()).isEqualTo(403);
    assertThat(answer.json().get("code").asString()).isEqualTo("CSRF_TOKEN_INVALID");
  }

  @Test
  void post_withCsrfToken_passesTheCsrfCheck() {
    StaffClient client = client();
    client.get("/api/session");

    StaffClient.Answer answer = client.post("/api/persons/search", Map.of("value", "x"));

    assertThat(answer.status()).isEqualTo(401);
    assertThat(answer.json().get("code").asString()).isEqualTo("SIGN_IN_REQUIRED");
  }

  @Test
  void alerts_advisor_is403ProblemNotPermitted() {
    StaffClient advisor = signedIn(newAccount(Role.ADVISOR));

    StaffClient.Answer answer = advisor.get("/api/alerts");

    assertThat(answer.status()).isEqualTo(403);
    assertThat(answer.json().get("code").asString()).isEqualTo("NOT_PERMITTED");
  }

  @Test
  void fullEndpoint_passwordOnly_is403ProblemNotPermitted() {
    StaffClient client = client();
    assertThat(client.signIn(newAccount(Role.ADVISOR).login(), PASSWORD).status()).isEqualTo(200);

    StaffClient.Answer answer = client.get("/api/probe");

    assertThat(answer.status()).isEqualTo(403);
    assertThat(answer.json().get("code").asString()).isEqualTo("NOT_PERMITTED");
  }

  @Test
  void errorPage_plainGet_is404Problem() {
    StaffClient.Answer answer = client().get("/error");

    assertThat(answer.status()).isEqualTo(404);
    assertThat(answer.json().get("code").asString()).isEqualTo("NOT_FOUND");
  }

  @Test
  void unknownPath_signedIn_is404ProblemWithCode() {
    StaffClient analyst = signedIn(newAccount(Role.SECURITY_ANALYST));

    StaffClient.Answer answer = analyst.get("/api/no-such-thing");

    assertThat(answer.status()).isEqualTo(404);
    assertThat(answer.json().get("code").asString()).isEqualTo("NOT_FOUND");
  }

  @Test
  void everyAnswer_carriesTheSecurityHeaders() {
    for (String path : List.of("/", "/api/status", "/api/probe", "/error")) {
      HttpResponse<String> answer = client().get(path).response();

      assertThat(answer.headers().firstValue("Content-Security-Policy"))
          .as(path)
          .hasValueSatisfying(
              csp ->
                  assertThat(csp)
                      .contains("default-src 'self'")
                      .contains("frame-ancestors 'none'")
                      .doesNotContain("unsafe-inline"));
      assertThat(answer.headers().firstValue("Referrer-Policy")).as(path).hasValue("no-referrer");
      assertThat(answer.headers().firstValue("Permissions-Policy"))
          .as(path)
          .hasValueSatisfying(policy -> assertThat(policy).contains("camera=()"));
      assertThat(answer.headers().firstValue("X-Content-Type-Options"))
          .as(path)
          .hasValue("nosniff");
      assertThat(answer.headers().firstValue("Cache-Control"))
          .as(path)
          .hasValueSatisfying(cache -> assertThat(cache).contains("no-store"));
      // Plain HTTP: no HSTS (a browser would ignore it; TlsIT checks it over TLS).
      assertThat(answer.headers().firstValue("Strict-Transport-Security")).as(path).isEmpty();
    }
  }

  @Test
  void everyCookie_isSameSite() {
    StaffClient client = client();
    HttpResponse<String> csrf = client.get("/api/session").response();
    TestAccount account =
        newAccount(Role.ADVISOR, "FT-" + UUID.randomUUID(), OrganizationKind.FRANCE_TRAVAIL_AGENCY);
    HttpResponse<String> signIn =
        client
            .post("/api/session", Map.of("login", account.login(), "password", PASSWORD))
            .response();

    List<String> cookies =
        java.util.stream.Stream.concat(
                csrf.headers().allValues("Set-Cookie").stream(),
                signIn.headers().allValues("Set-Cookie").stream())
            .toList();
    assertThat(cookies)
        .anyMatch(c -> c.startsWith("XSRF-TOKEN="))
        .anyMatch(c -> c.startsWith("JSESSIONID="))
        .anyMatch(c -> c.startsWith("vigie_device="));
    assertThat(cookies)
        .allSatisfy(
            cookie ->
                assertThat(cookie.toLowerCase(java.util.Locale.ROOT))
                    .containsAnyOf("samesite=lax", "samesite=strict"));
    // Served over plain HTTP with no proxy saying otherwise: not Secure (TlsIT: Secure over TLS).
    assertThat(cookies).noneMatch(c -> c.toLowerCase(java.util.Locale.ROOT).contains("secure"));
  }

  private StaffClient.Answer rawPost(String path, String json) {
    HttpResponse<String> answer =
        send(
            HttpClient.newHttpClient(),
            HttpRequest.newBuilder(uri(path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8)));
    return new StaffClient.Answer(answer.statusCode(), answer.body(), answer);
  }

  private URI uri(String path) {
    return URI.create("http://localhost:" + port() + path);
  }

  private static HttpResponse<String> send(HttpClient http, HttpRequest.Builder request) {
    try {
      return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Sessions the servlet container holds now, whoever made them. */
  private int activeSessions() {
    TomcatWebServer server = (TomcatWebServer) context.getWebServer();
    Context web = (Context) server.getTomcat().getHost().findChildren()[0];
    return web.getManager().getActiveSessions();
  }
}
