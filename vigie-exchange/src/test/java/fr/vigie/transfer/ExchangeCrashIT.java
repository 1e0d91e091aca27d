package fr.vigie.transfer;

import static org.assertj.core.api.Assertions.assertThat;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The exchange killed with SIGKILL (kill -9) in the middle of an upload, a download and a purge,
 * then started again on the same data: nothing lost, nothing duplicated, nothing kept past its age.
 * The exchange runs as a process of its own here, as it does when served.
 */
class ExchangeCrashIT {
  private static final int SIZE = 24 << 20;

  @TempDir Path temp;
  private EmbeddedPostgres database;
  private Path dataDir;
  private int sftpPort;
  private int apiPort;
  private int httpsPort;
  private Process exchange;
  private int starts;
  private final HttpClient http = HttpClient.newHttpClient();

  @BeforeEach
  void database() throws IOException {
    database = EmbeddedPostgres.builder().start();
    dataDir = temp.resolve("exchange");
    sftpPort = freePort();
    apiPort = freePort();
    httpsPort = freePort();
  }

  @AfterEach
  void stop() throws IOException {
    if (exchange != null) {
      exchange.destroyForcibly();
    }
    database.close();
  }

  @Test
  void put_cutByAKilledExchange_isResumedWithReputToTheSameBytes() throws Exception {
    SftpClient client = SftpClient.withNewKey(temp.resolve("client"));
    start();
    openAccount("digit-crash", client);
    byte[] whole = random(SIZE);
    Files.write(client.workDir().resolve("results.pgp"), whole);
    Path landed = dataDir.resolve("files/digit-crash/inbound/results.pgp");

    Process upload =
        client.start(
            "digit-crash", sftpPort, List.of("-l", "16000"), "put results.pgp inbound/results.pgp");
    waitFor(() -> Files.exists(landed) && Files.size(landed) > (2 << 20));
    kill();
    upload.waitFor(60, TimeUnit.SECONDS);
    long cut = Files.size(landed);
    start();
    SftpClient.Result resumed =
        client.batch("digit-crash", sftpPort, "reput results.pgp inbound/results.pgp");

    assertThat(cut).isLessThan(SIZE);
    assertThat(resumed.ok()).as(resumed.output()).isTrue();
    assertThat(Files.readAllBytes(landed)).isEqualTo(whole);
    try (var files = Files.list(landed.getParent())) {
      assertThat(files.toList()).containsExactly(landed);
    }
  }

  @Test
  void get_cutByAKilledExchange_isResumedWithRegetAndTheFileStays() throws Exception {
    SftpClient client = SftpClient.withNewKey(temp.resolve("client"));
    start();
    openAccount("digit-crash", client);
    byte[] whole = random(SIZE);
    place("digit-crash", "batch-1.pgp", whole);
    Path local = client.workDir().resolve("batch-1.pgp");

    Process download =
        client.start("digit-crash", sftpPort, List.of("-l", "16000"), "get outbound/batch-1.pgp");
    waitFor(() -> Files.exists(local) && Files.size(local) > (2 << 20));
    kill();
    download.waitFor(60, TimeUnit.SECONDS);
    start();
    SftpClient.Result resumed = client.batch("digit-crash", sftpPort, "reget outbound/batch-1.pgp");

    assertThat(resumed.ok()).as(resumed.output()).isTrue();
    assertThat(Files.readAllBytes(local)).isEqualTo(whole);
    assertThat(Files.readAllBytes(dataDir.resolve("files/digit-crash/outbound/batch-1.pgp")))
        .isEqualTo(whole);
  }

  @Test
  void httpsUpload_cutByAKilledExchange_isResumedFromItsOffsetToTheSameBytes() throws Exception {
    start();
    assertThat(api("PUT", "/accounts/digit-crash", "{}")).isEqualTo(200);
    HttpsClient.Person before = enrol("digit-crash", "digit-crash.alice");
    HttpsClient.Person after = enrol("digit-crash", "digit-crash.bob");
    HttpsClient https =
        new HttpsClient(dataDir.resolve(TlsIdentity.SELF_SIGNED_CERTIFICATE), httpsPort);
    byte[] whole = random(SIZE);
    int half = SIZE / 2;
    String path = "/uploads/inbound/results.pgp";
    String token = https.token(before);
    assertThat(
            https
                .send("POST", path, token, null, "Upload-Length", Integer.toString(SIZE))
                .statusCode())
        .isEqualTo(201);
    Path part = dataDir.resolve("files/digit-crash/inbound/.upload-results.pgp");

    https.patchCutShort(
        path,
        token,
        whole,
        half,
        () -> {
          waitFor(() -> Files.size(part) == half);
          kill();
        });
    start();
    String again = https.token(after); // sessions die with the process: sign in again
    HttpResponse<byte[]> offset = https.send("HEAD", path, again, null);
    long resumeAt = Long.parseLong(offset.headers().firstValue("Upload-Offset").orElseThrow());
    HttpResponse<byte[]> rest =
        https.patch(
            path, again, java.util.Arrays.copyOfRange(whole, (int) resumeAt, SIZE), resumeAt);

    assertThat(resumeAt).isEqualTo(half);
    assertThat(rest.statusCode()).isEqualTo(204);
    Path landed = dataDir.resolve("files/digit-crash/inbound/results.pgp");
    assertThat(Files.readAllBytes(landed)).isEqualTo(whole);
    try (var files = Files.list(landed.getParent())) {
      assertThat(files.toList()).containsExactly(landed);
    }
  }

  @Test
  void purge_killedWhileRunning_leavesNothingPastItsAgeOnceStartedAgain() throws Exception {
    Path outbound = Files.createDirectories(dataDir.resolve("files/digit-crash/outbound"));
    Instant old = Instant.now().minus(Duration.ofDays(8));
    List<Path> expired = new ArrayList<>();
    for (int i = 0; i < 2_000; i++) {
      Path file = outbound.resolve("batch-" + i + ".pgp");
      Files.write(file, new byte[] {1});
      Files.setLastModifiedTime(file, FileTime.from(old));
      expired.add(file);
    }
    Path young = Files.write(outbound.resolve("batch-young.pgp"), new byte[] {2});

    exchange = launch();
    // Killed as soon as its purge has begun (the first file gone), whatever it has done by then.
    waitFor(() -> !Files.exists(expired.getFirst()) || !exchange.isAlive());
    kill();
    start();
    // The purge runs again at start, beside the servers: every expired file goes, in time.
    waitFor(() -> expired.stream().noneMatch(Files::exists));

    assertThat(expired).allSatisfy(file -> assertThat(file).doesNotExist());
    assertThat(young).exists();
    // Each purge logged exactly once, whether the kill came before or after its file went.
    JdbcTemplate jdbc = new JdbcTemplate(database.getPostgresDatabase());
    waitFor(() -> jdbc.queryForObject("select count(*) from purge_intent", Long.class) == 0);
    assertThat(
            jdbc.queryForList(
                "select file from operation where kind = 'PURGE' order by file", String.class))
        .hasSize(expired.size())
        .doesNotHaveDuplicates()
        .allSatisfy(file -> assertThat(file).matches("outbound/batch-\\d+\\.pgp"));
  }

  @Test
  void rm_killedWhileDeleting_logsEveryFileGoneExactlyOnceAndNoOtherOnceStartedAgain()
      throws Exception {
    SftpClient client = SftpClient.withNewKey(temp.resolve("client"));
    start();
    openAccount("digit-crash", client);
    Path outbound = dataDir.resolve("files/digit-crash/outbound");
    List<Path> batches = new ArrayList<>();
    for (int i = 0; i < 400; i++) { // under the account's pace of 600 operations a minute
      batches.add(Files.write(outbound.resolve("batch-" + i + ".pgp"), new byte[] {1}));
    }

    Process deleting = client.start("digit-crash", sftpPort, List.of(), "rm outbound/batch-*.pgp");
    // Killed once its deletions have begun, whatever it has done by then.
    waitFor(() -> batches.stream().filter(Files::exists).count() < 390 || !deleting.isAlive());
    kill();
    deleting.waitFor(60, TimeUnit.SECONDS);
    start();

    JdbcTemplate jdbc = new JdbcTemplate(database.getPostgresDatabase());
    assertThat(jdbc.queryForObject("select count(*) from purge_intent", Long.class)).isZero();
    List<String> logged =
        jdbc.queryForList(
            "select file from operation where kind = 'DELETE' and outcome = 'ok'", String.class);
    List<String> gone =
        batches.stream()
            .filter(file -> !Files.exists(file))
            .map(file -> "outbound/" + file.getFileName())
            .toList();
    assertThat(gone).as("the kill came in the middle").isNotEmpty();
    assertThat(logged).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(gone);
  }

  private void start() throws Exception {
    exchange = launch();
    waitFor(this::listening);
  }

  private Process launch() throws IOException {
    List<String> command =
        List.of(
            Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-cp",
            System.getProperty("java.class.path"),
            ExchangeApplication.class.getName(),
            "--spring.datasource.url=" + database.getJdbcUrl("postgres", "postgres"),
            "--spring.datasource.username=postgres",
            "--spring.datasource.password=",
            "--vigie.exchange.data-dir=" + dataDir,
            "--vigie.exchange.sftp.port=" + sftpPort,
            "--vigie.exchange.https.port=" + httpsPort,
            "--server.port=" + apiPort,
            "--logging.level.root=WARN");
    return new ProcessBuilder(command)
        .redirectErrorStream(true)
        .redirectOutput(temp.resolve("exchange-" + starts++ + ".log").toFile())
        .start();
  }

  /** SIGKILL: no shutdown hook, no flush, no goodbye. */
  private void kill() throws InterruptedException {
    exchange.destroyForcibly();
    assertThat(exchange.waitFor(30, TimeUnit.SECONDS)).isTrue();
  }

  private boolean listening() {
    if (!exchange.isAlive()) {
      throw new IllegalStateException("the exchange stopped; see " + temp);
    }
    try (Socket sftp = new Socket("127.0.0.1", sftpPort);
        Socket api = new Socket("127.0.0.1", apiPort);
        Socket https = new Socket("127.0.0.1", httpsPort)) {
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  private void openAccount(String account, SftpClient client) throws Exception {
    assertThat(api("PUT", "/accounts/" + account, "{}")).isEqualTo(200);
    assertThat(
            api(
                "PUT",
                "/accounts/" + account + "/keys",
                "{\"publicKey\":\"" + client.publicKeyLine() + "\"}"))
        .isEqualTo(200);
  }

  private HttpsClient.Person enrol(String account, String login) throws Exception {
    HttpResponse<String> enrolment =
        http.send(
            HttpRequest.newBuilder(
                    URI.create(
                        "http://127.0.0.1:%d/api/accounts/%s/users/%s"
                            .formatted(apiPort, account, login)))
                .PUT(HttpRequest.BodyPublishers.noBody())
                .header("Authorization", "Bearer " + token())
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(enrolment.statusCode()).isEqualTo(200);
    return HttpsClient.person(login, enrolment.body());
  }

  private int api(String method, String path, String json) throws Exception {
    return http.send(
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + apiPort + "/api" + path))
                .method(method, HttpRequest.BodyPublishers.ofString(json))
                .header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + token())
                .build(),
            HttpResponse.BodyHandlers.discarding())
        .statusCode();
  }

  private void place(String account, String name, byte[] content) throws Exception {
    int status =
        http.send(
                HttpRequest.newBuilder(
                        URI.create(
                            "http://127.0.0.1:%d/api/accounts/%s/outbound/%s"
                                .formatted(apiPort, account, name)))
                    .PUT(HttpRequest.BodyPublishers.ofByteArray(content))
                    .header("Authorization", "Bearer " + token())
                    .build(),
                HttpResponse.BodyHandlers.discarding())
            .statusCode();
    assertThat(status).isEqualTo(201);
  }

  private String token() throws IOException {
    return Files.readString(dataDir.resolve("api-token")).strip();
  }

  private interface Condition {
    boolean holds() throws Exception;
  }

  private static void waitFor(Condition condition) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(240);
    while (!condition.holds()) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("waited 240 s in vain");
      }
      Thread.sleep(50);
    }
  }

  private static byte[] random(int size) {
    byte[] bytes = new byte[size];
    new Random(size).nextBytes(bytes);
    return bytes;
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
