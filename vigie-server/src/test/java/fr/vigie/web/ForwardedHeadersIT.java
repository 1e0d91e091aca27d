package fr.vigie.web;

import static org.assertj.core.api.Assertions.assertThat;

import fr.vigie.identity.IdentityIntegrationTest;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Behind a reverse proxy that terminates TLS ({@code server.forward-headers-strategy=native}): a
 * request the proxy says came over HTTPS gets HSTS and {@code Secure} cookies; one it does not gets
 * neither.
 */
class ForwardedHeadersIT extends IdentityIntegrationTest {

  @DynamicPropertySource
  static void behindAProxy(DynamicPropertyRegistry properties) {
    properties.add("server.forward-headers-strategy", () -> "native");
  }

  @Test
  void forwardedAsHttps_getsHstsAndSecureSameSiteCookies() {
    RawHttp.Reply reply =
        csrfCookie("X-Forwarded-Proto: https\r\nX-Forwarded-For: 203.0.113.9\r\n");

    assertThat(reply.status()).isEqualTo(200);
    assertThat(reply.header("Strict-Transport-Security")).contains("max-age=31536000");
    String cookie = reply.header("Set-Cookie").toLowerCase(Locale.ROOT);
    assertThat(cookie).startsWith("xsrf-token=").contains("; secure").contains("samesite=lax");
  }

  @Test
  void notForwardedAsHttps_getsNeither() {
    RawHttp.Reply reply = csrfCookie("");

    assertThat(reply.status()).isEqualTo(200);
    assertThat(reply.header("Strict-Transport-Security")).isNull();
    String cookie = reply.header("Set-Cookie").toLowerCase(Locale.ROOT);
    assertThat(cookie).startsWith("xsrf-token=").doesNotContain("secure");
  }

  private RawHttp.Reply csrfCookie(String forwarded) {
    return RawHttp.send(
        port(),
        "GET /api/session HTTP/1.1\r\nHost: localhost\r\n"
            + forwarded
            + "Connection: close\r\n\r\n",
        out -> {});
  }
}
