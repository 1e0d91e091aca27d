package fr.vigie.transfer;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A whole exchange for a test: its own throw-away PostgreSQL, a data directory, SFTP and the API on
 * free loopback ports; the API called with its token as the register would.
 */
final class RunningExchange implements AutoCloseable {
  final Path dataDir;
  final EmbeddedPostgres database;
  final ConfigurableApplicationContext context;
  private final HttpClient http = HttpClient.newHttpClient();
  private final String token;

  /** An exchange whose PostgreSQL keeps its data under {@code dataDir/postgres}, as served. */
  RunningExchange(Path dataDir, String... extraArgs) throws IOException {
    this(
        dataDir,
        EmbeddedPostgres.builder().setDataDirectory(dataDir.resolve("postgres")).start(),
        extraArgs);
  }

  RunningExchange(Path dataDir, EmbeddedPostgres database, String... extraArgs) {
    this.dataDir = dataDir;
    this.database = database;
    String[] args = {
      "--spring.datasource.url=" + database.getJdbcUrl("postgres", "postgres"),
      "--spring.datasource.username=postgres",
      "--spring.datasource.password=",
      "--vigie.exchange.data-dir=" + dataDir,
      "--vigie.exchange.sftp.port=0",
      "--vigie.exchange.https.port=0",
      "--server.port=0"
    };
    String[] all = new String[args.length + extraArgs.length];
    System.arraycopy(args, 0, all, 0, args.length);
    System.arraycopy(extraArgs, 0, all, args.length, extraArgs.length);
    this.context = ExchangeApplication.start(all);
    try {
      this.token = Files.readString(dataDir.resolve("api-token")).strip();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  int sftpPort() {
    return context.getBean(SftpServer.class).port();
  }

  int httpsPort() {
    return context.getBean(WebServer.class).port();
  }

  int apiPort() {
    return Integer.parseInt(context.getEnvironment().getProperty("local.server.port"));
  }

  <T> T bean(Class<T> type) {
    return context.getBean(type);
  }

  HttpResponse<String> api(String method, String path, String json) throws Exception {
    return api(method, path, json, "Bearer " + token);
  }

  HttpResponse<String> api(String method, String path, String json, String authorization)
      throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + apiPort() + "/api" + path))
            .method(
                method,
                json == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(json))
            .header("Content-Type", "application/json");
    if (authorization != null) {
      request.header("Authorization", authorization);
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
  }

  HttpResponse<String> place(String account, String name, byte[] content) throws Exception {
    return http.send(
        HttpRequest.newBuilder(
                URI.create(
                    "http://127.0.0.1:"
                        + apiPort()
                        + "/api/accounts/"
                        + account
                        + "/outbound/"
                        + name))
            .PUT(HttpRequest.BodyPublishers.ofByteArray(content))
            .header("Authorization", "Bearer " + token)
            .header("Content-Type", "application/octet-stream")
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  /** The account's operations, oldest first, as "KIND FILE-or-dash OUTCOME". */
  java.util.List<String> operations(String account) {
    return bean(org.springframework.jdbc.core.JdbcTemplate.class)
        .queryForList(
            "select kind || ' ' || coalesce(file, '-') || ' ' || outcome from operation"
                + " where account = ? order by seq",
            String.class,
            account);
  }

  /** Opens an account with the given limits (null: the defaults) and enrols one person in it. */
  HttpsClient.Person enrol(String account, String limitsJson) throws Exception {
    HttpResponse<String> saved = api("PUT", "/accounts/" + account, limitsJson);
    if (saved.statusCode() != 200) {
      throw new IllegalStateException("account: " + saved.statusCode() + " " + saved.body());
    }
    HttpResponse<String> enrolment =
        api("PUT", "/accounts/" + account + "/users/" + account + ".alice", null);
    if (enrolment.statusCode() != 200) {
      throw new IllegalStateException("enrol: " + enrolment.statusCode() + " " + enrolment.body());
    }
    return HttpsClient.person(account + ".alice", enrolment.body());
  }

  /** Opens an account with the public key of {@code client}. */
  void openAccount(String account, SftpClient client, String limitsJson) throws Exception {
    HttpResponse<String> saved = api("PUT", "/accounts/" + account, limitsJson);
    if (saved.statusCode() != 200) {
      throw new IllegalStateException("account: " + saved.statusCode() + " " + saved.body());
    }
    HttpResponse<String> key =
        api(
            "PUT",
            "/accounts/" + account + "/keys",
            "{\"publicKey\":\"" + client.publicKeyLine() + "\"}");
    if (key.statusCode() != 200) {
      throw new IllegalStateException("key: " + key.statusCode() + " " + key.body());
    }
  }

  @Override
  public void close() throws IOException {
    context.close();
    database.close();
  }
}
