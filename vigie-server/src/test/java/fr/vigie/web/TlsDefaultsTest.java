package fr.vigie.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.apache.tomcat.util.net.SSLHostConfig;
import org.junit.jupiter.api.Test;

/**
 * The TLS defaults Vigie gives Tomcat, without a server: what the handshakes of {@code TlsIT} use.
 */
class TlsDefaultsTest {
  @Test
  void harden_tomcatsDefaults_setsEachProtocolsSuitesInTheirOwnSettingWithoutAWarning() {
    SSLHostConfig tls = new SSLHostConfig();

    List<String> warnings = warningsWhile(() -> TlsDefaults.harden(tls));

    assertThat(warnings).isEmpty();
    assertThat(tls.getCiphers()).doesNotContain("TLS_AES_", "TLS_CHACHA20_");
    List<String> offered = new ArrayList<>(List.of(TlsDefaults.CIPHER_SUITES.split(":")));
    offered.addAll(List.of(TlsDefaults.CIPHERS.split(",")));
    assertThat(tls.getJsseCipherNames()).containsExactlyElementsOf(offered);
    assertThat(tls.getHonorCipherOrder()).isTrue();
  }

  /** What the test above would see of the list Vigie gave before: Tomcat's warning, per suite. */
  @Test
  void setCiphers_withTls13SuitesInTheTls12List_warnsOncePerSuite() {
    SSLHostConfig tls = new SSLHostConfig();

    List<String> warnings =
        warningsWhile(
            () ->
                tls.setCiphers(
                    "TLS_AES_256_GCM_SHA384,TLS_AES_128_GCM_SHA256," + TlsDefaults.CIPHERS));

    assertThat(warnings).hasSize(2);
  }

  @Test
  void harden_suitesAnOperatorNamed_areLeftAlone() {
    SSLHostConfig tls = new SSLHostConfig();
    tls.setCipherSuites("TLS_AES_128_GCM_SHA256");
    tls.setCiphers("TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384");

    TlsDefaults.harden(tls);

    assertThat(tls.getCipherSuites()).isEqualTo("TLS_AES_128_GCM_SHA256");
    assertThat(tls.getJsseCipherNames())
        .containsExactly("TLS_AES_128_GCM_SHA256", "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384");
  }

  /** The messages Tomcat's TLS configuration logs at WARNING or above while {@code action} runs. */
  private static List<String> warningsWhile(Runnable action) {
    List<String> warnings = new ArrayList<>();
    Handler handler =
        new Handler() {
          @Override
          public void publish(LogRecord record) {
            if (record.getLevel().intValue() >= Level.WARNING.intValue()) {
              warnings.add(record.getMessage());
            }
          }

          @Override
          public void flush() {}

          @Override
          public void close() {}
        };
    Logger tomcat = Logger.getLogger("org.apache.tomcat.util.net");
    tomcat.addHandler(handler);
    try {
      action.run();
    } finally {
      tomcat.removeHandler(handler);
    }
    return warnings;
  }
}
