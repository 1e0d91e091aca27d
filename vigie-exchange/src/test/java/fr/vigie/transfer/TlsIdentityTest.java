package fr.vigie.transfer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpsServer;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The HTTPS side's TLS settings, seen by a client's handshake (testssl's finding). */
class TlsIdentityTest {
  @TempDir Path data;
  private HttpsServer server;
  private SSLContext client;

  @BeforeEach
  void start() throws Exception {
    server = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 4);
    server.setHttpsConfigurator(
        TlsIdentity.configurator(
            TlsIdentity.context(null, null, data, List.of("localhost", "127.0.0.1"))));
    server.createContext("/", http -> http.sendResponseHeaders(204, -1));
    server.start();
    client =
        new HttpsClient(
                data.resolve(TlsIdentity.SELF_SIGNED_CERTIFICATE), server.getAddress().getPort())
            .tls;
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  private SSLSocket handshake(String protocol, String suite) throws Exception {
    SSLSocket socket =
        (SSLSocket)
            client.getSocketFactory().createSocket("127.0.0.1", server.getAddress().getPort());
    socket.setSoTimeout(30_000); // a server that went on with the renegotiation would not answer
    socket.setEnabledProtocols(new String[] {protocol});
    socket.setEnabledCipherSuites(new String[] {suite});
    socket.startHandshake();
    return socket;
  }

  @Test
  void handshake_withAnObsoleteCbcSuiteOfTls12_isRefused() {
    for (String cbc :
        List.of(
            "TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA256",
            "TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA384",
            "TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA",
            "TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA")) {
      assertThatThrownBy(() -> handshake("TLSv1.2", cbc).close())
          .as(cbc)
          .isInstanceOf(SSLHandshakeException.class);
    }
  }

  @Test
  void handshake_withAForwardSecretAeadSuite_isAccepted() throws Exception {
    try (SSLSocket socket = handshake("TLSv1.2", "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256")) {
      assertThat(socket.getSession().getCipherSuite())
          .isEqualTo("TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256");
    }
    try (SSLSocket socket = handshake("TLSv1.3", "TLS_AES_128_GCM_SHA256")) {
      assertThat(socket.getSession().getProtocol()).isEqualTo("TLSv1.3");
    }
  }

  @Test
  void renegotiation_startedByTheClient_isRefused() throws Exception {
    try (SSLSocket socket = handshake("TLSv1.2", "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256")) {
      socket.startHandshake();
      socket
          .getOutputStream()
          .write("GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
      assertThatThrownBy(() -> socket.getInputStream().read())
          .isInstanceOf(javax.net.ssl.SSLException.class);
    }
  }

  @Test
  void handshake_withTls11_isRefused() {
    assertThatThrownBy(() -> handshake("TLSv1.1", "TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA").close())
        .isInstanceOf(javax.net.ssl.SSLException.class);
  }
}
