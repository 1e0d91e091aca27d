package fr.vigie.web;

import static org.assertj.core.api.Assertions.assertThat;

import fr.vigie.identity.IdentityIntegrationTest;
import fr.vigie.identity.Role;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Vigie served over TLS (a Spring Boot SSL bundle with a self-signed key pair made for this test by
 * the JDK's keytool): HSTS, and every cookie {@code Secure} and {@code SameSite}. The sign-in limit
 * counts per /24 as well as per address, and its 429 says when to come back.
 */
class TlsIT extends IdentityIntegrationTest {
  private static final String STORE_PASSWORD = "test-only-store";
  private static final Path KEYSTORE = selfSignedKeystore();

  @DynamicPropertySource
  static void tls(DynamicPropertyRegistry properties) {
    properties.add("spring.ssl.bundle.jks.web.keystore.location", () -> "file:" + KEYSTORE);
    properties.add("spring.ssl.bundle.jks.web.keystore.password", () -> STORE_PASSWORD);
    properties.add("spring.ssl.bundle.jks.web.keystore.type", () -> "PKCS12");
    properties.add("server.ssl.bundle", () -> "web");
    properties.add("vigie.sign-in.rate-limit.capacity", () -> "3");
    properties.add("vigie.sign-in.rate-limit.refill-period", () -> "PT30S");
    properties.add("vigie.sign-in.rate-limit.network-factor", () -> "4");
  }

  @Test
  void handshake_withAnObsoleteCbcSuite_isRefusedByTheServer() throws IOException {
    assertThat(handshake("TLSv1.2", "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256"))
        .isEqualTo("TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256");
    assertThat(handshake("TLSv1.3", "TLS_AES_128_GCM_SHA256")).isEqualTo("TLS_AES_128_GCM_SHA256");

    // The client offers it (the JDK still supports it); the server's alert refuses it.
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> handshake("TLSv1.2", "TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA256"))
        .isInstanceOf(javax.net.ssl.SSLException.class)
        .hasMessageContaining("Received fatal alert");
  }

  /** The suite a handshake offering only {@code suite} over {@code protocol} agrees on. */
  private String handshake(String protocol, String suite) throws IOException {
    try (javax.net.ssl.SSLSocket socket =
        (javax.net.ssl.SSLSocket) trusting().getSocketFactory().createSocket("127.0.0.1", port())) {
      socket.setEnabledProtocols(new String[] {protocol});
      socket.setEnabledCipherSuites(new String[] {suite});
      socket.startHandshake();
      return socket.getSession().getCipherSuite();
    }
  }

  @Test
  void overTls_answersCarryHsts() {
    HttpResponse<String> answer = get(client(null), "/api/status");

    assertThat(answer.statusCode()).isEqualTo(200);
    assertThat(answer.headers().firstValue("Strict-Transport-Security"))
        .hasValueSatisfying(hsts -> assertThat(hsts).contains("max-age=31536000"));
  }

  @Test
  void overTls_everyCookieIsSecureAndSameSite() {
    HttpClient http = client(null);
    HttpResponse<String> state = get(http, "/api/session");
    String token = cookieValue(state, "XSRF-TOKEN");
    HttpResponse<String> signIn =
        post(
            http,
            "/api/session",
            token,
            "{\"login\":\""
                + newAccount(Role.ADVISOR).login()
                + "\",\"password\":\""
                + PASSWORD
                + "\"}");
    assertThat(signIn.statusCode()).isEqualTo(200);

    List<String> cookies = new ArrayList<>(state.headers().allValues("Set-Cookie"));
    cookies.addAll(signIn.headers().allValues("Set-Cookie"));
    assertThat(cookies)
        .anyMatch(c -> c.startsWith("XSRF-TOKEN="))
        .anyMatch(c -> c.startsWith("JSESSIONID="))
        .anyMatch(c -> c.startsWith("vigie_device="));
    assertThat(cookies)
        .allSatisfy(
            cookie -> {
              String lower = cookie.toLowerCase(Locale.ROOT);
              assertThat(lower).contains("; secure");
              assertThat(lower).containsAnyOf("samesite=lax", "samesite=strict");
            });
  }

  @Test
  void signIn_manyAddressesOfOneSlash24_share429WithRetryAfter() throws Exception {
    // 3 per address, 12 per /24: five addresses of 127.0.3.0/24 trying 3 times each.
    List<Integer> statuses = new ArrayList<>();
    HttpResponse<String> refused = null;
    for (int host = 2; host <= 6; host++) {
      HttpClient http = client(InetAddress.getByName("127.0.3." + host));
      String token = cookieValue(get(http, "/api/session"), "XSRF-TOKEN");
      for (int n = 0; n < 3; n++) {
        HttpResponse<String> answer =
            post(http, "/api/session", token, "{\"login\":\"nobody\",\"password\":\"wrong\"}");
        statuses.add(answer.statusCode());
        if (answer.statusCode() == 429) {
          refused = answer;
        }
      }
    }

    assertThat(statuses.stream().filter(s -> s == 401).count()).isEqualTo(12);
    assertThat(statuses.stream().filter(s -> s == 429).count()).isEqualTo(3);
    assertThat(refused.body()).contains("\"code\":\"SIGN_IN_RATE_LIMITED\"");
    assertThat(refused.headers().firstValue("Retry-After")).hasValue("30");
    HttpClient elsewhere = client(InetAddress.getByName("127.0.4.5"));
    String token = cookieValue(get(elsewhere, "/api/session"), "XSRF-TOKEN");
    assertThat(
            post(elsewhere, "/api/session", token, "{\"login\":\"nobody\",\"password\":\"x\"}")
                .statusCode())
        .isEqualTo(401);
  }

  private HttpClient client(InetAddress from) {
    HttpClient.Builder builder =
        HttpClient.newBuilder()
            .sslContext(trusting())
            .cookieHandler(new java.net.CookieManager())
            .followRedirects(HttpClient.Redirect.NEVER);
    if (from != null) {
      builder.localAddress(from);
    }
    return builder.build();
  }

  private HttpResponse<String> get(HttpClient http, String path) {
    return send(http, HttpRequest.newBuilder(uri(path)).GET());
  }

  private HttpResponse<String> post(HttpClient http, String path, String token, String json) {
    return send(
        http,
        HttpRequest.newBuilder(uri(path))
            .header("Content-Type", "application/json")
            .header("X-XSRF-TOKEN", token)
            .POST(HttpRequest.BodyPublishers.ofString(json)));
  }

  private URI uri(String path) {
    return URI.create("https://127.0.0.1:" + port() + path);
  }

  private static String cookieValue(HttpResponse<String> answer, String name) {
    return answer.headers().allValues("Set-Cookie").stream()
        .filter(c -> c.startsWith(name + "="))
        .map(c -> c.substring(name.length() + 1, c.indexOf(';')))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no cookie " + name));
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

  /** Trusts the test's own certificate, and nothing else. */
  private static SSLContext trusting() {
    try (InputStream in = Files.newInputStream(KEYSTORE)) {
      KeyStore keys = KeyStore.getInstance("PKCS12");
      keys.load(in, STORE_PASSWORD.toCharArray());
      KeyStore trusted = KeyStore.getInstance("PKCS12");
      trusted.load(null, null);
      trusted.setCertificateEntry("vigie", keys.getCertificate("vigie"));
      TrustManagerFactory factory =
          TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      factory.init(trusted);
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(null, factory.getTrustManagers(), null);
      return context;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (java.security.GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A PKCS#12 key store with a self-signed EC key pair for localhost and 127.0.0.1. */
  private static Path selfSignedKeystore() {
    try {
      Path directory = Files.createTempDirectory("vigie-tls-it");
      Path store = directory.resolve("server.p12");
      Process keytool =
          new ProcessBuilder(
                  Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                  "-genkeypair",
                  "-alias",
                  "vigie",
                  "-keyalg",
                  "EC",
                  "-groupname",
                  "secp256r1",
                  "-dname",
                  "CN=localhost",
                  "-ext",
                  "SAN=dns:localhost,ip:127.0.0.1",
                  "-validity",
                  "2",
                  "-storetype",
                  "PKCS12",
                  "-keystore",
                  store.toString(),
                  "-storepass",
                  STORE_PASSWORD)
              .redirectErrorStream(true)
              .redirectOutput(directory.resolve("keytool.log").toFile())
              .start();
      if (!keytool.waitFor(60, TimeUnit.SECONDS) || keytool.exitValue() != 0) {
        throw new IllegalStateException(
            "keytool failed: " + Files.readString(directory.resolve("keytool.log")));
      }
      return store;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
