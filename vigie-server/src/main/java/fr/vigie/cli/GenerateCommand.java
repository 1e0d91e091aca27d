package fr.vigie.cli;

import fr.vigie.identity.OrganizationCsv;
import fr.vigie.identity.Organizations;
import fr.vigie.registry.PersonCsv;
import fr.vigie.simulation.AgencyShape;
import fr.vigie.simulation.SyntheticAgency;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.LocalDate;
import java.util.EnumSet;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.apache.commons.csv.CSVPrinter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** Generates synthetic data without starting the application: no database, no Spring context. */
@Command(
    name = "generate",
    description = "Generate synthetic data (no database needed).",
    subcommands = {GenerateCommand.Persons.class})
final class GenerateCommand {

  /** Writes the persons of a synthetic agency as a person import file. */
  @Command(
      name = "persons",
      description = {
        "Write the persons of a synthetic agency in the person import format (CSV, UTF-8).",
        "The same count, seed and --as-of always give the same file, byte for byte."
      })
  static final class Persons implements Callable<Integer> {
    private static final long PROGRESS_NANOS = 5_000_000_000L;

    @Spec CommandSpec spec;

    @Option(names = "--count", required = true, description = "Number of persons, 1 to 100000000.")
    long count;

    @Option(names = "--seed", defaultValue = "1", description = "Seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--out", required = true, description = "The CSV file to create.")
    Path out;

    @Option(names = "--force", description = "Replace the file if it exists.")
    boolean force;

    @Option(
        names = "--as-of",
        description = "Day the agency is seen from, YYYY-MM-DD (default: 2026-01-01).")
    LocalDate asOf = AgencyShape.DEFAULT_AS_OF;

    @Override
    public Integer call() {
      AgencyShape shape = shape();
      Path file = out.toAbsolutePath();
      checkTarget(file);
      long start = System.nanoTime();
      SyntheticAgency agency = SyntheticAgency.generate(shape, seed);
      try {
        create(file);
      } catch (IOException e) {
        spec.commandLine().getErr().println("cannot create " + file + ": " + reason(e));
        return 1;
      }
      try {
        write(agency, file, start);
      } catch (IOException | RuntimeException e) {
        // A partial file is no use and has the shape of personal data: remove it.
        deleteQuietly(file);
        spec.commandLine().getErr().println("cannot write " + file + ": " + reason(e));
        return 1;
      }
      Path organizations = organizationsFile(file);
      try (Writer writer = Files.newBufferedWriter(organizations, StandardCharsets.UTF_8)) {
        OrganizationCsv.write(
            writer,
            agency.organizations().stream()
                .map(o -> new Organizations.NewOrganization(o.code(), o.kind(), o.name()))
                .toList());
      } catch (IOException e) {
        spec.commandLine().getErr().println("cannot write " + organizations + ": " + reason(e));
        return 1;
      }
      double seconds = (System.nanoTime() - start) / 1e9;
      spec.commandLine()
          .getOut()
          .println(
              "wrote "
                  + count
                  + " persons to "
                  + file
                  + " in "
                  + String.format(Locale.ROOT, "%.1f", seconds)
                  + " s ("
                  + rate(count, seconds)
                  + " persons/s)");
      spec.commandLine()
          .getOut()
          .println(
              "and their "
                  + agency.organizations().size()
                  + " organizations to "
                  + organizations
                  + "; import them first: vigie import organizations "
                  + organizations);
      return 0;
    }

    /** The organizations of the persons of {@code file}, beside it. */
    static Path organizationsFile(Path file) {
      String name = file.getFileName().toString();
      String stem = name.endsWith(".csv") ? name.substring(0, name.length() - 4) : name;
      return file.resolveSibling(stem + ".organizations.csv");
    }

    private AgencyShape shape() {
      if (count < 1 || count > AgencyShape.MAX_PERSONS) {
        throw new ParameterException(
            spec.commandLine(),
            "--count must be from 1 to " + AgencyShape.MAX_PERSONS + ", got " + count);
      }
      try {
        return new AgencyShape(count, asOf);
      } catch (IllegalArgumentException e) {
        throw new ParameterException(spec.commandLine(), "--as-of: " + e.getMessage());
      }
    }

    private void checkTarget(Path file) {
      Path directory = file.getParent();
      if (directory == null || !Files.isDirectory(directory)) {
        throw new ParameterException(
            spec.commandLine(), "--out: directory does not exist: " + directory);
      }
      if (Files.isDirectory(file)) {
        throw new ParameterException(spec.commandLine(), "--out: is a directory: " + file);
      }
      if (!force && Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
        throw new ParameterException(
            spec.commandLine(), "--out: file exists: " + file + " (--force replaces it)");
      }
    }

    /**
     * Creates the file readable and writable by its owner only: even synthetic, it has the shape of
     * personal data and may be mistaken for it. The creation fails if the file appeared meanwhile
     * (no overwrite through a race or a symbolic link).
     */
    private void create(Path file) throws IOException {
      if (force) {
        Files.deleteIfExists(file);
      }
      if (Files.getFileStore(file.getParent()).supportsFileAttributeView("posix")) {
        Files.createFile(
            file,
            PosixFilePermissions.asFileAttribute(
                EnumSet.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE)));
      } else {
        Files.createFile(file);
        spec.commandLine()
            .getErr()
            .println("warning: this file system cannot restrict " + file + " to its owner");
      }
    }

    private void write(SyntheticAgency agency, Path file, long start) throws IOException {
      PrintWriter progress = spec.commandLine().getOut();
      long lastReport = start;
      try (Writer writer =
              new BufferedWriter(
                  new OutputStreamWriter(
                      Files.newOutputStream(file, StandardOpenOption.WRITE),
                      StandardCharsets.UTF_8),
                  1 << 16);
          CSVPrinter printer = PersonCsv.printer(writer)) {
        for (long i = 0; i < count; i++) {
          PersonCsv.write(printer, agency.person(i));
          if ((i & 0x3FFF) == 0x3FFF && System.nanoTime() - lastReport >= PROGRESS_NANOS) {
            lastReport = System.nanoTime();
            double seconds = (lastReport - start) / 1e9;
            progress.println(
                (i + 1) + " of " + count + " persons, " + rate(i + 1, seconds) + " persons/s");
            progress.flush();
          }
        }
      }
    }

    private static long rate(long persons, double seconds) {
      return seconds <= 0 ? persons : Math.round(persons / seconds);
    }

    private static String reason(Exception e) {
      if (e instanceof FileAlreadyExistsException) {
        return "it appeared meanwhile (--force replaces it)";
      }
      return e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
    }

    private static void deleteQuietly(Path file) {
      try {
        Files.deleteIfExists(file);
      } catch (IOException e) {
        // The original failure is the one to report.
      }
    }
  }
}
