package fr.vigie.benchmark;

import java.io.IOException;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * OpenSSH's own {@code sshd} on a free loopback port, with a throw-away host key, one authorized
 * client key and its built-in SFTP server: the reference the exchange is measured against.
 */
final class OpenSshServer implements AutoCloseable {
  /** Where Debian's sshd wants its privilege-separation directory when started as root. */
  private static final Path PRIVSEP = Path.of("/run/sshd");

  private final Process process;
  private final int port;

  private OpenSshServer(Process process, int port) {
    this.process = process;
    this.port = port;
  }

  /** Starts sshd in {@code directory}, letting in the holder of {@code clientKey}. */
  static OpenSshServer start(Path directory, Path clientKey)
      throws IOException, InterruptedException {
    Path sshd = Path.of(System.getProperty("vigie.bench.sshd", "/usr/sbin/sshd"));
    if (!Files.isExecutable(sshd)) {
      throw new IOException(
          "OpenSSH's sshd is not at " + sshd + " (Debian: apt-get install openssh-server)");
    }
    if ("root".equals(System.getProperty("user.name")) && !Files.isDirectory(PRIVSEP)) {
      Files.createDirectories(PRIVSEP);
    }
    Path hostKey = SftpBatch.newKey(directory, "sshd_host_ed25519");
    Path authorized = directory.resolve("authorized_keys");
    Files.copy(clientKey.resolveSibling(clientKey.getFileName() + ".pub"), authorized);
    int port = Tools.freePort();
    Path config = directory.resolve("sshd_config");
    Files.write(
        config,
        List.of(
            "ListenAddress 127.0.0.1",
            "Port " + port,
            "HostKey " + hostKey,
            "PidFile " + directory.resolve("sshd.pid"),
            "AuthorizedKeysFile " + authorized,
            "StrictModes no",
            "PasswordAuthentication no",
            "KbdInteractiveAuthentication no",
            "PubkeyAuthentication yes",
            "PermitRootLogin prohibit-password",
            "UsePAM no",
            "Subsystem sftp internal-sftp"));
    Process process =
        new ProcessBuilder(sshd.toString(), "-D", "-e", "-f", config.toString())
            .redirectErrorStream(true)
            .redirectOutput(directory.resolve("sshd.log").toFile())
            .start();
    OpenSshServer server = new OpenSshServer(process, port);
    server.awaitListening(directory.resolve("sshd.log"));
    return server;
  }

  int port() {
    return port;
  }

  private void awaitListening(Path log) throws IOException, InterruptedException {
    Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
    while (Instant.now().isBefore(deadline)) {
      if (!process.isAlive()) {
        throw new IOException("sshd stopped: " + Files.readString(log).strip());
      }
      try (Socket ignored = new Socket("127.0.0.1", port)) {
        return;
      } catch (IOException notYet) {
        Thread.sleep(100);
      }
    }
    throw new IOException("sshd did not listen on port " + port + " within 20 s");
  }

  @Override
  public void close() throws InterruptedException {
    Tools.stop(process);
  }
}
