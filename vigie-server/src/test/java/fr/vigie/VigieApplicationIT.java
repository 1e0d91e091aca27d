package fr.vigie;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import fr.vigie.access.Caseloads;
import fr.vigie.registry.PersonRecord;
import fr.vigie.registry.Registry;
import fr.vigie.simulation.DemoAgency;
import fr.vigie.simulation.SyntheticAgency;
import fr.vigie.testing.TestDatabase;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The whole application on a real PostgreSQL: starts, loads the demo agency, serves. */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {"vigie.demo.persons=600", "vigie.demo.seed=7"})
class VigieApplicationIT {
  private static final HikariDataSource DATABASE = TestDatabase.newDatabase();
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

  @Autowired DemoAgency demo;
  @Autowired Registry registry;
  @Autowired Caseloads caseloads;
  @LocalServerPort int port;

  @Test
  void start_emptyRegister_loadsDemoAgencyOnceAndServesItsCount() throws Exception {
    demo.loadIfEmpty();
    demo.loadIfEmpty();

    SyntheticAgency agency = SyntheticAgency.generate(600, 7);
    LocalDate cutoff = LocalDate.now().minusYears(20);
    Predicate<PersonRecord> retained = p -> p.leftOn() == null || !p.leftOn().isBefore(cutoff);
    long expected = agency.persons().filter(retained).count();
    assertThat(expected).as("some generated persons left too long ago").isBetween(500L, 599L);
    assertThat(registry.count()).isEqualTo(expected);
    var advisor = agency.advisors().get(0);
    long followed = advisor.personIndexes().mapToObj(agency::person).filter(retained).count();
    assertThat(caseloads.size(advisor.login())).isEqualTo(followed).isPositive();
    HttpResponse<String> status =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/status"))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    assertThat(status.statusCode()).isEqualTo(200);
    assertThat(status.body()).contains("\"persons\":" + expected);
  }
}
