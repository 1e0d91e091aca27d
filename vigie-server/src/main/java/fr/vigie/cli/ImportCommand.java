package fr.vigie.cli;

import fr.vigie.VigieException;
import fr.vigie.identity.OrganizationCsv;
import fr.vigie.registry.ImportOptions;
import fr.vigie.registry.ImportReport;
import fr.vigie.registry.Registry;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.springframework.boot.WebApplicationType;
import org.springframework.context.ConfigurableApplicationContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code vigie import persons FILE.csv}. */
@Command(
    name = "import",
    description = "Import into the register.",
    subcommands = {ImportCommand.Organizations.class, ImportCommand.Persons.class})
final class ImportCommand {

  @Command(
      name = "organizations",
      description = "Register organizations from a CSV file with the header code,kind,name.")
  static final class Organizations implements Callable<Integer> {
    @Parameters(paramLabel = "FILE.csv", description = "The file to import.")
    Path file;

    @Override
    public Integer call() throws java.io.IOException {
      java.util.List<fr.vigie.identity.Organizations.NewOrganization> organizations;
      try (java.io.Reader reader =
          java.nio.file.Files.newBufferedReader(file, java.nio.charset.StandardCharsets.UTF_8)) {
        organizations = OrganizationCsv.read(reader);
      } catch (java.nio.file.NoSuchFileException e) {
        System.err.println("vigie import organizations: no such file: " + file);
        return 2;
      } catch (VigieException e) {
        System.err.println("vigie import organizations: " + e.getMessage());
        return 2;
      }
      try (ConfigurableApplicationContext context = VigieCommand.start(WebApplicationType.NONE)) {
        int opened =
            context.getBean(fr.vigie.identity.Openings.class).organizations(null, organizations);
        System.out.printf(
            "read %,d organizations: %,d new, the others were registered already%n",
            organizations.size(), opened);
        return 0;
      }
    }
  }

  @Command(
      name = "persons",
      description = {
        "Import persons from a CSV file (format: docs/import-format.md).",
        "Bad rows go to a reject file and never stop the good ones; running it again changes"
            + " nothing; an interrupted import can simply be run again."
      })
  static final class Persons implements Callable<Integer> {
    @Parameters(paramLabel = "FILE.csv", description = "The file to import.")
    Path file;

    @Option(
        names = "--reject-file",
        description = "Where refused rows go (default: FILE.csv.rejects.csv).")
    Path rejectFile;

    @Option(names = "--batch-size", defaultValue = "2000", description = "Rows per transaction.")
    int batchSize;

    @Option(
        names = "--workers",
        description = "Threads that validate and encrypt (default: the number of cores).")
    Integer workers;

    @Override
    public Integer call() {
      ImportOptions options =
          new ImportOptions(
              rejectFile,
              batchSize,
              workers != null ? workers : Runtime.getRuntime().availableProcessors());
      try (ConfigurableApplicationContext context = VigieCommand.start(WebApplicationType.NONE);
          ProgressPrinter progress = new ProgressPrinter("import", "bytes", System.out)) {
        ImportReport report =
            context.getBean(Registry.class).importPersons(file, options, progress);
        progress.close();
        print(report);
        return report.rejected() == 0 ? 0 : 3;
      } catch (VigieException e) {
        System.err.println("vigie import: " + e.getMessage());
        return 2;
      }
    }

    private static void print(ImportReport r) {
      System.out.printf(
          "read %,d rows in %s (%,.0f persons/s): %,d added, %,d updated, %,d unchanged,"
              + " %,d superseded by a later row, %,d rejected%n",
          r.read(),
          ProgressPrinter.format(r.elapsed()),
          r.personsPerSecond(),
          r.inserted(),
          r.updated(),
          r.unchanged(),
          r.superseded(),
          r.rejected());
      r.rejectReasons()
          .forEach((reason, count) -> System.out.printf("  %,9d rejected: %s%n", count, reason));
      if (r.rejectFile() != null) {
        System.out.println("rejected rows, with line and reason: " + r.rejectFile());
      }
    }
  }
}
