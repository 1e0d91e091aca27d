package fr.vigie.portal;

import static org.assertj.core.api.Assertions.assertThat;

import fr.vigie.identity.IdentityIntegrationTest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Signing in to the space while no persons' provider can be reached (here none is set): a page in
 * French with 503 and Retry-After, not a 500 and a stack trace in the log at every request.
 */
class SpaceUnavailableIT extends IdentityIntegrationTest {
  @LocalServerPort int serverPort;

  @Test
  void signIn_withoutAProviderAtHand_answersAFrench503Page() throws Exception {
    HttpResponse<String> answer =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(
                        URI.create("http://localhost:" + serverPort + SpaceSecurity.SIGN_IN))
                    .build(),
                HttpResponse.BodyHandlers.ofString());

    assertThat(answer.statusCode()).isEqualTo(503);
    assertThat(answer.headers().firstValue("Retry-After"))
        .contains(Long.toString(SpaceProvider.RETRY.toSeconds()));
    assertThat(answer.body()).contains("La connexion est momentanément indisponible");
  }
}
