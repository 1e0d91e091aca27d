package fr.vigie.transfer;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * OpenSSH's own {@code sftp} client in batch mode, with a key pair made by {@code ssh-keygen}: the
 * tools a subcontractor has, nothing of Vigie's.
 */
final class SftpClient {
  private final Path key;
  private final Path workDir;

  private SftpClient(Path key, Path workDir) {
    this.key = key;
    this.workDir = workDir;
  }

  /** A client with a fresh ed25519 key in {@code directory}, which is also its local folder. */
  static SftpClient withNewKey(Path directory) throws IOException, InterruptedException {
    Files.createDirectories(directory);
    Path key = directory.resolve("id_ed25519");
    run(
        directory,
        "ssh-keygen",
        "-q",
        "-t",
        "ed25519",
        "-N",
        "",
        "-C",
        "test",
        "-f",
        key.toString());
    return new SftpClient(key, directory);
  }

  String publicKeyLine() throws IOException {
    return Files.readString(key.resolveSibling("id_ed25519.pub")).strip();
  }

  Path workDir() {
    return workDir;
  }

  /** The result of one batch: the exit code and what sftp printed. */
  record Result(int exitCode, String output) {
    boolean ok() {
      return exitCode == 0;
    }
  }

  /** Starts a batch in the background, with extra sftp options (such as a bandwidth limit). */
  Process start(String account, int port, List<String> options, String... lines)
      throws IOException {
    Path batch = Files.createTempFile(workDir, "batch", ".txt");
    Files.write(batch, List.of(lines));
    List<String> command =
        new java.util.ArrayList<>(
            List.of(
                "sftp",
                "-b",
                batch.toString(),
                "-i",
                key.toString(),
                "-P",
                Integer.toString(port)));
    command.addAll(options);
    command.addAll(
        List.of(
            "-o",
            "IdentitiesOnly=yes",
            "-o",
            "StrictHostKeyChecking=no",
            "-o",
            "UserKnownHostsFile=/dev/null",
            "-o",
            "LogLevel=ERROR",
            account + "@127.0.0.1"));
    return new ProcessBuilder(command)
        .directory(workDir.toFile())
        .redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.DISCARD)
        .start();
  }

  /** Runs the batch lines as {@code account}; a line failing stops the batch (exit 1). */
  Result batch(String account, int port, String... lines) throws IOException, InterruptedException {
    Path batch = Files.createTempFile(workDir, "batch", ".txt");
    Files.write(batch, List.of(lines));
    return run(
        workDir,
        "sftp",
        "-b",
        batch.toString(),
        "-i",
        key.toString(),
        "-P",
        Integer.toString(port),
        "-o",
        "IdentitiesOnly=yes",
        "-o",
        "StrictHostKeyChecking=no",
        "-o",
        "UserKnownHostsFile=/dev/null",
        "-o",
        "LogLevel=ERROR",
        "-o",
        "ConnectTimeout=20",
        account + "@127.0.0.1");
  }

  private static Result run(Path directory, String... command)
      throws IOException, InterruptedException {
    Process process =
        new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true).start();
    process.getOutputStream().close();
    byte[] output = process.getInputStream().readAllBytes();
    if (!process.waitFor(120, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new IllegalStateException(command[0] + " did not finish");
    }
    return new Result(process.exitValue(), new String(output, StandardCharsets.UTF_8));
  }
}
