package fr.vigie.transfer;

import static org.assertj.core.api.Assertions.assertThat;

import fr.vigie.transfer.HttpsClient.Person;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The exchange's HTTPS side against real clients: Java's HttpClient and Debian's {@code curl}, over
 * TLS with the exchange's own self-signed certificate.
 */
@ExtendWith(OutputCaptureExtension.class)
class ExchangeHttpsIT {
  /** Per hour, so that hardly anything refills while a test runs, however slow the machine. */
  private static final int OPERATIONS_PER_HOUR = 40;

  private static final int BYTES_PER_HOUR = 8 << 20;
  private static final int ADDRESS_FAILURES = 12;

  @TempDir static Path temp;
  static RunningExchange exchange;
  static HttpsClient https;

  @BeforeAll
  static void start() throws Exception {
    exchange =
        new RunningExchange(
            temp.resolve("exchange"),
            "--vigie.exchange.rate-limit.operations=" + OPERATIONS_PER_HOUR,
            "--vigie.exchange.rate-limit.bytes=" + BYTES_PER_HOUR,
            "--vigie.exchange.rate-limit.period=PT1H",
            "--vigie.exchange.address-limit.failures=" + ADDRESS_FAILURES);
    https = new HttpsClient(certificate(), exchange.httpsPort());
  }

  @AfterAll
  static void stop() throws Exception {
    exchange.close();
  }

  private static Path certificate() {
    return exchange.dataDir.resolve(TlsIdentity.SELF_SIGNED_CERTIFICATE);
  }

  /** Opens an account with the given limits and enrols one person in it. */
  private static Person enrol(String account, String limitsJson) throws Exception {
    return exchange.enrol(account, limitsJson);
  }

  private static List<String> operations(String account) {
    return exchange
        .bean(JdbcTemplate.class)
        .queryForList(
            "select kind || ' ' || coalesce(file, '-') || ' ' || outcome || ' ' || source"
                + " from operation where account = ? order by seq",
            String.class,
            account);
  }

  private static Path folder(String account, String folder) {
    return exchange.dataDir.resolve("files").resolve(account).resolve(folder);
  }

  private static byte[] random(int size) {
    byte[] bytes = new byte[size];
    new Random(size).nextBytes(bytes);
    return bytes;
  }

  @Test
  void signIn_withoutTheSecondFactor_isRefused_andWithIt_opensTheFolders() throws Exception {
    Person alice = enrol("web-2fa", null);

    assertThat(https.signIn(alice.login(), alice.password(), null).statusCode()).isEqualTo(401);
    assertThat(https.signIn(alice.login(), alice.password(), "000000").statusCode())
        .isIn(401); // one chance in a million that it is the right code: then the next line fails
    assertThat(https.send("GET", "/files/outbound/", null, null).statusCode()).isEqualTo(401);
    assertThat(https.send("GET", "/files/outbound/", "forged", null).statusCode()).isEqualTo(401);
    String code = alice.code();
    HttpResponse<String> signedIn = https.signIn(alice.login(), alice.password(), code);
    assertThat(signedIn.statusCode()).isEqualTo(200);
    assertThat(https.send("GET", "/files/outbound/", signedIn.body().strip(), null).statusCode())
        .isEqualTo(200);
    // The same code again (someone who saw it typed) is refused.
    assertThat(https.signIn(alice.login(), alice.password(), code).statusCode()).isEqualTo(401);

    assertThat(operations("web-2fa"))
        .containsSubsequence(
            "SIGN_IN - wrong-code 127.0.0.1",
            "SIGN_IN - wrong-code 127.0.0.1",
            "SIGN_IN - ok 127.0.0.1",
            "LIST outbound ok 127.0.0.1",
            "SIGN_IN - code-reused 127.0.0.1");
  }

  @Test
  void upload_cutHalfway_isResumedFromTheOffsetToTheExactFile() throws Exception {
    Person alice = enrol("web-resume", null);
    String token = https.token(alice);
    byte[] whole = random(3 << 20);
    int half = whole.length / 2;
    String path = "/uploads/inbound/results-1.pgp";

    HttpResponse<byte[]> created =
        https.send("POST", path, token, null, "Upload-Length", Integer.toString(whole.length));
    assertThat(created.statusCode()).isEqualTo(201);
    assertThat(created.headers().firstValue("Location")).hasValue(path);
    Path part = folder("web-resume", "inbound").resolve(".upload-results-1.pgp");
    https.patchCutShort(path, token, whole, half, () -> waitFor(() -> Files.size(part) == half));
    waitFor(() -> operations("web-resume").contains("UPLOAD inbound/results-1.pgp cut 127.0.0.1"));
    assertThat(folder("web-resume", "inbound").resolve("results-1.pgp")).doesNotExist();

    HttpResponse<byte[]> offset = https.send("HEAD", path, token, null);
    assertThat(offset.headers().firstValue("Upload-Offset")).hasValue(Integer.toString(half));
    assertThat(offset.headers().firstValue("Upload-Length"))
        .hasValue(Integer.toString(whole.length));
    byte[] rest = java.util.Arrays.copyOfRange(whole, half, whole.length);
    // A small body: the server answers 409 without reading it, and a large one unread would
    // have the connection closed under the client's feet before it reads the answer.
    HttpResponse<byte[]> wrongOffset =
        https.patch(path, token, java.util.Arrays.copyOf(rest, 1024), 0);
    assertThat(wrongOffset.statusCode()).isEqualTo(409);
    HttpResponse<byte[]> resumed = https.patch(path, token, rest, half);

    assertThat(resumed.statusCode()).isEqualTo(204);
    assertThat(resumed.headers().firstValue("Upload-Offset"))
        .hasValue(Integer.toString(whole.length));
    assertThat(Files.readAllBytes(folder("web-resume", "inbound").resolve("results-1.pgp")))
        .isEqualTo(whole);
    assertThat(part).doesNotExist();
    assertThat(operations("web-resume")).contains("UPLOAD inbound/results-1.pgp ok 127.0.0.1");
  }

  @Test
  void everyAnswer_forbidsSniffingFramingAndCaching_andAFileIsAnAttachment() throws Exception {
    Person alice = enrol("web-headers", null);
    assertThat(exchange.place("web-headers", "batch-1.pgp", random(1000)).statusCode())
        .isEqualTo(201);
    String token = https.token(alice);

    HttpResponse<byte[]> anonymous = https.send("GET", "/", null, null);
    HttpResponse<byte[]> unknown = https.send("GET", "/files/elsewhere/", token, null);
    HttpResponse<byte[]> download = https.send("GET", "/files/outbound/batch-1.pgp", token, null);

    assertThat(List.of(anonymous, unknown, download))
        .extracting(HttpResponse::statusCode)
        .containsExactly(401, 404, 200);
    for (HttpResponse<byte[]> answer : List.of(anonymous, unknown, download)) {
      var headers = answer.headers();
      assertThat(headers.firstValue("X-Content-Type-Options")).hasValue("nosniff");
      assertThat(headers.firstValue("Content-Security-Policy"))
          .hasValue("default-src 'none'; frame-ancestors 'none'");
      assertThat(headers.firstValue("X-Frame-Options")).hasValue("DENY");
      assertThat(headers.firstValue("Referrer-Policy")).hasValue("no-referrer");
      assertThat(headers.firstValue("Cache-Control")).hasValue("no-store");
      assertThat(headers.firstValue("Strict-Transport-Security")).hasValue("max-age=31536000");
    }
    assertThat(download.headers().firstValue("Content-Disposition"))
        .hasValue("attachment; filename=\"batch-1.pgp\"");
  }

  /** sqlmap's payloads on the register's API were each copied into a WARN line of the log. */
  @Test
  void registerApi_refusingAMalformedValue_doesNotCopyItIntoTheLog(CapturedOutput output)
      throws Exception {
    assertThat(exchange.api("PUT", "/accounts/web-log", null).statusCode()).isEqualTo(200);

    HttpResponse<String> after =
        exchange.api("GET", "/operations?after=1%27%20ORDER%20BY%201--", null);
    HttpResponse<String> quota =
        exchange.api("PUT", "/accounts/web-log", "{\"quotaBytes\": \"9 ORDER BY 1--\"}");

    assertThat(after.statusCode()).isEqualTo(400);
    assertThat(quota.statusCode()).isEqualTo(400);
    assertThat(output.getAll()).doesNotContain("ORDER BY 1");
  }

  @Test
  void download_withRange_givesThePart_andIfRangeOfAnotherVersionGivesTheWhole() throws Exception {
    Person alice = enrol("web-range", null);
    byte[] whole = random(100_000);
    assertThat(exchange.place("web-range", "batch-1.pgp", whole).statusCode()).isEqualTo(201);
    String token = https.token(alice);
    String path = "/files/outbound/batch-1.pgp";

    HttpResponse<byte[]> full = https.send("GET", path, token, null);
    String etag = full.headers().firstValue("ETag").orElseThrow();
    HttpResponse<byte[]> part = https.send("GET", path, token, null, "Range", "bytes=1000-1999");
    HttpResponse<byte[]> tail =
        https.send("GET", path, token, null, "Range", "bytes=99000-", "If-Range", etag);
    HttpResponse<byte[]> stale =
        https.send("GET", path, token, null, "Range", "bytes=0-9", "If-Range", "\"other\"");
    HttpResponse<byte[]> beyond = https.send("GET", path, token, null, "Range", "bytes=100000-");

    assertThat(full.statusCode()).isEqualTo(200);
    assertThat(full.body()).isEqualTo(whole);
    assertThat(part.statusCode()).isEqualTo(206);
    assertThat(part.headers().firstValue("Content-Range")).hasValue("bytes 1000-1999/100000");
    assertThat(part.body()).isEqualTo(java.util.Arrays.copyOfRange(whole, 1000, 2000));
    assertThat(tail.statusCode()).isEqualTo(206);
    assertThat(tail.body()).isEqualTo(java.util.Arrays.copyOfRange(whole, 99000, 100000));
    assertThat(stale.statusCode()).isEqualTo(200);
    assertThat(stale.body()).isEqualTo(whole);
    assertThat(beyond.statusCode()).isEqualTo(416);
    assertThat(beyond.headers().firstValue("Content-Range")).hasValue("bytes */100000");
    assertThat(operations("web-range")).contains("DOWNLOAD outbound/batch-1.pgp ok 127.0.0.1");
    // Deleting the batch confirms its pickup; it is then gone.
    assertThat(https.send("DELETE", path, token, null).statusCode()).isEqualTo(204);
    assertThat(folder("web-range", "outbound").resolve("batch-1.pgp")).doesNotExist();
  }

  @Test
  void traversalAndLinks_neverReachAnotherAccountsFile() throws Exception {
    Person alice = enrol("web-jail", null);
    enrol("web-other", null);
    byte[] secret = "other account's ciphertext".getBytes(StandardCharsets.US_ASCII);
    assertThat(exchange.place("web-other", "batch-9.pgp", secret).statusCode()).isEqualTo(201);
    Files.createSymbolicLink(
        folder("web-jail", "outbound").resolve("batch-9.pgp"),
        folder("web-other", "outbound").resolve("batch-9.pgp"));
    String token = https.token(alice);
    List<String> attempts =
        List.of(
            "/files/outbound/../../web-other/outbound/batch-9.pgp",
            "/files/../web-other/outbound/batch-9.pgp",
            "/files/outbound/%2e%2e/%2e%2e/web-other/outbound/batch-9.pgp",
            "/files/outbound/..%2f..%2fweb-other%2foutbound%2fbatch-9.pgp",
            "/files/outbound/%2Fetc%2Fpasswd",
            "//etc/passwd",
            "/files/outbound/..",
            "/files/outbound/.upload-batch-9.pgp",
            "/files/web-other/batch-9.pgp",
            "/files/outbound/batch-9.pgp");

    List<String> answers = new ArrayList<>();
    for (String attempt : attempts) {
      answers.add(curl("--path-as-is", "-H", "Authorization: Bearer " + token, url(attempt)));
    }

    assertThat(answers).allSatisfy(answer -> assertThat(answer).startsWith("404 "));
    assertThat(answers).noneMatch(answer -> answer.contains("ciphertext"));
  }

  @Test
  void upload_pastTheLargestFileOrTheQuota_isRefused() throws Exception {
    Person alice = enrol("web-quota", "{\"quotaBytes\":5000,\"maxFileBytes\":3000}");
    assertThat(exchange.place("web-quota", "batch-1.pgp", new byte[2500]).statusCode())
        .isEqualTo(201);
    String token = https.token(alice);

    HttpResponse<byte[]> tooLarge =
        https.send("POST", "/uploads/inbound/big.pgp", token, null, "Upload-Length", "3001");
    HttpResponse<byte[]> pastQuota =
        https.send("POST", "/uploads/inbound/fits.pgp", token, null, "Upload-Length", "2600");
    HttpResponse<byte[]> fits =
        https.send("POST", "/uploads/inbound/fits.pgp", token, null, "Upload-Length", "2500");
    HttpResponse<byte[]> overLength =
        https.patch("/uploads/inbound/fits.pgp", token, new byte[2600], 0);

    assertThat(tooLarge.statusCode()).isEqualTo(413);
    assertThat(pastQuota.statusCode()).isEqualTo(413);
    assertThat(fits.statusCode()).isEqualTo(201);
    assertThat(overLength.statusCode()).isEqualTo(413);
    assertThat(folder("web-quota", "inbound").resolve("fits.pgp")).doesNotExist();
    assertThat(operations("web-quota")).contains("UPLOAD inbound/big.pgp quota-exceeded 127.0.0.1");
  }

  @Test
  void signIn_afterFiveFailures_isLockedEvenWithTheRightPasswordAndCode() throws Exception {
    Person alice = enrol("web-lock", null);
    for (int i = 0; i < 5; i++) {
      assertThat(https.signIn(alice.login(), "guess-" + i, alice.code()).statusCode())
          .isEqualTo(401);
    }

    HttpResponse<String> locked = https.signIn(alice.login(), alice.password(), alice.code());

    assertThat(locked.statusCode()).isEqualTo(429);
    assertThat(Long.parseLong(locked.headers().firstValue("Retry-After").orElseThrow()))
        .isBetween(60L, 15 * 60L);
    assertThat(operations("web-lock"))
        .filteredOn(line -> line.startsWith("SIGN_IN"))
        .containsExactly(
            "SIGN_IN - wrong-password 127.0.0.1",
            "SIGN_IN - wrong-password 127.0.0.1",
            "SIGN_IN - wrong-password 127.0.0.1",
            "SIGN_IN - wrong-password 127.0.0.1",
            "SIGN_IN - wrong-password 127.0.0.1",
            "SIGN_IN - locked 127.0.0.1");
  }

  @Test
  void signIn_fromAnAddressThatFailedTooOften_isRefusedWhateverItTries() throws Exception {
    Person alice = enrol("web-address", null);
    String form = "login=%s&password=%s&code=%s";
    for (int i = 0; i < ADDRESS_FAILURES; i++) {
      String answer =
          curl(
              "--interface",
              "127.0.0.77",
              "-d",
              form.formatted("nobody-" + i, "x", "123456"),
              url("/session"));
      assertThat(answer).startsWith("401 ");
    }

    String refused =
        curl(
            "--interface",
            "127.0.0.77",
            "-D",
            "-",
            "-d",
            form.formatted(alice.login(), alice.password(), alice.code()),
            url("/session"));
    String otherAddress =
        curl(
            "--interface",
            "127.0.0.78",
            "-d",
            form.formatted(alice.login(), alice.password(), alice.code()),
            url("/session"));

    assertThat(refused).startsWith("429 ").containsIgnoringCase("Retry-After:");
    assertThat(otherAddress).startsWith("200 ");
  }

  @Test
  void operations_pastTheAccountsPace_areRefusedWith429_andOtherAccountsGoOn() throws Exception {
    Person fast = enrol("web-pace", null);
    Person calm = enrol("web-calm", null);
    String token = https.token(fast);

    int refusedAt = -1;
    for (int i = 0; i < OPERATIONS_PER_HOUR + 5 && refusedAt < 0; i++) {
      if (https.send("GET", "/files/outbound/", token, null).statusCode() == 429) {
        refusedAt = i;
      }
    }
    HttpResponse<byte[]> refused = https.send("GET", "/files/outbound/", token, null);

    assertThat(refusedAt).isBetween(OPERATIONS_PER_HOUR - 2, OPERATIONS_PER_HOUR);
    assertThat(refused.statusCode()).isEqualTo(429);
    assertThat(refused.headers().firstValue("Retry-After")).isPresent();
    assertThat(https.send("GET", "/files/outbound/", https.token(calm), null).statusCode())
        .isEqualTo(200);
    exchange.bean(Refusals.class).flush();
    assertThat(operations("web-pace")).contains("REFUSED files rate-limited 127.0.0.1");
  }

  @Test
  void sftp_pastTheAccountsPace_isRefusedAndLogged() throws Exception {
    SftpClient client = SftpClient.withNewKey(temp.resolve("sftp-pace"));
    exchange.openAccount("sftp-pace", client, null);
    String[] listings = new String[OPERATIONS_PER_HOUR + 5];
    java.util.Arrays.fill(listings, "-ls outbound"); // '-': sftp goes on after a refusal

    client.batch("sftp-pace", exchange.sftpPort(), listings);

    List<String> log = operations("sftp-pace");
    assertThat(log.stream().filter(line -> line.startsWith("LIST outbound ok")).count())
        .isBetween((long) OPERATIONS_PER_HOUR - 2, (long) OPERATIONS_PER_HOUR);
    // Counted, not one row each: the sum of the counted rows.
    exchange.bean(Refusals.class).flush();
    assertThat(
            exchange
                .bean(JdbcTemplate.class)
                .queryForObject(
                    "select coalesce(sum(count), 0) from operation where account = 'sftp-pace'"
                        + " and kind = 'REFUSED' and outcome = 'rate-limited'",
                    Long.class))
        .isGreaterThanOrEqualTo(5);
  }

  @Test
  void bytes_pastTheAccountsPace_makeTheNextOperationWait() throws Exception {
    Person alice = enrol("web-bytes", null);
    byte[] large = random(BYTES_PER_HOUR + (1 << 20));
    assertThat(exchange.place("web-bytes", "batch-1.pgp", large).statusCode()).isEqualTo(201);
    String token = https.token(alice);

    HttpResponse<byte[]> download = https.send("GET", "/files/outbound/batch-1.pgp", token, null);
    HttpResponse<byte[]> next = https.send("GET", "/files/outbound/", token, null);

    assertThat(download.statusCode()).isEqualTo(200);
    assertThat(download.body()).isEqualTo(large);
    assertThat(next.statusCode()).isEqualTo(429);
    assertThat(Long.parseLong(next.headers().firstValue("Retry-After").orElseThrow())).isPositive();
  }

  private static String url(String path) {
    return "https://127.0.0.1:" + exchange.httpsPort() + path;
  }

  /**
   * Runs curl trusting the exchange's certificate; returns "STATUS BODY" (and headers if asked).
   */
  private static String curl(String... arguments) throws Exception {
    List<String> command =
        new ArrayList<>(
            List.of("curl", "-s", "--cacert", certificate().toString(), "-w", "\n%{http_code}"));
    command.addAll(List.of(arguments));
    Process curl = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(curl.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(curl.waitFor(60, TimeUnit.SECONDS)).isTrue();
    int last = output.lastIndexOf('\n');
    return output.substring(last + 1) + " " + output.substring(0, last);
  }

  private interface Condition {
    boolean holds() throws Exception;
  }

  private static void waitFor(Condition condition) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (!condition.holds()) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("waited 60 s in vain");
      }
      Thread.sleep(20);
    }
  }
}
