package fr.vigie.transfer;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.time.Instant;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;

/**
 * Java's HttpClient against the exchange's HTTPS side, trusting only the exchange's self-signed
 * certificate (as a person would pin it), with the TOTP codes an authenticator app would show.
 */
final class HttpsClient {
  private static final Pattern SECRET = Pattern.compile("[?&]secret=([A-Z2-7]+)");

  final SSLContext tls;
  private final HttpClient http;
  private final int port;

  HttpsClient(Path certificate, int port) throws Exception {
    this(certificate, port, null);
  }

  /** A client whose connections leave from {@code from} (another loopback address), or any. */
  HttpsClient(Path certificate, int port, java.net.InetAddress from) throws Exception {
    this.tls = trusting(certificate);
    HttpClient.Builder builder = HttpClient.newBuilder().sslContext(tls);
    this.http = (from == null ? builder : builder.localAddress(from)).build();
    this.port = port;
  }

  /** A person enrolled by the register's administrators: login, password and TOTP secret. */
  record Person(String login, String password, byte[] secret) {
    String code() {
      return TotpCodes.code(secret, TotpCodes.step(Instant.now()));
    }
  }

  static Person person(String login, String enrolmentJson) {
    Matcher password = Pattern.compile("\"password\":\"([^\"]+)\"").matcher(enrolmentJson);
    Matcher secret = SECRET.matcher(enrolmentJson);
    if (!password.find() || !secret.find()) {
      throw new IllegalStateException("not an enrolment: " + enrolmentJson.length() + " chars");
    }
    return new Person(login, password.group(1), base32(secret.group(1)));
  }

  HttpResponse<String> signIn(String login, String password, String code) throws Exception {
    StringBuilder form = new StringBuilder();
    append(form, "login", login);
    append(form, "password", password);
    append(form, "code", code);
    return http.send(
        request("/session", null)
            .POST(HttpRequest.BodyPublishers.ofString(form.toString()))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  /** Signs in with the current code and returns the bearer token. */
  String token(Person person) throws Exception {
    HttpResponse<String> response = signIn(person.login(), person.password(), person.code());
    if (response.statusCode() != 200) {
      throw new IllegalStateException("sign-in: " + response.statusCode());
    }
    return response.body().strip();
  }

  HttpRequest.Builder request(String path, String token) {
    HttpRequest.Builder builder =
        HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + port + path));
    if (token != null) {
      builder.header("Authorization", "Bearer " + token);
    }
    return builder;
  }

  HttpResponse<byte[]> send(HttpRequest request) throws IOException, InterruptedException {
    return http.send(request, HttpResponse.BodyHandlers.ofByteArray());
  }

  HttpResponse<byte[]> send(
      String method, String path, String token, byte[] body, String... headers)
      throws IOException, InterruptedException {
    HttpRequest.Builder builder =
        request(path, token)
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofByteArray(body));
    if (headers.length > 0) {
      builder.headers(headers);
    }
    return send(builder.build());
  }

  /** Appends {@code body} to an upload at {@code offset}. */
  HttpResponse<byte[]> patch(String path, String token, byte[] body, long offset)
      throws IOException, InterruptedException {
    return send(
        "PATCH",
        path,
        token,
        body,
        "Upload-Offset",
        Long.toString(offset),
        "Content-Type",
        "application/offset+octet-stream");
  }

  /** Something to do while a connection is held open. */
  interface Step {
    void run() throws Exception;
  }

  /**
   * A PATCH from offset 0 announcing all of {@code whole} that sends only its first {@code sent}
   * bytes over a raw TLS socket; {@code whileOpen} runs before the connection is cut.
   */
  void patchCutShort(String path, String token, byte[] whole, int sent, Step whileOpen)
      throws Exception {
    try (SSLSocket socket = (SSLSocket) tls.getSocketFactory().createSocket("127.0.0.1", port)) {
      OutputStream out = socket.getOutputStream();
      out.write(
          ("PATCH "
                  + path
                  + " HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer "
                  + token
                  + "\r\nUpload-Offset: 0\r\nContent-Type: application/offset+octet-stream\r\n"
                  + "Content-Length: "
                  + whole.length
                  + "\r\n\r\n")
              .getBytes(StandardCharsets.US_ASCII));
      out.write(whole, 0, sent);
      out.flush();
      whileOpen.run();
    }
  }

  private static void append(StringBuilder form, String name, String value) {
    if (value == null) {
      return;
    }
    if (!form.isEmpty()) {
      form.append('&');
    }
    form.append(name).append('=').append(URLEncoder.encode(value, StandardCharsets.UTF_8));
  }

  private static SSLContext trusting(Path certificate) throws Exception {
    KeyStore store = KeyStore.getInstance("PKCS12");
    store.load(null, null);
    try (InputStream in = Files.newInputStream(certificate)) {
      store.setCertificateEntry(
          "exchange", CertificateFactory.getInstance("X.509").generateCertificate(in));
    }
    TrustManagerFactory trust =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    trust.init(store);
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(null, trust.getTrustManagers(), null);
    return context;
  }

  static byte[] base32(String text) {
    String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
    byte[] out = new byte[text.length() * 5 / 8];
    int buffer = 0;
    int bits = 0;
    int index = 0;
    for (char c : text.toCharArray()) {
      buffer = (buffer << 5) | alphabet.indexOf(c);
      bits += 5;
      if (bits >= 8) {
        out[index++] = (byte) (buffer >>> (bits - 8));
        bits -= 8;
      }
    }
    return out;
  }
}
