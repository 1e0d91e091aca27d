package fr.vigie.transfer;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsParameters;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * The HTTPS side's key and certificate chain, from PEM files: the ones configured ({@code
 * vigie.exchange.https.certificate} and {@code .private-key}, a real certificate), else a
 * self-signed EC P-256 pair made on first start in the data directory (key file owner-only), kept
 * across restarts so that clients can pin it. TLS 1.2 and 1.3 only, forward-secret AEAD suites
 * only, in the server's order, and no renegotiation started by a client (a cheap way to make the
 * server do handshakes): testssl found the JDK's defaults offering the CBC suites of TLS 1.2 and
 * allowing it (docs/security.md, "What the outside tools found").
 */
final class TlsIdentity {
  static final String SELF_SIGNED_CERTIFICATE = "https-certificate.pem";
  static final String SELF_SIGNED_KEY = "https-private-key.pem";
  static final List<String> PROTOCOLS = List.of("TLSv1.3", "TLSv1.2");
  static final List<String> CIPHERS =
      List.of(
          "TLS_AES_256_GCM_SHA384",
          "TLS_AES_128_GCM_SHA256",
          "TLS_CHACHA20_POLY1305_SHA256",
          "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384",
          "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256",
          "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256",
          "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384",
          "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256",
          "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256");

  private static final String REJECT_RENEGOTIATION = "jdk.tls.rejectClientInitiatedRenegotiation";

  static {
    // The JDK reads it once, at the first handshake of a TLS server in the process; this class
    // is loaded before the exchange's only TLS server exists. An operator's setting is kept.
    if (System.getProperty(REJECT_RENEGOTIATION) == null) {
      System.setProperty(REJECT_RENEGOTIATION, "true");
    }
  }

  private TlsIdentity() {}

  /** Each connection of the HTTPS server limited to {@link #PROTOCOLS} and {@link #CIPHERS}. */
  static HttpsConfigurator configurator(SSLContext context) {
    return new HttpsConfigurator(context) {
      @Override
      public void configure(HttpsParameters connection) {
        SSLParameters parameters = context.getDefaultSSLParameters();
        parameters.setProtocols(PROTOCOLS.toArray(String[]::new));
        parameters.setCipherSuites(CIPHERS.toArray(String[]::new));
        parameters.setUseCipherSuitesOrder(true);
        connection.setSSLParameters(parameters);
      }
    };
  }

  /** The TLS context of the configured files, or of the self-signed pair under {@code dataDir}. */
  static SSLContext context(Path certificate, Path privateKey, Path dataDir, List<String> names) {
    try {
      if (certificate == null || privateKey == null) {
        certificate = dataDir.resolve(SELF_SIGNED_CERTIFICATE);
        privateKey = dataDir.resolve(SELF_SIGNED_KEY);
        if (!Files.exists(certificate) || !Files.exists(privateKey)) {
          selfSign(certificate, privateKey, names);
        }
      }
      KeyStore store = KeyStore.getInstance("PKCS12");
      store.load(null, null);
      char[] password = new char[0];
      store.setKeyEntry(
          "exchange",
          readKey(privateKey),
          password,
          readChain(certificate).toArray(X509Certificate[]::new));
      KeyManagerFactory keys =
          KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
      keys.init(store, password);
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(keys.getKeyManagers(), null, null);
      return context;
    } catch (IOException e) {
      throw new UncheckedIOException("Could not read or write the HTTPS key and certificate", e);
    } catch (GeneralSecurityException | OperatorCreationException e) {
      throw new IllegalStateException("The HTTPS key or certificate is not usable", e);
    }
  }

  private static void selfSign(Path certificate, Path privateKey, List<String> names)
      throws GeneralSecurityException, OperatorCreationException, IOException {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
    generator.initialize(new ECGenParameterSpec("secp256r1"));
    KeyPair pair = generator.generateKeyPair();
    Instant now = Instant.now();
    X500Name subject = new X500Name("CN=Vigie exchange (self-signed)");
    List<GeneralName> alternatives = new ArrayList<>();
    for (String name : names) {
      alternatives.add(
          name.matches("[0-9.]+|.*:.*")
              ? new GeneralName(GeneralName.iPAddress, name)
              : new GeneralName(GeneralName.dNSName, name));
    }
    X509CertificateHolder holder =
        new JcaX509v3CertificateBuilder(
                subject,
                new BigInteger(64, new SecureRandom()),
                Date.from(now.minus(Duration.ofMinutes(5))),
                Date.from(now.plus(Duration.ofDays(825))),
                subject,
                pair.getPublic())
            .addExtension(
                Extension.subjectAlternativeName,
                false,
                new GeneralNames(alternatives.toArray(GeneralName[]::new)))
            .build(new JcaContentSignerBuilder("SHA256withECDSA").build(pair.getPrivate()));
    Files.createDirectories(certificate.toAbsolutePath().getParent());
    Files.deleteIfExists(privateKey);
    Files.createFile(
        privateKey,
        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    writePem(privateKey, new JcaPKCS8Generator(pair.getPrivate(), null));
    writePem(certificate, new JcaX509CertificateConverter().getCertificate(holder));
  }

  private static void writePem(Path file, Object object) throws IOException {
    try (Writer out = Files.newBufferedWriter(file);
        JcaPEMWriter pem = new JcaPEMWriter(out)) {
      pem.writeObject(object);
    }
  }

  private static PrivateKey readKey(Path file) throws IOException {
    try (Reader in = Files.newBufferedReader(file);
        PEMParser parser = new PEMParser(in)) {
      Object read = parser.readObject();
      JcaPEMKeyConverter converter = new JcaPEMKeyConverter();
      return switch (read) {
        case PEMKeyPair pair -> converter.getPrivateKey(pair.getPrivateKeyInfo());
        case PrivateKeyInfo info -> converter.getPrivateKey(info);
        case null, default -> throw new IOException(file + " holds no unencrypted private key");
      };
    }
  }

  private static List<X509Certificate> readChain(Path file)
      throws IOException, GeneralSecurityException {
    List<X509Certificate> chain = new ArrayList<>();
    JcaX509CertificateConverter converter = new JcaX509CertificateConverter();
    try (Reader in = Files.newBufferedReader(file);
        PEMParser parser = new PEMParser(in)) {
      for (Object read = parser.readObject(); read != null; read = parser.readObject()) {
        if (read instanceof X509CertificateHolder holder) {
          chain.add(converter.getCertificate(holder));
        }
      }
    }
    if (chain.isEmpty()) {
      throw new IOException(file + " holds no certificate");
    }
    return chain;
  }
}
