package fr.vigie.audit;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import fr.vigie.crypto.KeyRing;
import fr.vigie.testing.TestDatabase;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/** The audit endpoints in the running application, checked the way an outside witness would. */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {"vigie.demo.enabled=false", "vigie.audit.origin=vigie.test/audit"})
class AuditControllerIT {
  private static final HikariDataSource DATABASE = TestDatabase.newDatabase();
  private static final ObjectMapper JSON = new ObjectMapper();
  @TempDir static Path data;

  @DynamicPropertySource
  static void database(DynamicPropertyRegistry properties) {
    TestDatabase.applicationProperties(DATABASE)
        .forEach((key, value) -> properties.add(key, () -> value));
    properties.add("vigie.data-dir", () -> data.toString());
  }

  @AfterAll
  static void closeDatabase() {
    DATABASE.close();
  }

  @Autowired AuditLog log;
  @Autowired KeyRing keys;
  @LocalServerPort int port;

  @Test
  void proofs_overHttp_verifyAgainstTheSignedCheckpoints() throws Exception {
    // The tests share one log: sizes are relative to what the others appended.
    long size1 = log.size() + 13;
    long size2 = size1 + 27;
    log.appendAll(LongStream.range(0, 13).mapToObj(TestLogs::event).toList());
    log.checkpoint();
    JsonNode first = json("/api/audit/checkpoint", 200);
    log.appendAll(LongStream.range(13, 40).mapToObj(TestLogs::event).toList());
    log.checkpoint();
    JsonNode second = json("/api/audit/checkpoint", 200);

    assertThat(first.get("treeSize").asLong()).isEqualTo(size1);
    assertThat(second.get("treeSize").asLong()).isEqualTo(size2);
    assertThat(second.get("verifierKey").asString()).startsWith("vigie.test/audit+");
    Checkpoint signed = log.latestCheckpoint().orElseThrow();
    signed.verify(keys.auditSigner().publicKey());
    assertThat(second.get("note").asString()).isEqualTo(signed.signedNote());

    long index = size1 - 6;
    JsonNode inclusion = json("/api/audit/proof/inclusion?index=" + index + "&size=" + size1, 200);
    MerkleTree.verifyInclusion(
        index,
        size1,
        bytes(inclusion.get("leafHash")),
        hashes(inclusion.get("proof")),
        bytes(first.get("root")));
    JsonNode consistency = json("/api/audit/proof/consistency?from=" + size1 + "&to=" + size2, 200);
    MerkleTree.verifyConsistency(
        size1,
        size2,
        hashes(consistency.get("proof")),
        bytes(first.get("root")),
        bytes(second.get("root")));
  }

  @Test
  void checkpoint_askedAsText_isTheSignedNote() throws Exception {
    log.append(TestLogs.event(1));
    log.checkpoint();

    HttpResponse<String> note = get("/api/audit/checkpoint", "text/plain");

    assertThat(note.statusCode()).isEqualTo(200);
    assertThat(note.body())
        .startsWith("vigie.test/audit\n")
        .contains("\n\n\u2014 vigie.test/audit ");
  }

  @Test
  void proof_sizeBeyondTheLog_isAProblemDetail400() throws Exception {
    JsonNode problem = json("/api/audit/proof/inclusion?index=0&size=1000000", 400);

    assertThat(problem.get("title").asString())
        .isEqualTo("The tree size or index is not in the audit log");
    assertThat(json("/api/audit/proof/consistency?from=0&to=1", 400).get("status").asInt())
        .isEqualTo(400);
  }

  private JsonNode json(String path, int status) throws Exception {
    HttpResponse<String> response = get(path, "application/json");
    assertThat(response.statusCode()).as(path).isEqualTo(status);
    return JSON.readTree(response.body());
  }

  private HttpResponse<String> get(String path, String accept) throws Exception {
    return HttpClient.newHttpClient()
        .send(
            HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Accept", accept)
                .build(),
            HttpResponse.BodyHandlers.ofString());
  }

  private static byte[] bytes(JsonNode base64) {
    return Base64.getDecoder().decode(base64.asString());
  }

  private static List<byte[]> hashes(JsonNode array) {
    List<byte[]> hashes = new ArrayList<>();
    array.values().forEach(node -> hashes.add(bytes(node)));
    return hashes;
  }
}
