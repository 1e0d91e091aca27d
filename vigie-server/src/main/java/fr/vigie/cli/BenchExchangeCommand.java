package fr.vigie.cli;

import fr.vigie.benchmark.BenchmarkReport;
import fr.vigie.benchmark.ExchangeBenchmark;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code vigie bench exchange}. */
@Command(
    name = "exchange",
    description = {
      "Upload and download the same files (10 kB to 100 MB, --megabytes in all) with OpenSSH's"
          + " sftp through the exchange (its jar in its own JVM, with its own PostgreSQL) and"
          + " through OpenSSH's own sshd, both started on free loopback ports, the two"
          + " alternating over --rounds; every download checked against its original. Then the"
          + " OpenPGP encryption of the same bytes to a subcontractor's key, timed apart.",
      "Leaves ./data alone; needs about three times --megabytes of disk in --work-dir."
    })
final class BenchExchangeCommand implements Callable<Integer> {
  @Option(
      names = "--megabytes",
      defaultValue = "1000",
      description = "Megabytes (10^6 bytes) of files in all.")
  long megabytes;

  @Option(
      names = "--rounds",
      defaultValue = "2",
      description = "Rounds; each uploads and downloads every file through both servers.")
  int rounds;

  @Option(names = "--seed", defaultValue = "1", description = "Seed of the files' random bytes.")
  long seed;

  @Option(
      names = "--exchange-jar",
      description =
          "The exchange's executable jar (default:"
              + " vigie-exchange/target/vigie-exchange-exec.jar of the checkout).")
  Path exchangeJar;

  @Option(
      names = "--work-dir",
      description = "Where the files and the two servers' data go (default: the temp directory).")
  Path workDir;

  @Option(
      names = "--cipher",
      description =
          "Force this SSH cipher on the client for both servers (sftp -c), e.g. aes128-ctr;"
              + " by default each server negotiates its own with the client.")
  String cipher;

  @Mixin BenchOutput output;

  @Override
  public Integer call() throws Exception {
    if (megabytes < 1 || rounds < 1) {
      System.err.println("vigie bench exchange: --megabytes and --rounds must be at least 1");
      return 2;
    }
    Path jar =
        exchangeJar != null
            ? exchangeJar
            : BenchmarkReport.checkout().resolve("vigie-exchange/target/vigie-exchange-exec.jar");
    Path work = workDir != null ? workDir : Path.of(System.getProperty("java.io.tmpdir"));
    ExchangeBenchmark.Result r =
        ExchangeBenchmark.run(jar, work, megabytes * 1_000_000L, rounds, seed, cipher, System.out);
    System.out.println(table(r));
    System.out.printf(
        Locale.ROOT,
        "ratio exchange/OpenSSH %.2f (upload %.2f, download %.2f)%n",
        r.ratio(),
        r.uploadRatio(),
        r.downloadRatio());
    output.publish(cipher == null ? "exchange" : "exchange-" + cipher, markdown(r), r.json());
    return 0;
  }

  private static String table(ExchangeBenchmark.Result r) {
    double mib = r.bytes() * (double) r.rounds() / 1048576.0;
    return String.format(
        Locale.ROOT,
        "| server | upload MiB/s | download MiB/s | cipher |%n|---|---:|---:|---|%n"
            + "| Vigie's exchange (Apache MINA SSHD, quotas, confinement, operation log) |"
            + " %.1f | %.1f | %s |%n"
            + "| OpenSSH's sshd, internal-sftp | %.1f | %.1f | %s |",
        mib / r.exchange().uploadSeconds(),
        mib / r.exchange().downloadSeconds(),
        r.exchange().cipher(),
        mib / r.openssh().uploadSeconds(),
        mib / r.openssh().downloadSeconds(),
        r.openssh().cipher());
  }

  private String markdown(ExchangeBenchmark.Result r) {
    return String.format(
        Locale.ROOT,
        """
        ## Exchange: `vigie bench exchange --megabytes %d --rounds %d --seed %d%s`

        %s, on %s. %d files, %,d bytes in all: as many files of 100 MB, 10 MB, 1 MB, 100 kB\
         and 10 kB (a batch is one file, and batches come in every size), random so\
         incompressible. The exchange runs from\
         its jar in its own JVM with its own embedded PostgreSQL, as deployed; OpenSSH's sshd\
         (Debian's, internal-sftp) on another free loopback port. The same client for both:\
         OpenSSH's `sftp` in batch mode, one session for all uploads and one for all downloads,\
         %s. %d rounds alternate which server goes first; every download\
         is checked byte for byte against its original (SHA-256), outside the timed part.

        %s

        Ratio exchange/OpenSSH on upload and download together: **%.2f** (upload %.2f,\
         download %.2f). The OpenPGP encryption of the same bytes to a subcontractor's RSA-3072\
         key (AES-256, integrity-protected; what the register does before a batch reaches the\
         exchange), timed apart: %.1f MiB/s on one thread.

        ```
        %s
        ```
        """,
        megabytes,
        rounds,
        seed,
        cipher == null ? "" : " --cipher " + cipher,
        LocalDate.now(),
        BenchmarkReport.machine(),
        r.files(),
        r.bytes(),
        cipher == null
            ? "each server negotiating its default cipher with the client"
            : "the client forcing " + cipher + " on both",
        r.rounds(),
        table(r),
        r.ratio(),
        r.uploadRatio(),
        r.downloadRatio(),
        r.openPgpMibPerSecond(),
        r.json());
  }
}
