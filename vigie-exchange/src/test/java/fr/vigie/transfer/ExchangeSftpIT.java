package fr.vigie.transfer;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The exchange's SFTP side against OpenSSH's real {@code sftp} client. */
class ExchangeSftpIT {
  @TempDir static Path temp;
  static RunningExchange exchange;

  @BeforeAll
  static void start() throws Exception {
    exchange = new RunningExchange(temp.resolve("exchange"));
  }

  @AfterAll
  static void stop() throws Exception {
    exchange.close();
  }

  private static SftpClient client(String name) throws Exception {
    return SftpClient.withNewKey(temp.resolve("clients").resolve(name));
  }

  private static List<String> operations(String account) {
    return exchange.operations(account);
  }

  private static Path inbound(String account) {
    return exchange.dataDir.resolve("files").resolve(account).resolve("inbound");
  }

  private static Path outbound(String account) {
    return exchange.dataDir.resolve("files").resolve(account).resolve("outbound");
  }

  @Test
  void put_withRegisteredKey_landsInInboundAndIsLogged() throws Exception {
    SftpClient client = client("put-ok");
    exchange.openAccount("digit-ok", client, null);
    Files.writeString(client.workDir().resolve("results.pgp"), "ciphertext");

    SftpClient.Result result =
        client.batch("digit-ok", exchange.sftpPort(), "put results.pgp inbound/results.pgp");

    assertThat(result.ok()).as(result.output()).isTrue();
    assertThat(Files.readString(inbound("digit-ok").resolve("results.pgp")))
        .isEqualTo("ciphertext");
    assertThat(operations("digit-ok")).contains("SIGN_IN - ok", "UPLOAD inbound/results.pgp ok");
  }

  @Test
  void signIn_withUnregisteredKey_isRefused() throws Exception {
    SftpClient owner = client("owner");
    SftpClient stranger = client("stranger");
    exchange.openAccount("digit-owned", owner, null);

    SftpClient.Result result = stranger.batch("digit-owned", exchange.sftpPort(), "ls");

    assertThat(result.ok()).isFalse();
    assertThat(operations("digit-owned")).containsExactly("SIGN_IN - wrong-key");
  }

  @Test
  void signIn_afterFiveWrongKeys_locksTheAccountEvenForItsKey() throws Exception {
    SftpClient owner = client("locked-owner");
    SftpClient guesser = client("guesser");
    exchange.openAccount("digit-locked", owner, null);

    for (int attempt = 0; attempt < 5; attempt++) {
      assertThat(guesser.batch("digit-locked", exchange.sftpPort(), "ls").ok()).isFalse();
    }
    SftpClient.Result rightKey = owner.batch("digit-locked", exchange.sftpPort(), "ls");

    assertThat(rightKey.ok()).isFalse();
    assertThat(operations("digit-locked")).endsWith("SIGN_IN - locked");
  }

  @Test
  void signIn_withTheRightKeyBeforeTheLimit_resetsTheFailures() throws Exception {
    SftpClient owner = client("reset-owner");
    SftpClient guesser = client("reset-guesser");
    exchange.openAccount("digit-reset", owner, null);
    for (int attempt = 0; attempt < 4; attempt++) {
      guesser.batch("digit-reset", exchange.sftpPort(), "ls");
    }

    assertThat(owner.batch("digit-reset", exchange.sftpPort(), "ls").ok()).isTrue();
    guesser.batch("digit-reset", exchange.sftpPort(), "ls");
    assertThat(owner.batch("digit-reset", exchange.sftpPort(), "ls").ok()).isTrue();
  }

  @Test
  void get_ofAnotherAccountsFile_byParentOrAbsolutePath_findsNothing() throws Exception {
    SftpClient victim = client("victim");
    SftpClient reader = client("reader");
    exchange.openAccount("digit-victim", victim, null);
    exchange.openAccount("digit-reader", reader, null);
    assertThat(exchange.place("digit-victim", "batch-1.pgp", "theirs".getBytes()).statusCode())
        .isEqualTo(201);
    Path real = outbound("digit-victim").resolve("batch-1.pgp");

    for (String path :
        List.of(
            "../digit-victim/outbound/batch-1.pgp",
            "/../digit-victim/outbound/batch-1.pgp",
            "outbound/../../digit-victim/outbound/batch-1.pgp",
            "/../../../../.." + real,
            real.toString())) {
      SftpClient.Result result =
          reader.batch("digit-reader", exchange.sftpPort(), "get " + path + " stolen");
      assertThat(result.ok()).as(path).isFalse();
      assertThat(reader.workDir().resolve("stolen")).as(path).doesNotExist();
    }
    SftpClient.Result listing =
        reader.batch("digit-reader", exchange.sftpPort(), "cd ../../..", "ls -1a");
    assertThat(listing.output()).contains("inbound", "outbound").doesNotContain("digit-victim");
  }

  @Test
  void symlink_overSftp_isRefused() throws Exception {
    SftpClient client = client("linker");
    exchange.openAccount("digit-linker", client, null);

    SftpClient.Result result =
        client.batch("digit-linker", exchange.sftpPort(), "symlink /etc/passwd inbound/passwd");

    assertThat(result.ok()).isFalse();
    assertThat(inbound("digit-linker").resolve("passwd")).doesNotExist();
  }

  @Test
  void get_ofALinkPlantedOnDisk_isRefused() throws Exception {
    SftpClient client = client("planted");
    SftpClient other = client("planted-other");
    exchange.openAccount("digit-planted", client, null);
    exchange.openAccount("digit-planted-other", other, null);
    exchange.place("digit-planted-other", "theirs.pgp", "theirs".getBytes());
    Files.createSymbolicLink(
        outbound("digit-planted").resolve("link.pgp"),
        outbound("digit-planted-other").resolve("theirs.pgp"));

    SftpClient.Result result =
        client.batch("digit-planted", exchange.sftpPort(), "get outbound/link.pgp got");

    assertThat(result.ok()).isFalse();
    assertThat(client.workDir().resolve("got")).doesNotExist();
  }

  @Test
  void mkdir_andPutOutsideInbound_areRefused() throws Exception {
    SftpClient client = client("mkdir");
    exchange.openAccount("digit-mkdir", client, null);
    Files.writeString(client.workDir().resolve("f.pgp"), "x");

    assertThat(client.batch("digit-mkdir", exchange.sftpPort(), "mkdir inbound/sub").ok())
        .isFalse();
    assertThat(client.batch("digit-mkdir", exchange.sftpPort(), "put f.pgp outbound/f.pgp").ok())
        .isFalse();
    assertThat(client.batch("digit-mkdir", exchange.sftpPort(), "put f.pgp f.pgp").ok()).isFalse();
    assertThat(outbound("digit-mkdir").resolve("f.pgp")).doesNotExist();
    assertThat(inbound("digit-mkdir").resolve("sub")).doesNotExist();
  }

  @Test
  void put_largerThanTheFileLimit_isRefusedAndLeavesNothing() throws Exception {
    SftpClient client = client("big");
    exchange.openAccount("digit-big", client, "{\"maxFileBytes\":100000}");
    byte[] big = new byte[300_000];
    new Random(1).nextBytes(big);
    Files.write(client.workDir().resolve("big.pgp"), big);
    Files.write(client.workDir().resolve("small.pgp"), Arrays.copyOf(big, 90_000));

    SftpClient.Result refused =
        client.batch("digit-big", exchange.sftpPort(), "put big.pgp inbound/big.pgp");
    SftpClient.Result allowed =
        client.batch("digit-big", exchange.sftpPort(), "put small.pgp inbound/small.pgp");

    assertThat(refused.ok()).isFalse();
    assertThat(inbound("digit-big").resolve("big.pgp")).doesNotExist();
    assertThat(allowed.ok()).as(allowed.output()).isTrue();
    assertThat(operations("digit-big")).contains("UPLOAD inbound/big.pgp quota-exceeded");
  }

  @Test
  void put_pastTheAccountsQuota_isRefused() throws Exception {
    SftpClient client = client("quota");
    exchange.openAccount("digit-quota", client, "{\"quotaBytes\":150000}");
    exchange.place("digit-quota", "batch.pgp", new byte[100_000]);
    Files.write(client.workDir().resolve("r.pgp"), new byte[60_000]);
    Files.write(client.workDir().resolve("s.pgp"), new byte[40_000]);

    assertThat(client.batch("digit-quota", exchange.sftpPort(), "put r.pgp inbound/r.pgp").ok())
        .isFalse();
    assertThat(client.batch("digit-quota", exchange.sftpPort(), "put s.pgp inbound/s.pgp").ok())
        .isTrue();
    assertThat(inbound("digit-quota").resolve("r.pgp")).doesNotExist();
  }

  @Test
  void reput_afterAnUploadCutOffHalfway_completesTheSameFile() throws Exception {
    SftpClient client = client("resume");
    exchange.openAccount("digit-resume", client, null);
    byte[] whole = new byte[2_000_000];
    new Random(2).nextBytes(whole);
    Files.write(client.workDir().resolve("results.pgp"), whole);
    // What a cut connection leaves: the first part of the file, under its name.
    Files.write(inbound("digit-resume").resolve("results.pgp"), Arrays.copyOf(whole, 777_777));

    SftpClient.Result result =
        client.batch("digit-resume", exchange.sftpPort(), "reput results.pgp inbound/results.pgp");

    assertThat(result.ok()).as(result.output()).isTrue();
    assertThat(Files.readAllBytes(inbound("digit-resume").resolve("results.pgp"))).isEqualTo(whole);
  }

  @Test
  void rm_ofAFetchedOutboundFile_confirmsThePickup() throws Exception {
    SftpClient client = client("pickup");
    exchange.openAccount("digit-pickup", client, null);
    exchange.place("digit-pickup", "batch-7.pgp", "sealed".getBytes());

    SftpClient.Result result =
        client.batch(
            "digit-pickup",
            exchange.sftpPort(),
            "get outbound/batch-7.pgp batch-7.pgp",
            "rm outbound/batch-7.pgp");

    assertThat(result.ok()).as(result.output()).isTrue();
    assertThat(Files.readString(client.workDir().resolve("batch-7.pgp"))).isEqualTo("sealed");
    assertThat(outbound("digit-pickup").resolve("batch-7.pgp")).doesNotExist();
    assertThat(operations("digit-pickup"))
        .contains(
            "PLACE outbound/batch-7.pgp ok",
            "DOWNLOAD outbound/batch-7.pgp ok",
            "DELETE outbound/batch-7.pgp ok");
  }

  @Test
  void purge_ofFilesPastTheMaximumAge_deletesThemAndKeepsYoungerOnes() throws Exception {
    SftpClient client = client("purge");
    exchange.openAccount("digit-purge", client, null);
    exchange.place("digit-purge", "old.pgp", "old".getBytes());
    exchange.place("digit-purge", "young.pgp", "young".getBytes());
    Instant now = Instant.now();
    Files.setLastModifiedTime(
        outbound("digit-purge").resolve("old.pgp"),
        FileTime.from(now.minus(Duration.ofDays(7)).minusSeconds(1)));

    exchange.bean(Purge.class).run(now);

    assertThat(outbound("digit-purge").resolve("old.pgp")).doesNotExist();
    assertThat(outbound("digit-purge").resolve("young.pgp")).exists();
    assertThat(operations("digit-purge")).contains("PURGE outbound/old.pgp ok");
  }

  @Test
  void suspension_cutsAnOpenDownloadAndRefusesEverySignInUntilTheRegisterLiftsIt()
      throws Exception {
    SftpClient client = client("suspended");
    exchange.openAccount("digit-suspended", client, null);
    byte[] whole = new byte[24 << 20];
    new Random(7).nextBytes(whole);
    exchange.place("digit-suspended", "batch-9.pgp", whole);
    Path fetched = client.workDir().resolve("batch-9.pgp");
    Process download =
        client.start(
            "digit-suspended",
            exchange.sftpPort(),
            List.of("-l", "16000"),
            "get outbound/batch-9.pgp batch-9.pgp");
    long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
    while (!(Files.exists(fetched) && Files.size(fetched) > (1 << 20))) {
      assertThat(System.nanoTime()).as("the download started").isLessThan(deadline);
      Thread.sleep(50);
    }

    HttpResponse<String> suspended =
        exchange.api("PUT", "/accounts/digit-suspended/suspension", null);
    boolean ended = download.waitFor(60, java.util.concurrent.TimeUnit.SECONDS);
    SftpClient.Result afterwards = client.batch("digit-suspended", exchange.sftpPort(), "ls");
    HttpResponse<String> lifted =
        exchange.api("DELETE", "/accounts/digit-suspended/suspension", null);
    SftpClient.Result released =
        client.batch("digit-suspended", exchange.sftpPort(), "ls outbound");

    assertThat(suspended.statusCode()).isEqualTo(204);
    assertThat(ended).as("the open session is cut").isTrue();
    assertThat(download.exitValue()).isNotZero();
    assertThat(Files.size(fetched)).isLessThan(whole.length);
    assertThat(afterwards.ok()).as(afterwards.output()).isFalse();
    assertThat(lifted.statusCode()).isEqualTo(204);
    assertThat(released.ok()).as(released.output()).isTrue();
    assertThat(operations("digit-suspended"))
        .containsSubsequence(
            "SUSPEND - ok",
            "SIGN_IN - suspended",
            "RESUME - ok",
            "SIGN_IN - ok",
            "LIST outbound ok");
  }

  @Test
  void deletion_loggedByAProcessKilledBeforeTheFileWent_isCarriedOutOnceAtTheNextStart()
      throws Exception {
    SftpClient client = client("intent");
    exchange.openAccount("digit-intent", client, null);
    exchange.place("digit-intent", "batch-8.pgp", "sealed".getBytes());
    // What a kill between logging and deleting leaves: the operation and its intent, the file.
    exchange
        .bean(Operations.class)
        .recordWithIntent(
            "digit-intent",
            OperationKind.DELETE,
            "outbound/batch-8.pgp",
            "127.0.0.1",
            "digit-intent/outbound/batch-8.pgp");

    exchange.bean(Deletions.class).finishIntents();

    assertThat(outbound("digit-intent").resolve("batch-8.pgp")).doesNotExist();
    assertThat(operations("digit-intent"))
        .containsExactly("PLACE outbound/batch-8.pgp ok", "DELETE outbound/batch-8.pgp ok");
  }

  @Test
  void api_withoutOrWithAWrongToken_isUnauthorized() throws Exception {
    assertThat(exchange.api("GET", "/operations", null, null).statusCode()).isEqualTo(401);
    assertThat(exchange.api("GET", "/operations", null, "Bearer wrong").statusCode())
        .isEqualTo(401);
    assertThat(exchange.api("GET", "/operations", null).statusCode()).isEqualTo(200);
  }
}
