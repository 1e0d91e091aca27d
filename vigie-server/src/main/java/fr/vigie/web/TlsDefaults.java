package fr.vigie.web;

import java.util.Objects;
import org.apache.tomcat.util.net.SSLHostConfig;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * When Vigie serves TLS itself: TLS 1.2 and 1.3 only, forward-secret AEAD suites only, in the
 * server's order. testssl.sh found Tomcat's defaults offering the CBC suites of TLS 1.2 and letting
 * the client choose the order (docs/security.md, "What the outside tools found"). An operator who
 * names protocols or ciphers in the SSL bundle's options keeps them.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication
class TlsDefaults {
  static final String PROTOCOLS = "TLSv1.2+TLSv1.3";

  /**
   * The suites of TLS 1.3, apart: Tomcat takes them in their own setting and warns, once per name,
   * when they come in the TLS 1.2 list.
   */
  static final String CIPHER_SUITES =
      String.join(
          ":", "TLS_AES_256_GCM_SHA384", "TLS_AES_128_GCM_SHA256", "TLS_CHACHA20_POLY1305_SHA256");

  /** The TLS 1.2 suites. */
  static final String CIPHERS =
      String.join(
          ",",
          "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384",
          "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256",
          "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256",
          "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384",
          "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256",
          "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256");

  @Bean
  WebServerFactoryCustomizer<TomcatServletWebServerFactory> tlsHardening() {
    return factory ->
        factory.addConnectorCustomizers(
            connector -> {
              for (SSLHostConfig tls : connector.findSslHostConfigs()) {
                harden(tls);
              }
            });
  }

  /** Tomcat's defaults replaced; what an operator set is left alone. */
  static void harden(SSLHostConfig tls) {
    SSLHostConfig defaults = new SSLHostConfig();
    if (tls.getProtocols().equals(defaults.getProtocols())) {
      tls.setProtocols(PROTOCOLS);
    }
    if (tls.getCiphers().equals(defaults.getCiphers())) {
      tls.setCiphers(CIPHERS);
    }
    if (Objects.equals(tls.getCipherSuites(), defaults.getCipherSuites())) {
      tls.setCipherSuites(CIPHER_SUITES);
    }
    tls.setHonorCipherOrder(true);
  }
}
