package fr.vigie.exchange;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** GnuPG's own {@code gpg}, with a throw-away home: what a subcontractor runs. */
final class GnuPg {
  private final Path home;

  GnuPg(Path home) throws IOException {
    Files.createDirectories(home);
    Files.setPosixFilePermissions(home, PosixFilePermissions.fromString("rwx------"));
    this.home = home;
  }

  /** The result of one gpg run. */
  record Result(int exitCode, String output) {}

  /** Makes a key pair for {@code userId} with gpg's defaults and no passphrase. */
  void generateKey(String userId) throws IOException, InterruptedException {
    check(
        run(
            "--batch",
            "--pinentry-mode",
            "loopback",
            "--passphrase",
            "",
            "--quick-gen-key",
            userId,
            "default",
            "default",
            "never"));
  }

  byte[] exportPublicKey(String userId) throws IOException, InterruptedException {
    Path out = home.resolve("export.asc");
    Files.deleteIfExists(out);
    check(run("--batch", "--armor", "--output", out.toString(), "--export", userId));
    return Files.readAllBytes(out);
  }

  void importKey(Path key) throws IOException, InterruptedException {
    check(run("--batch", "--import", key.toString()));
  }

  Result decrypt(Path in, Path out) throws IOException, InterruptedException {
    return run("--batch", "--yes", "--output", out.toString(), "--decrypt", in.toString());
  }

  void encrypt(Path in, Path out, String recipient) throws IOException, InterruptedException {
    check(
        run(
            "--batch",
            "--yes",
            "--trust-model",
            "always",
            "--recipient",
            recipient,
            "--output",
            out.toString(),
            "--encrypt",
            in.toString()));
  }

  Result run(String... arguments) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of("gpg", "--homedir", home.toString()));
    command.addAll(List.of(arguments));
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    process.getOutputStream().close();
    byte[] output = process.getInputStream().readAllBytes();
    if (!process.waitFor(120, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new IllegalStateException("gpg did not finish");
    }
    return new Result(process.exitValue(), new String(output, StandardCharsets.UTF_8));
  }

  private static void check(Result result) {
    if (result.exitCode() != 0) {
      throw new IllegalStateException("gpg failed: " + result.output());
    }
  }
}
