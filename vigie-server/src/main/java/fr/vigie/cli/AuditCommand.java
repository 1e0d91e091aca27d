package fr.vigie.cli;

import fr.vigie.audit.AuditLog;
import fr.vigie.audit.AuditUnavailableException;
import fr.vigie.audit.AuditVerifier;
import fr.vigie.audit.ProofException;
import java.util.Base64;
import java.util.concurrent.Callable;
import org.springframework.boot.WebApplicationType;
import org.springframework.context.ConfigurableApplicationContext;
import picocli.CommandLine.Command;

/** {@code vigie audit verify} and {@code vigie audit checkpoint}. */
@Command(
    name = "audit",
    description = "Check the tamper-evident audit log.",
    subcommands = {AuditCommand.Verify.class, AuditCommand.Checkpoint.class})
final class AuditCommand {

  @Command(
      name = "verify",
      description = {
        "Recompute the audit log from its stored entries: every leaf hash, contiguous indexes,"
            + " the root and signature of every checkpoint.",
        "Exit code 0 when the log is whole, 1 naming the first entry that does not match,"
            + " 2 when the log cannot be read. Safe while Vigie serves."
      })
  static final class Verify implements Callable<Integer> {
    @Override
    public Integer call() {
      try (ConfigurableApplicationContext context = VigieCommand.start(WebApplicationType.NONE)) {
        VerifyProgress progress = new VerifyProgress();
        AuditVerifier.Report report = context.getBean(AuditVerifier.class).verify(progress);
        System.out.printf(
            "audit log verified: %,d entries, %,d signed checkpoints, in %s; root %s%n",
            report.entries(),
            report.checkpoints(),
            progress.elapsed(),
            Base64.getEncoder().encodeToString(report.root()));
        return 0;
      } catch (ProofException e) {
        System.out.println("audit log tampered with: " + e.getMessage());
        return 1;
      } catch (AuditUnavailableException e) {
        System.err.println("vigie audit verify: " + e.getMessage());
        return 2;
      }
    }
  }

  @Command(
      name = "checkpoint",
      description =
          "Print the latest signed checkpoint (a C2SP signed note) and the log's verifier key,"
              + " for an outside witness.")
  static final class Checkpoint implements Callable<Integer> {
    @Override
    public Integer call() {
      try (ConfigurableApplicationContext context = VigieCommand.start(WebApplicationType.NONE)) {
        AuditLog log = context.getBean(AuditLog.class);
        var checkpoint = log.latestCheckpoint();
        if (checkpoint.isEmpty()) {
          System.err.println("vigie audit checkpoint: no checkpoint yet");
          return 2;
        }
        System.out.print(checkpoint.get().signedNote());
        System.out.println();
        System.out.println("verifier key: " + log.verifierKey());
        return 0;
      }
    }
  }

  /** A line every five seconds: counts only. */
  private static final class VerifyProgress implements AuditVerifier.Progress {
    private final long started = System.nanoTime();
    private long lastLine = started;

    @Override
    public void verified(long entries) {
      long now = System.nanoTime();
      if (now - lastLine >= 5_000_000_000L) {
        lastLine = now;
        System.out.printf(
            "verify: %,d entries, %,.0f entries/s%n", entries, entries / ((now - started) / 1e9));
      }
    }

    String elapsed() {
      return String.format("%.1f s", (System.nanoTime() - started) / 1e9);
    }
  }
}
