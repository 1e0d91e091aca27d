package fr.vigie.transfer;

import static org.assertj.core.api.Assertions.assertThat;

import fr.vigie.transfer.HttpsClient.Person;
import java.net.InetAddress;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The exchange's refusals reach its operation log, counted per address, account and reason, and an
 * address the register blocks is refused over HTTPS and SFTP: against a whole exchange, with
 * clients leaving from loopback addresses of their own (127.0.0.x) so that each test has its own.
 */
class ExchangeRefusalsIT {
  @TempDir static Path temp;
  static RunningExchange exchange;

  @BeforeAll
  static void start() throws Exception {
    // A window longer than any test: the tests write the counts themselves (flush).
    exchange =
        new RunningExchange(temp.resolve("exchange"), "--vigie.exchange.refusals.window=PT1H");
  }

  @AfterAll
  static void stop() throws Exception {
    exchange.close();
  }

  private static HttpsClient from(String address) throws Exception {
    return new HttpsClient(
        exchange.dataDir.resolve(TlsIdentity.SELF_SIGNED_CERTIFICATE),
        exchange.httpsPort(),
        InetAddress.getByName(address));
  }

  private static Person enrol(String account) throws Exception {
    return exchange.enrol(account, null);
  }

  /** The REFUSED rows from {@code source}: "account outcome route" to the sum of their counts. */
  private static Map<String, Long> refused(String source) {
    exchange.bean(Refusals.class).flush();
    Map<String, Long> rows = new java.util.TreeMap<>();
    exchange
        .bean(JdbcTemplate.class)
        .query(
            "select account || ' ' || outcome || ' ' || file, sum(count) from operation"
                + " where kind = 'REFUSED' and source = ? group by 1",
            row -> {
              rows.put(row.getString(1), row.getLong(2));
            },
            source);
    return rows;
  }

  /** The register tells the exchange, at {@code path}, to refuse for {@code seconds}. */
  private static HttpResponse<String> toldToRefuse(String path, long seconds) throws Exception {
    return exchange.api("PUT", path, "{\"until\":\"" + Instant.now().plusSeconds(seconds) + "\"}");
  }

  private static long rows(String source) {
    return exchange
        .bean(JdbcTemplate.class)
        .queryForObject("select count(*) from operation where source = ?", Long.class, source);
  }

  @Test
  void forgedTokens_fromOneAddress_areLoggedAsFewRowsCountingThemAll() throws Exception {
    HttpsClient guesser = from("127.0.0.7");

    for (int i = 0; i < 120; i++) {
      String forged = "forged-" + i + "-" + "x".repeat(20);
      assertThat(
              guesser.send("GET", "/files/outbound/batch-" + i + ".pgp", forged, null).statusCode())
          .isEqualTo(401);
    }
    assertThat(guesser.send("GET", "/admin/../etc/passwd", "forged", null).statusCode())
        .isEqualTo(401);

    assertThat(refused("127.0.0.7"))
        .containsEntry("? bad-token files", 120L)
        .containsEntry("? bad-token other", 1L);
    assertThat(rows("127.0.0.7")).isEqualTo(2);
    // Neither the tokens nor the file names reach the log.
    assertThat(
            exchange
                .bean(JdbcTemplate.class)
                .queryForObject(
                    "select count(*) from operation where source = '127.0.0.7'"
                        + " and (file like '%batch%' or file like '%forged%'"
                        + " or outcome like '%forged%')",
                    Long.class))
        .isZero();
  }

  @Test
  void anAccountProbing_offRoutePathsAndBadHeaders_isCountedUnderItsName() throws Exception {
    Person mallory = enrol("probe-1");
    HttpsClient client = from("127.0.0.8");
    String token = client.token(mallory);
    List<String> probes =
        List.of(
            "/files/outbound/../../probe-2/outbound/batch-1.pgp",
            "/files/%2e%2e/probe-2/",
            "/api/operations",
            "/files/other/",
            "/uploads/outbound/x.pgp");

    for (String probe : probes) {
      assertThat(client.send("GET", probe, token, null).statusCode()).isEqualTo(404);
    }
    assertThat(client.send("GET", "/files/outbound/batch-of-another.pgp", token, null).statusCode())
        .isEqualTo(404);
    assertThat(client.send("POST", "/uploads/inbound/r.pgp", token, null).statusCode())
        .isEqualTo(400);
    assertThat(client.send("PUT", "/files/outbound/", token, null).statusCode()).isEqualTo(405);

    assertThat(refused("127.0.0.8"))
        .containsEntry("probe-1 off-route other", 5L)
        .containsEntry("probe-1 not-found files", 1L)
        .containsEntry("probe-1 bad-header uploads", 1L)
        .containsEntry("probe-1 bad-method files", 1L);
  }

  @Test
  void anAddressTheRegisterBlocks_isRefusedOverHttpsAndSftp_untilLifted() throws Exception {
    Person alice = enrol("blocked-1");
    SftpClient sftp = SftpClient.withNewKey(temp.resolve("sftp-blocked"));
    exchange.openAccount("blocked-2", sftp, null);
    HttpsClient blocked = from("127.0.0.9");
    HttpsClient other = from("127.0.0.10");

    HttpResponse<String> told = toldToRefuse("/addresses/127.0.0.9/block", 3600);
    HttpResponse<byte[]> refusedSignIn =
        blocked.send("POST", "/session", null, "login=x&password=y&code=1".getBytes());
    HttpResponse<byte[]> refusedList = blocked.send("GET", "/files/outbound/", "any", null);
    Process refusedSftp =
        sftp.start("blocked-2", exchange.sftpPort(), List.of("-o", "BindAddress=127.0.0.9"), "ls");
    assertThat(refusedSftp.waitFor(60, TimeUnit.SECONDS)).isTrue();

    assertThat(told.statusCode()).isEqualTo(204);
    assertThat(refusedSignIn.statusCode()).isEqualTo(403);
    assertThat(refusedSignIn.headers().firstValue("Retry-After")).isPresent();
    assertThat(refusedList.statusCode()).isEqualTo(403);
    assertThat(refusedSftp.exitValue()).isNotZero();
    assertThat(other.token(alice)).isNotBlank();
    Map<String, Long> counted = refused("127.0.0.9");
    assertThat(counted)
        .containsEntry("? address-blocked session", 1L)
        .containsEntry("? address-blocked files", 1L);
    // The client may offer its key more than once before it gives up.
    assertThat(counted.get("? address-blocked sftp")).isPositive();

    assertThat(exchange.api("DELETE", "/addresses/127.0.0.9/block", null).statusCode())
        .isEqualTo(204);
    assertThat(blocked.send("GET", "/files/outbound/", "any", null).statusCode()).isEqualTo(401);
  }

  @Test
  void aNetworkTheRegisterBlocks_isRefusedFromEveryAddressOfIt_untilLifted() throws Exception {
    HttpsClient first = from("127.0.5.7");
    HttpsClient second = from("127.0.5.200");
    HttpsClient outside = from("127.0.6.7");

    HttpResponse<String> told = toldToRefuse("/networks/127.0.5.0/24/block", 3600);

    assertThat(told.statusCode()).isEqualTo(204);
    HttpResponse<byte[]> refusedFirst = first.send("GET", "/files/outbound/", "any", null);
    assertThat(refusedFirst.statusCode()).isEqualTo(403);
    assertThat(refusedFirst.headers().firstValue("Retry-After")).isPresent();
    assertThat(second.send("POST", "/session", null, "login=x".getBytes()).statusCode())
        .isEqualTo(403);
    assertThat(outside.send("GET", "/files/outbound/", "any", null).statusCode()).isEqualTo(401);
    assertThat(refused("127.0.5.7")).containsEntry("? address-blocked files", 1L);

    assertThat(exchange.api("DELETE", "/networks/127.0.5.0/24/block", null).statusCode())
        .isEqualTo(204);
    assertThat(first.send("GET", "/files/outbound/", "any", null).statusCode()).isEqualTo(401);
  }

  @Test
  void blockingANetworkOfAnotherSize_isRefused() throws Exception {
    assertThat(toldToRefuse("/networks/127.0.0.0/16/block", 60).statusCode()).isEqualTo(400);
    assertThat(toldToRefuse("/networks/2001:db8::/48/block", 60).statusCode()).isEqualTo(400);
    assertThat(toldToRefuse("/networks/example.org/24/block", 60).statusCode()).isEqualTo(400);
  }

  @Test
  void theSignInGuard_refusesNetworksThatNeverSignedIn_whileKnownNetworksKeepWorking()
      throws Exception {
    Person alice = enrol("guard-1");
    Person bob = enrol("guard-2");
    assertThat(from("127.0.7.1").token(alice)).isNotBlank();
    HttpsClient stranger = from("127.0.8.9");
    HttpsClient neighbour = from("127.0.7.2"); // another machine of a network that signed in

    HttpResponse<String> told = toldToRefuse("/sign-in-guard", 3600);
    try {
      assertThat(told.statusCode()).isEqualTo(204);
      HttpResponse<byte[]> refusedGuess = stranger.send("GET", "/files/outbound/", "forged", null);
      assertThat(refusedGuess.statusCode()).isEqualTo(403);
      assertThat(refusedGuess.headers().firstValue("Retry-After")).isPresent();
      assertThat(stranger.signIn(bob.login(), bob.password(), bob.code()).statusCode())
          .isEqualTo(403);
      assertThat(neighbour.token(bob)).isNotBlank();
      assertThat(refused("127.0.8.9"))
          .containsEntry("? address-blocked files", 1L)
          .doesNotContainKey("? bad-token files");
    } finally {
      assertThat(exchange.api("DELETE", "/sign-in-guard", null).statusCode()).isEqualTo(204);
    }
    assertThat(stranger.send("GET", "/files/outbound/", "forged", null).statusCode())
        .isEqualTo(401);
  }

  @Test
  void anSftpAccount_triedPathsAndOperationsOutsideItsFolders_isCountedUnderItsName()
      throws Exception {
    SftpClient client = SftpClient.withNewKey(temp.resolve("sftp-probe"));
    exchange.openAccount("sftp-probe", client, null);
    java.nio.file.Files.writeString(temp.resolve("sftp-probe").resolve("x.pgp"), "x");

    client.batch(
        "sftp-probe",
        exchange.sftpPort(),
        "-mkdir extra",
        "-mkdir inbound/deeper",
        "-ln -s inbound/a inbound/b",
        "-put " + temp.resolve("sftp-probe").resolve("x.pgp") + " outbound/x.pgp",
        "-ls outbound");

    Map<String, Long> counted = refused("127.0.0.1");
    assertThat(counted.get("sftp-probe path-refused sftp")).isGreaterThanOrEqualTo(4L);
    assertThat(exchange.operations("sftp-probe")).contains("LIST outbound ok");
  }

  @Test
  void anUploadNeverFinished_isCountedAbandonedWhenThePurgeDeletesIt() throws Exception {
    Person alice = enrol("abandon-1");
    HttpsClient client = from("127.0.0.11");
    String token = client.token(alice);
    HttpResponse<byte[]> started =
        client.send("POST", "/uploads/inbound/results-9.pgp", token, null, "Upload-Length", "1000");

    exchange.bean(Purge.class).run(Instant.now().plus(java.time.Duration.ofDays(8)));

    assertThat(started.statusCode()).isEqualTo(201);
    assertThat(refused("exchange")).containsEntry("abandon-1 upload-abandoned uploads", 1L);
    assertThat(
            exchange
                .bean(JdbcTemplate.class)
                .queryForObject(
                    "select count(*) from upload where account = 'abandon-1'", Long.class))
        .isZero();
  }

  @Test
  void blockingSomethingElseThanAnAddress_isRefused() throws Exception {
    HttpResponse<String> told = toldToRefuse("/addresses/example.org/block", 60);

    assertThat(told.statusCode()).isEqualTo(400);
  }
}
