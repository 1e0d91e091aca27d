package fr.vigie.web;

import static org.assertj.core.api.Assertions.assertThat;

import fr.vigie.identity.AccountId;
import fr.vigie.identity.ContainmentState;
import fr.vigie.identity.Containments;
import fr.vigie.identity.IdentityIntegrationTest;
import fr.vigie.identity.OrganizationKind;
import fr.vigie.identity.Role;
import fr.vigie.identity.StaffClient;
import fr.vigie.registry.Registry;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Bounds on what one request may make the server do, over HTTP against the whole Vigie: bodies
 * (announced or chunked), headers, field lengths and characters, page sizes, and the {@code
 * Retry-After} of every 429.
 */
class RequestLimitsIT extends IdentityIntegrationTest {
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final int LIMIT = 64 * 1024;

  @Autowired Registry registry;
  @Autowired Containments containments;

  @Test
  void signIn_bodyAnnouncing100MB_is413BeforeAnyIsRead() {
    RawHttp.Reply reply =
        RawHttp.send(
            port(),
            "POST /api/session HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                + "Content-Length: 104857600\r\n\r\n",
            out -> out.write("{\"login\":\"".getBytes(StandardCharsets.US_ASCII)));

    assertThat(reply.status()).isEqualTo(413);
    assertThat(json(reply.body()).get("code").asString()).isEqualTo("REQUEST_TOO_LARGE");
    assertThat(reply.header("Content-Type")).startsWith("application/problem+json");
  }

  @Test
  void signIn_chunkedBodyPastTheLimit_is413() {
    StaffClient client = client();
    client.get("/api/session");
    String token = client.cookieValue("XSRF-TOKEN");
    byte[] chunk = "a".repeat(8192).getBytes(StandardCharsets.US_ASCII);

    RawHttp.Reply reply =
        RawHttp.send(
            port(),
            "POST /api/session HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                + "Cookie: XSRF-TOKEN="
                + token
                + "\r\nX-XSRF-TOKEN: "
                + token
                + "\r\nTransfer-Encoding: chunked\r\n\r\n",
            out -> {
              out.write("b\r\n{\"login\":\"a\r\n".getBytes(StandardCharsets.US_ASCII));
              // 100 chunks of 8 KiB: 800 KiB, far past the limit, and never a last chunk.
              for (int n = 0; n < 100; n++) {
                out.write("2000\r\n".getBytes(StandardCharsets.US_ASCII));
                out.write(chunk);
                out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
                out.flush();
              }
            });

    assertThat(reply.status()).isEqualTo(413);
    assertThat(json(reply.body()).get("code").asString()).isEqualTo("REQUEST_TOO_LARGE");
  }

  @Test
  void signIn_bodyJustUnderTheLimit_isReadAndRefusedAsAWrongPassword() {
    StaffClient client = client();
    client.get("/api/session");

    StaffClient.Answer answer =
        client.post("/api/session", Map.of("login", "nobody", "password", "x".repeat(LIMIT - 100)));

    assertThat(answer.status()).isEqualTo(401);
    assertThat(answer.json().get("code").asString()).isEqualTo("SIGN_IN_FAILED");
  }

  @Test
  void anyRequest_headersPastTheLimit_isRefusedWith400() {
    RawHttp.Reply reply =
        RawHttp.send(
            port(),
            "GET /api/status HTTP/1.1\r\nHost: localhost\r\nX-Filler: "
                + "a".repeat(20_000)
                + "\r\nConnection: close\r\n\r\n",
            out -> {});

    assertThat(reply.status()).isEqualTo(400);
    assertThat(reply.header("Content-Type")).startsWith("application/problem+json");
    assertThat(json(reply.body()).get("code").asString()).isEqualTo("REQUEST_INVALID");
  }

  @Test
  void anyRequest_headersUnderTheLimit_isServed() {
    RawHttp.Reply reply =
        RawHttp.send(
            port(),
            "GET /api/status HTTP/1.1\r\nHost: localhost\r\nX-Filler: "
                + "a".repeat(4_000)
                + "\r\nConnection: close\r\n\r\n",
            out -> {});

    assertThat(reply.status()).isEqualTo(200);
  }

  @Test
  void search_lastNameOf1MB_is413() {
    StaffClient advisor = signedIn(agencyAdvisor());

    StaffClient.Answer answer =
        advisor.post("/api/persons/search", nameSearch("A".repeat(1 << 20)));

    assertThat(answer.status()).isEqualTo(413);
    assertThat(answer.json().get("code").asString()).isEqualTo("REQUEST_TOO_LARGE");
  }

  @Test
  void search_lastNameLongerThan100_is400NamingTheField() {
    StaffClient advisor = signedIn(agencyAdvisor());

    StaffClient.Answer answer = advisor.post("/api/persons/search", nameSearch("A".repeat(101)));

    assertThat(answer.status()).isEqualTo(400);
    assertThat(answer.json().get("code").asString()).isEqualTo("FIELD_INVALID");
    assertThat(answer.json().get("detail").asString()).startsWith("value:");
  }

  @Test
  void search_lastNameOf100_isSearched() {
    StaffClient advisor = signedIn(agencyAdvisor());

    StaffClient.Answer answer = advisor.post("/api/persons/search", nameSearch("A".repeat(100)));

    assertThat(answer.status()).isEqualTo(200);
    assertThat(answer.json().size()).isZero();
  }

  @Test
  void search_nameWithBidiOverrideOrControl_is400() {
    StaffClient advisor = signedIn(agencyAdvisor());

    for (String name : List.of("DUP\u202EDNOM", "DUPONT\u0000", "DU\u200BPONT", "DUPONT\n")) {
      StaffClient.Answer answer = advisor.post("/api/persons/search", nameSearch(name));

      assertThat(answer.status()).as("%04x", (int) name.charAt(3)).isEqualTo(400);
      assertThat(answer.json().get("code").asString()).isEqualTo("FIELD_INVALID");
      assertThat(answer.json().get("detail").asString()).startsWith("value:");
    }
  }

  @Test
  void search_nameWithLoneSurrogate_is400() {
    StaffClient advisor = signedIn(agencyAdvisor());

    StaffClient.Answer answer =
        advisor.postJson(
            "/api/persons/search",
            "{\"criterion\":\"NAME_AND_BIRTH_DATE\",\"value\":\"DU\\ud800PONT\","
                + "\"birthDate\":\"1980-01-01\",\"purpose\":\"FOLLOW_UP\"}");

    assertThat(answer.status()).isEqualTo(400);
    assertThat(answer.json().get("code").asString()).isEqualTo("FIELD_INVALID");
    assertThat(answer.body()).doesNotContain("PONT");
  }

  @Test
  void search_accentedNameAndSurrogatePair_isSearched() {
    StaffClient advisor = signedIn(agencyAdvisor());

    StaffClient.Answer answer =
        advisor.post("/api/persons/search", nameSearch("Le Bihan-Éric Cœur \uD83D\uDE00"));

    assertThat(answer.status()).isEqualTo(200);
  }

  @Test
  void justification_textWithBidiOverride_is400() {
    StaffClient advisor = signedIn(agencyAdvisor());

    StaffClient.Answer answer =
        advisor.post(
            "/api/persons/" + UUID.randomUUID() + "/read",
            Map.of(
                "purpose",
                "FOLLOW_UP",
                "justification",
                Map.of("reason", "PERSON_AT_THE_DESK", "text", "venue au guichet \u202Etxt.exe")));

    assertThat(answer.status()).isEqualTo(400);
    assertThat(answer.json().get("code").asString()).isEqualTo("FIELD_INVALID");
    assertThat(answer.json().get("detail").asString()).startsWith("justification.text:");
  }

  @Test
  void update_nameWithControlCharacter_is400NamingTheField() {
    StaffClient advisor = signedIn(agencyAdvisor());

    StaffClient.Answer answer =
        advisor.patch(
            "/api/persons/" + UUID.randomUUID(),
            Map.of("purpose", "FOLLOW_UP", "changes", Map.of("usual_name", "MARTIN\u0007")));

    assertThat(answer.status()).isEqualTo(400);
    assertThat(answer.json().get("code").asString()).isEqualTo("FIELD_INVALID");
    assertThat(answer.json().get("detail").asString()).startsWith("changes.usual_name:");
  }

  @Test
  void alerts_limitOutOfRange_is400Problem() {
    StaffClient analyst = signedIn(newAccount(Role.SECURITY_ANALYST));

    for (String limit : List.of("-5", "0", "100000", "501")) {
      StaffClient.Answer answer = analyst.get("/api/alerts?limit=" + limit);

      assertThat(answer.status()).as(limit).isEqualTo(400);
      assertThat(answer.json().get("code").asString()).isEqualTo("FIELD_INVALID");
      assertThat(answer.json().get("detail").asString()).startsWith("limit:");
    }
    StaffClient.Answer notANumber = analyst.get("/api/alerts?limit=abc");
    assertThat(notANumber.status()).isEqualTo(400);
    assertThat(notANumber.json().get("code").asString()).isEqualTo("REQUEST_INVALID");
    assertThat(notANumber.body()).doesNotContain("abc");
  }

  @Test
  void alerts_limitInRange_isServed() {
    StaffClient analyst = signedIn(newAccount(Role.SECURITY_ANALYST));

    assertThat(analyst.get("/api/alerts?limit=1").status()).isEqualTo(200);
    assertThat(analyst.get("/api/alerts?limit=500").status()).isEqualTo(200);
  }

  @Test
  void everyPagedEndpoint_limitOutOfRange_is400Problem() {
    String agency = "FT-" + UUID.randomUUID();
    StaffClient advisor =
        signedIn(newAccount(Role.ADVISOR, agency, OrganizationKind.FRANCE_TRAVAIL_AGENCY));
    TestAccount managerAccount =
        newAccount(Role.MANAGER, agency, OrganizationKind.FRANCE_TRAVAIL_AGENCY);
    StaffClient manager = signedIn(managerAccount);

    for (String limit : List.of("-5", "100000")) {
      assertThat(advisor.get("/api/caseloads/me?limit=" + limit).status()).isEqualTo(400);
      assertThat(manager.get("/api/justifications?status=pending&limit=" + limit).status())
          .isEqualTo(400);
    }
    assertThat(advisor.get("/api/caseloads/me?offset=-1").status()).isEqualTo(400);
  }

  @Test
  void throttledAccount_secondReadWithinThePace_is429WithRetryAfter() {
    TestAccount account = agencyAdvisor();
    List<String> persons = caseload(account, 2);
    StaffClient advisor = signedIn(account);
    containments.raise(new AccountId(account.id()), ContainmentState.THROTTLED);

    StaffClient.Answer first = advisor.get("/api/persons/" + persons.get(0));
    StaffClient.Answer second = advisor.get("/api/persons/" + persons.get(1));

    assertThat(first.status()).isEqualTo(200);
    assertThat(second.status()).isEqualTo(429);
    assertThat(second.json().get("code").asString()).isEqualTo("ACCOUNT_THROTTLED");
    assertThat(second.response().headers().firstValue("Retry-After")).hasValue("20");
  }

  private TestAccount agencyAdvisor() {
    return newAccount(
        Role.ADVISOR, "FT-" + UUID.randomUUID(), OrganizationKind.FRANCE_TRAVAIL_AGENCY);
  }

  private List<String> caseload(TestAccount advisor, int count) {
    return TestPersons.caseload(registry, jdbc, advisor.id(), advisor.organizationCode(), count);
  }

  private static Map<String, String> nameSearch(String name) {
    return Map.of(
        "criterion", "NAME_AND_BIRTH_DATE",
        "value", name,
        "birthDate", "1980-01-01",
        "purpose", "FOLLOW_UP");
  }

  private static JsonNode json(String body) {
    return JSON.readTree(body);
  }
}
