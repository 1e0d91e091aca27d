package fr.vigie.benchmark;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The exchange as it runs in production: its own jar in its own JVM, with its own embedded
 * PostgreSQL, on free loopback ports; called through its loopback API as the register calls it.
 */
final class ExchangeProcess implements AutoCloseable {
  private final Process process;
  private final int sftpPort;
  private final int httpsPort;
  private final int apiPort;
  private final String token;
  private final HttpClient http = HttpClient.newHttpClient();

  private ExchangeProcess(Process process, int sftpPort, int httpsPort, int apiPort, String token) {
    this.process = process;
    this.sftpPort = sftpPort;
    this.httpsPort = httpsPort;
    this.apiPort = apiPort;
    this.token = token;
  }

  /** Starts {@code jar} with its data (files, database, token) under {@code dataDir}. */
  static ExchangeProcess start(Path jar, Path dataDir) throws IOException, InterruptedException {
    return start(jar, dataDir, List.of());
  }

  /**
   * Starts {@code jar} as {@link #start(Path, Path)} with {@code settings} ({@code --name=value}).
   */
  static ExchangeProcess start(Path jar, Path dataDir, List<String> settings)
      throws IOException, InterruptedException {
    if (!Files.isRegularFile(jar)) {
      throw new IOException(
          "no exchange jar at " + jar + " (build it: ./mvnw -pl vigie-exchange package)");
    }
    int sftpPort = Tools.freePort();
    int apiPort = Tools.freePort();
    int httpsPort = Tools.freePort();
    int databasePort = Tools.freePort();
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    Path log = dataDir.resolveSibling("exchange.log");
    List<String> command =
        new java.util.ArrayList<>(
            List.of(
                java.toString(),
                "-jar",
                jar.toString(),
                "--vigie.exchange.data-dir=" + dataDir,
                "--vigie.exchange.sftp.port=" + sftpPort,
                "--vigie.exchange.https.port=" + httpsPort,
                "--vigie.exchange.postgres-port=" + databasePort,
                "--server.port=" + apiPort));
    command.addAll(settings);
    Process process =
        new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    try {
      String token = awaitToken(process, dataDir.resolve("api-token"), log);
      ExchangeProcess exchange = new ExchangeProcess(process, sftpPort, httpsPort, apiPort, token);
      exchange.awaitApi(log);
      return exchange;
    } catch (IOException | RuntimeException e) {
      Tools.stop(process);
      throw e;
    }
  }

  int sftpPort() {
    return sftpPort;
  }

  /** The HTTPS side for people. */
  int httpsPort() {
    return httpsPort;
  }

  /** The register's loopback API, as {@code vigie.exchange.url}. */
  String apiUrl() {
    return "http://127.0.0.1:" + apiPort;
  }

  /** Opens {@code account} with room for {@code quotaBytes} and the client key {@code key}. */
  void openAccount(String account, long quotaBytes, long maxFileBytes, Path key)
      throws IOException, InterruptedException {
    call(
        "PUT",
        "/accounts/" + account,
        HttpRequest.BodyPublishers.ofString(
            "{\"quotaBytes\":" + quotaBytes + ",\"maxFileBytes\":" + maxFileBytes + "}"),
        200);
    String publicKey = Files.readString(key.resolveSibling(key.getFileName() + ".pub")).strip();
    call(
        "PUT",
        "/accounts/" + account + "/keys",
        HttpRequest.BodyPublishers.ofString("{\"publicKey\":\"" + publicKey + "\"}"),
        200);
  }

  /** Places {@code file} in the account's {@code outbound/} folder, as the register does. */
  void place(String account, Path file) throws IOException, InterruptedException {
    call(
        "PUT",
        "/accounts/" + account + "/outbound/" + file.getFileName(),
        HttpRequest.BodyPublishers.ofFile(file),
        201);
  }

  /** Confirms the pickup of {@code name} from {@code inbound/}: the exchange deletes it. */
  void confirm(String account, String name) throws IOException, InterruptedException {
    call("DELETE", "/accounts/" + account + "/inbound/" + name, noBody(), 204);
  }

  private static HttpRequest.BodyPublisher noBody() {
    return HttpRequest.BodyPublishers.noBody();
  }

  private void call(String method, String path, HttpRequest.BodyPublisher body, int expected)
      throws IOException, InterruptedException {
    HttpResponse<String> response =
        http.send(
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + apiPort + "/api" + path))
                .method(method, body)
                .header("Authorization", "Bearer " + token)
                .header(
                    "Content-Type",
                    path.contains("/outbound/") ? "application/octet-stream" : "application/json")
                .build(),
            HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() != expected) {
      throw new IOException(
          method + " " + path + " answered " + response.statusCode() + ": " + response.body());
    }
  }

  private static String awaitToken(Process process, Path tokenFile, Path log)
      throws IOException, InterruptedException {
    Instant deadline = Instant.now().plus(Duration.ofMinutes(3));
    while (Instant.now().isBefore(deadline)) {
      if (!process.isAlive()) {
        throw new IOException("the exchange stopped; its log is " + log);
      }
      if (Files.isRegularFile(tokenFile) && Files.size(tokenFile) > 0) {
        return Files.readString(tokenFile).strip();
      }
      Thread.sleep(200);
    }
    throw new IOException("the exchange wrote no API token within 3 minutes; its log is " + log);
  }

  private void awaitApi(Path log) throws IOException, InterruptedException {
    Instant deadline = Instant.now().plus(Duration.ofMinutes(3));
    while (Instant.now().isBefore(deadline)) {
      if (!process.isAlive()) {
        throw new IOException("the exchange stopped; its log is " + log);
      }
      try {
        http.send(
            HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + apiPort + "/api/operations?limit=1"))
                .header("Authorization", "Bearer " + token)
                .build(),
            HttpResponse.BodyHandlers.discarding());
        return;
      } catch (ConnectException notYet) {
        Thread.sleep(200);
      }
    }
    throw new IOException("the exchange's API did not answer within 3 minutes; its log is " + log);
  }

  @Override
  public void close() throws InterruptedException {
    Tools.stop(process);
  }
}
