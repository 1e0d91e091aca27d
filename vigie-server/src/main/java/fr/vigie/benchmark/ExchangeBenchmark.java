package fr.vigie.benchmark;

import fr.vigie.exchange.OpenPgp;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.bouncycastle.openpgp.PGPPublicKey;
import org.bouncycastle.openpgp.PGPSecretKeyRing;
import org.springframework.util.FileSystemUtils;

/**
 * SFTP upload and download of the same files through the exchange (its own process, jar and
 * PostgreSQL, as deployed) and through OpenSSH's own {@code sshd} on loopback, with OpenSSH's
 * {@code sftp} client for both; then the OpenPGP encryption of the same bytes to a subcontractor's
 * key, which the register does before a batch reaches the exchange, timed apart.
 */
public final class ExchangeBenchmark {
  /**
   * The file sizes, from 10 kB to 100 MB: as many files of each size (a batch is one file, and
   * batches come in every size), so that 1 GB is nine files of each.
   */
  static final List<Integer> SIZES = List.of(100_000_000, 10_000_000, 1_000_000, 100_000, 10_000);

  /** At least this many files of each size taken: smaller totals leave the largest sizes out. */
  static final int FILES_PER_SIZE = 9;

  private static final String ACCOUNT = "bench";

  /** One server's figures: the seconds its uploads and its downloads took over all rounds. */
  public record Transfer(double uploadSeconds, double downloadSeconds, String cipher) {
    double uploadMibPerSecond(long bytes, int rounds) {
      return bytes * (double) rounds / 1048576.0 / uploadSeconds;
    }

    double downloadMibPerSecond(long bytes, int rounds) {
      return bytes * (double) rounds / 1048576.0 / downloadSeconds;
    }
  }

  /** The figures of one run. */
  public record Result(
      long bytes,
      int files,
      int rounds,
      Transfer exchange,
      Transfer openssh,
      double openPgpSeconds) {

    public double uploadRatio() {
      return openssh.uploadSeconds() / exchange.uploadSeconds();
    }

    public double downloadRatio() {
      return openssh.downloadSeconds() / exchange.downloadSeconds();
    }

    /** Exchange over OpenSSH on the whole round trip (upload and download together). */
    public double ratio() {
      return (openssh.uploadSeconds() + openssh.downloadSeconds())
          / (exchange.uploadSeconds() + exchange.downloadSeconds());
    }

    public double openPgpMibPerSecond() {
      return bytes / 1048576.0 / openPgpSeconds;
    }

    public String json() {
      return String.format(
          Locale.ROOT,
          "{\"benchmark\":\"exchange\",\"bytes\":%d,\"files\":%d,\"rounds\":%d,"
              + "\"exchange_upload_mib_per_s\":%.1f,\"exchange_download_mib_per_s\":%.1f,"
              + "\"openssh_upload_mib_per_s\":%.1f,\"openssh_download_mib_per_s\":%.1f,"
              + "\"upload_ratio\":%.3f,\"download_ratio\":%.3f,\"ratio\":%.3f,"
              + "\"openpgp_encrypt_mib_per_s\":%.1f,\"exchange_cipher\":\"%s\","
              + "\"openssh_cipher\":\"%s\",\"cores\":%d}",
          bytes,
          files,
          rounds,
          exchange.uploadMibPerSecond(bytes, rounds),
          exchange.downloadMibPerSecond(bytes, rounds),
          openssh.uploadMibPerSecond(bytes, rounds),
          openssh.downloadMibPerSecond(bytes, rounds),
          uploadRatio(),
          downloadRatio(),
          ratio(),
          openPgpMibPerSecond(),
          exchange.cipher(),
          openssh.cipher(),
          Runtime.getRuntime().availableProcessors());
    }
  }

  private ExchangeBenchmark() {}

  /**
   * Measures {@code totalBytes} of files (sizes as {@link #SIZES}) over {@code rounds} rounds in
   * which the two servers alternate, in a throw-away directory under {@code workRoot}; {@code
   * cipher} forces the client's cipher for both (null: each server's default negotiation).
   */
  public static Result run(
      Path exchangeJar,
      Path workRoot,
      long totalBytes,
      int rounds,
      long seed,
      String cipher,
      PrintStream out)
      throws IOException, InterruptedException, GeneralSecurityException {
    Path work = Files.createTempDirectory(workRoot, "vigie-bench-exchange-");
    try {
      Path files = Files.createDirectories(work.resolve("files"));
      List<Path> originals = writeFiles(files, totalBytes, seed);
      long bytes = 0;
      for (Path file : originals) {
        bytes += Files.size(file);
      }
      out.printf(
          Locale.ROOT,
          "%d files, %,d bytes (10 kB to 100 MB), %d rounds%n",
          originals.size(),
          bytes,
          rounds);
      List<String> digests = digests(originals);
      Path clientKey = SftpBatch.newKey(work, "client_ed25519");
      SftpBatch sftp = new SftpBatch(clientKey, work, cipher);
      Path sshdRoot = Files.createDirectories(work.resolve("sshd"));
      try (ExchangeProcess exchange =
              ExchangeProcess.start(exchangeJar, work.resolve("exchange-data"));
          OpenSshServer sshd = OpenSshServer.start(sshdRoot, clientKey)) {
        exchange.openAccount(ACCOUNT, 4 * bytes + (1L << 30), 1L << 30, clientKey);
        for (Path file : originals) {
          exchange.place(ACCOUNT, file);
        }
        out.println("exchange and sshd started; the exchange holds the files to download");
        Servers servers = new Servers(exchange, sshd, sftp, originals, digests, work);
        double[] exchangeTimes = new double[2];
        double[] opensshTimes = new double[2];
        String exchangeCipher = "unknown";
        String opensshCipher = "unknown";
        for (int round = 1; round <= rounds; round++) {
          boolean exchangeFirst = round % 2 == 1;
          for (int turn = 0; turn < 2; turn++) {
            boolean onExchange = (turn == 0) == exchangeFirst;
            Servers.Times times =
                onExchange ? servers.exchangeRound(round) : servers.opensshRound(round);
            double[] sum = onExchange ? exchangeTimes : opensshTimes;
            sum[0] += times.uploadSeconds();
            sum[1] += times.downloadSeconds();
            if (onExchange) {
              exchangeCipher = times.cipher();
            } else {
              opensshCipher = times.cipher();
            }
            out.printf(
                Locale.ROOT,
                "round %d %-8s upload %6.1f MiB/s, download %6.1f MiB/s%n",
                round,
                onExchange ? "exchange" : "openssh",
                bytes / 1048576.0 / times.uploadSeconds(),
                bytes / 1048576.0 / times.downloadSeconds());
          }
        }
        double openPgp = encryptAll(originals, work);
        out.printf(
            Locale.ROOT,
            "OpenPGP encryption to a subcontractor's key: %.1f MiB/s%n",
            bytes / 1048576.0 / openPgp);
        return new Result(
            bytes,
            originals.size(),
            rounds,
            new Transfer(exchangeTimes[0], exchangeTimes[1], exchangeCipher),
            new Transfer(opensshTimes[0], opensshTimes[1], opensshCipher),
            openPgp);
      }
    } finally {
      FileSystemUtils.deleteRecursively(work);
    }
  }

  /** The two servers, each round uploading then downloading every file and checking it. */
  private record Servers(
      ExchangeProcess exchange,
      OpenSshServer sshd,
      SftpBatch sftp,
      List<Path> originals,
      List<String> digests,
      Path work) {

    record Times(double uploadSeconds, double downloadSeconds, String cipher) {}

    Times exchangeRound(int round) throws IOException, InterruptedException {
      List<String> puts = new ArrayList<>();
      List<String> gets = new ArrayList<>();
      Path downloads = Files.createDirectories(work.resolve("down-exchange-" + round));
      for (Path file : originals) {
        String name = file.getFileName().toString();
        puts.add("put " + file + " inbound/r" + round + "-" + name);
        gets.add("get outbound/" + name + " " + downloads.resolve(name));
      }
      SftpBatch.Run up = sftp.run(ACCOUNT, exchange.sftpPort(), puts);
      SftpBatch.Run down = sftp.run(ACCOUNT, exchange.sftpPort(), gets);
      check(downloads);
      for (Path file : originals) {
        exchange.confirm(ACCOUNT, "r" + round + "-" + file.getFileName());
      }
      return new Times(up.nanos() / 1e9, down.nanos() / 1e9, up.cipher());
    }

    Times opensshRound(int round) throws IOException, InterruptedException {
      String user = System.getProperty("user.name");
      Path uploads = Files.createDirectories(work.resolve("up-openssh-" + round));
      Path downloads = Files.createDirectories(work.resolve("down-openssh-" + round));
      List<String> puts = new ArrayList<>();
      List<String> gets = new ArrayList<>();
      for (Path file : originals) {
        String name = file.getFileName().toString();
        puts.add("put " + file + " " + uploads.resolve(name));
        gets.add("get " + file + " " + downloads.resolve(name));
      }
      SftpBatch.Run up = sftp.run(user, sshd.port(), puts);
      SftpBatch.Run down = sftp.run(user, sshd.port(), gets);
      check(downloads);
      FileSystemUtils.deleteRecursively(uploads);
      return new Times(up.nanos() / 1e9, down.nanos() / 1e9, up.cipher());
    }

    /** Every downloaded file is the original, byte for byte; then the copies go. */
    private void check(Path downloads) throws IOException {
      List<Path> copies = new ArrayList<>();
      for (Path original : originals) {
        copies.add(downloads.resolve(original.getFileName()));
      }
      if (!ExchangeBenchmark.digests(copies).equals(digests)) {
        throw new IOException("a downloaded file differs from the one sent");
      }
      FileSystemUtils.deleteRecursively(downloads);
    }
  }

  /** Random (so incompressible) files, the same for a seed, sized as {@link #SIZES}. */
  static List<Path> writeFiles(Path directory, long totalBytes, long seed) throws IOException {
    List<Integer> sizes =
        SIZES.stream().filter(size -> (long) size * FILES_PER_SIZE <= totalBytes).toList();
    if (sizes.isEmpty()) {
      throw new IllegalArgumentException("too few bytes for " + FILES_PER_SIZE + " files of 10 kB");
    }
    long perSet = sizes.stream().mapToLong(Integer::longValue).sum();
    Random random = new Random(seed);
    List<Path> files = new ArrayList<>();
    byte[] block = new byte[1 << 20];
    for (long set = 0; set < totalBytes / perSet; set++) {
      for (int size : sizes) {
        Path file = directory.resolve(String.format(Locale.ROOT, "f%09d-%05d.bin", size, set));
        try (OutputStream out = Files.newOutputStream(file)) {
          for (int left = size; left > 0; left -= block.length) {
            random.nextBytes(block);
            out.write(block, 0, Math.min(left, block.length));
          }
        }
        files.add(file);
      }
    }
    return files;
  }

  private static List<String> digests(List<Path> files) throws IOException {
    List<String> digests = new ArrayList<>();
    for (Path file : files) {
      try (InputStream in = Files.newInputStream(file)) {
        MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
        byte[] buffer = new byte[1 << 16];
        for (int n; (n = in.read(buffer)) > 0; ) {
          sha256.update(buffer, 0, n);
        }
        digests.add(HexFormat.of().formatHex(sha256.digest()));
      } catch (NoSuchAlgorithmException e) {
        throw new IllegalStateException(e);
      } catch (java.nio.file.NoSuchFileException e) {
        digests.add("missing");
      }
    }
    return digests;
  }

  /** Seconds to encrypt every file to a new RSA-3072 key, as a batch is encrypted. */
  private static double encryptAll(List<Path> files, Path work)
      throws IOException, GeneralSecurityException {
    PGPSecretKeyRing subcontractor = OpenPgp.generate("bench <bench@subcontractor.example>");
    PGPPublicKey recipient =
        OpenPgp.encryptionKey(
            new java.io.ByteArrayInputStream(OpenPgp.armoredPublicKey(subcontractor)));
    Path encrypted = work.resolve("encrypted.pgp");
    long start = System.nanoTime();
    for (Path file : files) {
      try (InputStream in = Files.newInputStream(file);
          OutputStream out = Files.newOutputStream(encrypted)) {
        OpenPgp.encrypt(in, out, recipient, file.getFileName().toString());
      }
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    Files.deleteIfExists(encrypted);
    return seconds;
  }
}
