package fr.vigie.transfer;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The HTTPS side for people (the JDK's HTTPS server on a port of its own): sign-in with password
 * and TOTP code, then listing, {@code Range} downloads, deletions and resumable uploads in the
 * account's two folders. A server apart from the register's loopback API on purpose: nothing of
 * that API, its token filter or its routes can be reached from this port.
 */
@Component
public class WebServer implements SmartLifecycle {
  private static final Logger log = LoggerFactory.getLogger(WebServer.class);

  private final HttpsServer server;
  private final ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();
  private final WebRoutes routes;
  private volatile boolean running;

  WebServer(
      Accounts accounts,
      Folders folders,
      Operations operations,
      Refusals refusals,
      BlockedAddresses blocked,
      AccountRateLimits limits,
      WebSignIns signIns,
      WebSessions sessions,
      Deletions deletions,
      JdbcTemplate jdbc,
      @Value("${vigie.exchange.data-dir}") Path dataDir,
      @Value("${vigie.exchange.https.address}") String address,
      @Value("${vigie.exchange.https.port}") int port,
      @Value("${vigie.exchange.https.certificate:}") String certificate,
      @Value("${vigie.exchange.https.private-key:}") String privateKey,
      @Value("${vigie.exchange.https.host-names}") List<String> hostNames) {
    this.routes =
        new WebRoutes(
            refusals,
            blocked,
            signIns,
            sessions,
            limits,
            new WebFiles(folders, operations, limits, deletions),
            new WebUploads(accounts, folders, operations, limits, jdbc));
    try {
      server = HttpsServer.create(new InetSocketAddress(address, port), 64);
    } catch (IOException e) {
      throw new UncheckedIOException("Could not open the HTTPS port", e);
    }
    server.setHttpsConfigurator(
        TlsIdentity.configurator(
            TlsIdentity.context(
                certificate.isBlank() ? null : Path.of(certificate),
                privateKey.isBlank() ? null : Path.of(privateKey),
                dataDir,
                hostNames)));
    server.setExecutor(threads);
    server.createContext("/", this::handle);
  }

  /** The port it listens on (the one given, or the one chosen when given 0). */
  public int port() {
    return server.getAddress().getPort();
  }

  private void handle(HttpExchange http) {
    try (http) {
      routes.handle(http, SignIns.address(http.getRemoteAddress()));
    } catch (IOException | RuntimeException e) {
      // A client that went away, or a failure: the message names no file and no person.
      log.debug("HTTPS request ended early: {}", e.getClass().getSimpleName());
    }
  }

  @Override
  public void start() {
    server.start();
    running = true;
  }

  @Override
  public void stop() {
    server.stop(1);
    threads.shutdownNow();
    running = false;
  }

  @Override
  public boolean isRunning() {
    return running;
  }
}
