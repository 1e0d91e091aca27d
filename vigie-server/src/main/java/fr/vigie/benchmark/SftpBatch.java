package fr.vigie.benchmark;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * OpenSSH's own {@code sftp} client in batch mode with one key: the same client, the same options
 * for every server the benchmark measures, so only the server differs.
 */
final class SftpBatch {
  private static final Pattern CIPHER =
      Pattern.compile("kex: server->client cipher: (\\S+) MAC: (\\S+)");

  private final Path key;
  private final Path workDir;
  private final String cipher;

  /** A client with {@code key}; {@code cipher} forces one cipher, null lets the two sides agree. */
  SftpBatch(Path key, Path workDir, String cipher) {
    this.key = key;
    this.workDir = workDir;
    this.cipher = cipher;
  }

  /** What one batch did: its wall-clock time and the cipher the two sides agreed on. */
  record Run(long nanos, String cipher) {}

  /** Runs {@code lines} as {@code user} against 127.0.0.1:{@code port}; a failed line fails it. */
  Run run(String user, int port, List<String> lines) throws IOException, InterruptedException {
    Path batch = Files.createTempFile(workDir, "batch", ".txt");
    Files.write(batch, lines);
    Path log = Files.createTempFile(workDir, "sftp", ".log");
    List<String> command =
        new ArrayList<>(
            List.of(
                "sftp",
                "-v",
                "-b",
                batch.toString(),
                "-i",
                key.toString(),
                "-P",
                Integer.toString(port),
                "-o",
                "IdentitiesOnly=yes",
                "-o",
                "BatchMode=yes",
                "-o",
                "Compression=no",
                "-o",
                "StrictHostKeyChecking=no",
                "-o",
                "UserKnownHostsFile=/dev/null",
                user + "@127.0.0.1"));
    if (cipher != null) {
      command.addAll(1, List.of("-c", cipher));
    }
    long start = System.nanoTime();
    Process process =
        new ProcessBuilder(command)
            .directory(workDir.toFile())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .start();
    process.getOutputStream().close();
    if (!process.waitFor(2, TimeUnit.HOURS)) {
      process.destroyForcibly();
      throw new IOException("sftp did not finish within two hours");
    }
    long nanos = System.nanoTime() - start;
    String output = Files.readString(log, StandardCharsets.UTF_8);
    Files.delete(log);
    Files.delete(batch);
    if (process.exitValue() != 0) {
      throw new IOException(
          "sftp failed (exit " + process.exitValue() + "): " + lastLines(output, 5));
    }
    Matcher cipher = CIPHER.matcher(output);
    return new Run(nanos, cipher.find() ? cipher.group(1) + " " + cipher.group(2) : "unknown");
  }

  /** A new ed25519 key pair made by {@code ssh-keygen} in {@code directory}. */
  static Path newKey(Path directory, String name) throws IOException, InterruptedException {
    Path key = directory.resolve(name);
    Tools.run(
        directory, "ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", name, "-f", key.toString());
    return key;
  }

  private static String lastLines(String text, int count) {
    List<String> lines = text.lines().filter(l -> !l.startsWith("debug")).toList();
    return String.join(" | ", lines.subList(Math.max(0, lines.size() - count), lines.size()));
  }
}
