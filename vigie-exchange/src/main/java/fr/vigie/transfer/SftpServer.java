package fr.vigie.transfer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.sshd.common.NamedFactory;
import org.apache.sshd.common.cipher.BuiltinCiphers;
import org.apache.sshd.common.cipher.Cipher;
import org.apache.sshd.common.file.virtualfs.VirtualFileSystemFactory;
import org.apache.sshd.common.session.SessionContext;
import org.apache.sshd.core.CoreModuleProperties;
import org.apache.sshd.server.SshServer;
import org.apache.sshd.server.keyprovider.SimpleGeneratorHostKeyProvider;
import org.apache.sshd.sftp.server.SftpSubsystemFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * The SFTP server (Apache MINA SSHD): public keys only (no passwords, no shell, no forwarding),
 * each account jailed in its own root folder.
 */
@Component
public class SftpServer implements SmartLifecycle {
  private final SshServer server;
  private volatile boolean running;

  SftpServer(
      SignIns signIns,
      Accounts accounts,
      Folders folders,
      Operations operations,
      Refusals refusals,
      AccountRateLimits limits,
      Deletions deletions,
      @Value("${vigie.exchange.data-dir}") Path dataDir,
      @Value("${vigie.exchange.sftp.address}") String address,
      @Value("${vigie.exchange.sftp.port}") int port,
      @Value("${vigie.exchange.sftp.ciphers}") List<String> ciphers) {
    server = SshServer.setUpDefaultServer();
    server.setHost(address);
    server.setPort(port);
    try {
      Files.createDirectories(dataDir);
    } catch (IOException e) {
      throw new UncheckedIOException("Could not create the exchange's data directory", e);
    }
    SimpleGeneratorHostKeyProvider hostKey =
        new SimpleGeneratorHostKeyProvider(dataDir.resolve("ssh-host-key"));
    hostKey.setAlgorithm("EC");
    hostKey.setKeySize(256);
    server.setKeyPairProvider(hostKey);
    server.setCipherFactories(cipherFactories(ciphers));
    // Without it, Nagle's algorithm holds each small SFTP status reply until the client's delayed
    // acknowledgement: uploads then stall on every window of requests (0.45 of OpenSSH's speed).
    CoreModuleProperties.TCP_NODELAY.set(server, true);
    server.setPasswordAuthenticator(null);
    server.setKeyboardInteractiveAuthenticator(null);
    server.setHostBasedAuthenticator(null);
    server.setPublickeyAuthenticator(signIns);
    server.setFileSystemFactory(
        new VirtualFileSystemFactory() {
          @Override
          public Path getUserHomeDir(SessionContext session) {
            return folders.root(session.getUsername());
          }
        });
    SftpSubsystemFactory sftp =
        new SftpSubsystemFactory.Builder()
            .withFileSystemAccessor(new JailedAccess(accounts, folders, deletions))
            .build();
    sftp.addSftpEventListener(new SftpAudit(operations, limits, accounts, refusals));
    server.setSubsystemFactories(List.of(sftp));
  }

  /**
   * The ciphers offered, in order: names of SSH ciphers (RFC 4253 and OpenSSH's), each one MINA
   * SSHD supports and this JVM can run; anything else stops the start with its name.
   */
  static List<NamedFactory<Cipher>> cipherFactories(List<String> names) {
    if (names.isEmpty()) {
      throw new IllegalArgumentException("vigie.exchange.sftp.ciphers names no cipher");
    }
    List<NamedFactory<Cipher>> factories = new ArrayList<>();
    for (String name : names) {
      BuiltinCiphers cipher = BuiltinCiphers.fromFactoryName(name.strip());
      if (cipher == null || !cipher.isSupported() || cipher == BuiltinCiphers.none) {
        throw new IllegalArgumentException(
            "vigie.exchange.sftp.ciphers: " + name.strip() + " is not a cipher this server runs");
      }
      factories.add(cipher);
    }
    return factories;
  }

  /** Closes every SFTP session of {@code account}: what it had open is cut at once. */
  public void disconnect(String account) {
    server.getActiveSessions().stream()
        .filter(session -> account.equals(session.getAttribute(SignIns.ACCOUNT)))
        .forEach(session -> session.close(true));
  }

  /** The port it listens on (the one given, or the one chosen when given 0). */
  public int port() {
    return server.getPort();
  }

  @Override
  public void start() {
    try {
      server.start();
      running = true;
    } catch (IOException e) {
      throw new UncheckedIOException("Could not start the SFTP server", e);
    }
  }

  @Override
  public void stop() {
    try {
      server.stop(true);
    } catch (IOException e) {
      throw new UncheckedIOException("Could not stop the SFTP server", e);
    } finally {
      running = false;
    }
  }

  @Override
  public boolean isRunning() {
    return running;
  }
}
