package fr.vigie.benchmark;

import fr.vigie.VigieApplication;
import fr.vigie.identity.Organizations;
import fr.vigie.registry.ImportOptions;
import fr.vigie.registry.ImportProgress;
import fr.vigie.registry.ImportReport;
import fr.vigie.registry.PersonCsv;
import fr.vigie.registry.PersonRecord;
import fr.vigie.registry.Registry;
import fr.vigie.runtime.EmbeddedDatabase;
import fr.vigie.simulation.DemoAgency;
import fr.vigie.simulation.SyntheticAgency;
import java.io.IOException;
import java.io.PrintStream;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Comparator;
import java.util.Iterator;
import java.util.stream.Stream;
import org.apache.commons.csv.CSVPrinter;
import org.postgresql.PGConnection;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Imports N generated persons through the real path (validation, per-person data keys, field
 * encryption, blind indexes, binary COPY), then loads the same file as plain columns with
 * PostgreSQL's own CSV COPY and the same lookup indexes, on the same throw-away server, and
 * compares the two.
 */
public final class ImportBenchmark {
  /** The size of the real register, for the projection. */
  static final long REGISTER_SIZE = 43_000_000L;

  /** The figures of one run. */
  public record Result(
      long persons,
      double personsPerSecond,
      double baselinePersonsPerSecond,
      long peakHeapBytes,
      long baselinePeakHeapBytes,
      int workers,
      CpuTime.Sample cpu,
      CpuTime.Sample baselineCpu) {

    public double ratio() {
      return personsPerSecond / baselinePersonsPerSecond;
    }

    /** CPU microseconds per person of the import, the JVM's and PostgreSQL's (NaN unknown). */
    public double cpuMicrosPerPerson() {
      return micros(cpu);
    }

    public double jvmCpuMicrosPerPerson() {
      return cpu.jvm() / 1e3 / persons;
    }

    public double baselineCpuMicrosPerPerson() {
      return micros(baselineCpu);
    }

    /** The baseline's CPU per person over the import's. */
    public double cpuRatio() {
      return baselineCpuMicrosPerPerson() / cpuMicrosPerPerson();
    }

    private double micros(CpuTime.Sample used) {
      return used.postgres() < 0 ? Double.NaN : (used.jvm() + used.postgres()) / 1e3 / persons;
    }

    public Duration projectedForRegister() {
      return Duration.ofSeconds((long) (REGISTER_SIZE / personsPerSecond));
    }

    public String json() {
      return String.format(
          java.util.Locale.ROOT,
          "{\"benchmark\":\"import\",\"persons\":%d,\"persons_per_s\":%.1f,"
              + "\"baseline_persons_per_s\":%.1f,\"ratio\":%.3f,\"peak_heap_mib\":%.1f,"
              + "\"baseline_peak_heap_mib\":%.1f,\"projected_43m_seconds\":%d,\"workers\":%d,"
              + "\"cpu_us_per_person\":%.2f,\"jvm_cpu_us_per_person\":%.2f,"
              + "\"baseline_cpu_us_per_person\":%.2f,\"cpu_ratio\":%.3f,\"cores\":%d}",
          persons,
          personsPerSecond,
          baselinePersonsPerSecond,
          ratio(),
          peakHeapBytes / 1048576.0,
          baselinePeakHeapBytes / 1048576.0,
          projectedForRegister().toSeconds(),
          workers,
          cpuMicrosPerPerson(),
          jvmCpuMicrosPerPerson(),
          baselineCpuMicrosPerPerson(),
          cpuRatio(),
          Runtime.getRuntime().availableProcessors());
    }
  }

  private ImportBenchmark() {}

  public static Result run(int persons, long seed, PrintStream out) throws Exception {
    Path work = Files.createTempDirectory("vigie-bench-import");
    try (EmbeddedDatabase server = EmbeddedDatabase.startTemporaryDurable(work.resolve("pg"))) {
      Path csv = work.resolve("persons.csv");
      SyntheticAgency agency = SyntheticAgency.generate(persons, seed);
      long generated = System.nanoTime();
      writeCsv(agency, csv);
      out.printf(
          "generated %,d persons in %.1f s (%,d MiB of CSV), not counted below%n",
          persons, (System.nanoTime() - generated) / 1e9, Files.size(csv) >> 20);
      createDatabase(server, "vigie");
      try (ConfigurableApplicationContext context = start(server, work)) {
        context
            .getBean(Organizations.class)
            .registerOrganizations(DemoAgency.newOrganizations(agency));
        ImportOptions options = ImportOptions.defaults();
        CpuTime cpu;
        try (Connection c = server.connectAsSuperuser("vigie")) {
          cpu = CpuTime.of(c);
        }

        Memory.resetPeak();
        CpuTime.Sample before = cpu.now();
        ImportReport report =
            context.getBean(Registry.class).importPersons(csv, options, ImportProgress.NONE);
        CpuTime.Sample used = cpu.now().minus(before);
        long peak = Memory.peakHeapBytes();
        if (report.read() != persons || report.inserted() + report.rejected() != persons) {
          throw new IllegalStateException(
              "the import read " + report.read() + " rows and stored " + report.inserted());
        }
        // Rows handled per second: stored, or refused for being past the retention period.
        double real = report.read() / seconds(report.elapsed().toNanos());
        out.printf(
            "vigie import: %,d persons in %.1f s: %,.0f persons/s (%,d stored, %,d refused as"
                + " past the retention period)%n",
            persons, report.elapsed().toNanos() / 1e9, real, report.inserted(), report.rejected());

        Memory.resetPeak();
        CpuTime.Sample baselineBefore = cpu.now();
        long started = System.nanoTime();
        long copied = plainCopy(server, csv);
        double baseline = copied / seconds(System.nanoTime() - started);
        CpuTime.Sample baselineUsed = cpu.now().minus(baselineBefore);
        long baselinePeak = Memory.peakHeapBytes();
        out.printf(
            "plain COPY:   %,d rows in %.1f s: %,.0f rows/s%n",
            copied, (System.nanoTime() - started) / 1e9, baseline);
        return new Result(
            persons, real, baseline, peak, baselinePeak, options.workers(), used, baselineUsed);
      }
    } finally {
      deleteTree(work);
    }
  }

  private static void writeCsv(SyntheticAgency agency, Path csv) throws IOException {
    try (Writer writer = Files.newBufferedWriter(csv, StandardCharsets.UTF_8);
        CSVPrinter printer = PersonCsv.printer(writer)) {
      Iterator<PersonRecord> persons = agency.persons().iterator();
      while (persons.hasNext()) {
        PersonCsv.write(printer, persons.next());
      }
    }
  }

  /**
   * The baseline: the same file into plain columns with PostgreSQL's CSV COPY in one statement,
   * with the lookup indexes the register has (identifier, NIR, email, last name and birth date).
   */
  private static long plainCopy(EmbeddedDatabase server, Path csv)
      throws SQLException, IOException {
    // As the owner: the application's role may not create tables.
    try (Connection c = server.connectAsSuperuser("vigie");
        Statement ddl = c.createStatement()) {
      ddl.execute(
          "create table plain_person (identifier text primary key, nir text, sex text,"
              + " birth_name text, usual_name text, first_names text, birth_date date,"
              + " birth_place text, email text, phone text, address text, category text,"
              + " registered_on date, left_on date, organization text)");
      ddl.execute("create index on plain_person (nir)");
      ddl.execute("create index on plain_person (email)");
      ddl.execute("create index on plain_person (usual_name, birth_date)");
      try (Reader reader = Files.newBufferedReader(csv, StandardCharsets.UTF_8)) {
        return c.unwrap(PGConnection.class)
            .getCopyAPI()
            .copyIn("copy plain_person from stdin (format csv, header true)", reader);
      }
    }
  }

  private static ConfigurableApplicationContext start(EmbeddedDatabase server, Path work) {
    SpringApplication application = new SpringApplication(VigieApplication.class);
    application.setWebApplicationType(WebApplicationType.NONE);
    return application.run(
        "--spring.datasource.url=" + server.jdbcUrl("vigie"),
        "--spring.datasource.username=" + server.app().user(),
        "--spring.datasource.password=" + server.app().password(),
        "--spring.flyway.user=" + server.superuser().user(),
        "--spring.flyway.password=" + server.superuser().password(),
        "--vigie.data-dir=" + work,
        "--logging.level.root=WARN");
  }

  private static void createDatabase(EmbeddedDatabase server, String name) throws SQLException {
    try (Connection c = server.connectAsSuperuser("postgres");
        Statement ddl = c.createStatement()) {
      ddl.execute("create database " + name); // a constant name, not input
    }
  }

  private static double seconds(long nanos) {
    return Math.max(1e-9, nanos / 1e9);
  }

  private static void deleteTree(Path root) throws IOException {
    try (Stream<Path> paths = Files.walk(root)) {
      paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }
}
