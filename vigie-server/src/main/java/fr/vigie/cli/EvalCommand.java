package fr.vigie.cli;

import fr.vigie.benchmark.BenchmarkReport;
import fr.vigie.detection.Detection;
import fr.vigie.simulation.Ablation;
import fr.vigie.simulation.AttackScenario;
import fr.vigie.simulation.Evaluation;
import fr.vigie.simulation.EvaluationReport;
import fr.vigie.simulation.EvaluationResult;
import fr.vigie.simulation.ScenarioFile;
import fr.vigie.simulation.ServerEvaluation;
import fr.vigie.simulation.TradeoffSweep;
import fr.vigie.simulation.VariantGenerator;
import fr.vigie.simulation.Variants;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongConsumer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code vigie eval}: the attack scenarios and the clean agency, in simulated time. */
@Command(
    name = "eval",
    description = {
      "Run attack scenarios and clean simulated advisors through the real guard, policy, ceilings"
          + " and detectors in simulated time (in memory, no database), and print persons leaked,"
          + " time to containment, wrongful suspensions and step-ups, with a plain daily cap as"
          + " baseline."
    })
final class EvalCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  /** Where {@code docs/} is, for {@code --write-docs}: VIGIE_HOME, or here. */
  private final Path home;

  EvalCommand() {
    this(Path.of(Objects.requireNonNullElse(System.getenv("VIGIE_HOME"), ".")));
  }

  EvalCommand(Path home) {
    this.home = home;
  }

  @Option(
      names = "--seeds",
      defaultValue = "30",
      description = "Simulated agencies (one per seed).")
  int seeds;

  @Option(
      names = "--advisor-days",
      defaultValue = "1000000",
      description = "Clean advisor-days to simulate after the warm-up, over all agencies.")
  long advisorDays;

  @Option(
      names = "--scenario",
      description = "A scenario file (JSON, docs/evaluation.md); repeatable. Default: built-in.")
  List<Path> scenarioFiles = new ArrayList<>();

  @Option(
      names = "--persons",
      defaultValue = "100000",
      description = "Persons of each simulated agency.")
  long persons;

  @Option(names = "--json", description = "End with one JSON object on the last line.")
  boolean json;

  @Option(
      names = "--write-docs",
      description =
          "Write the tables into docs/evaluation.md (of VIGIE_HOME or here); checked before"
              + " the run.")
  boolean writeDocs;

  @Option(
      names = "--sweep",
      description =
          "Also run a smaller evaluation at several suspension thresholds and draw"
              + " docs/evaluation-tradeoff.png (with --write-docs).")
  boolean sweep;

  @Option(
      names = "--through-server",
      description =
          "Instead: one smaller agency through a whole throw-away Vigie over HTTP (PostgreSQL,"
              + " audit log, sign-in), then the same in memory, and compare. Defaults to 8,000"
              + " persons, 300 clean advisor-days and the built-in scenarios of at most 5"
              + " accounts that do not begin with a helpdesk recovery.")
  boolean throughServer;

  @Option(
      names = "--variants",
      defaultValue = "0",
      description =
          "Also draw this many random attack variants (docs/evaluation.md) and report persons"
              + " leaked per attacking account: p50, p95, max, and the ten worst.")
  int variants;

  @Option(
      names = "--seed",
      defaultValue = "1",
      description = "The seed the variants are drawn from.")
  long seed;

  @Option(
      names = "--variants-out",
      defaultValue = "eval-variants",
      description = "Where the ten worst variants are written as scenario files, to be replayed.")
  Path variantsOut;

  @Option(
      names = "--ablation",
      description =
          "Also run a smaller evaluation with each detector switched off in turn (and the"
              + " --variants, whole), and print (with --write-docs, write: that table only,"
              + " not the results or the variants) what each one contributes.")
  boolean ablation;

  @Option(
      names = "--without-across-accounts",
      description =
          "Run with no detector across accounts (a baseline for what they add, on the same seeds).")
  boolean withoutAcrossAccounts;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    if (writeDocs && !Files.isDirectory(docs())) {
      err.println(
          "vigie eval: --write-docs: no docs directory at "
              + docs().toAbsolutePath()
              + " (run from the project, or set VIGIE_HOME)");
      return 2;
    }
    if (throughServer) {
      return throughServer();
    }
    if (seeds < 1 || advisorDays < 1 || persons < 1000 || variants < 0) {
      err.println("vigie eval: --seeds and --advisor-days at least 1, --persons at least 1000");
      return 2;
    }
    // With --ablation the run is usually made smaller to keep the rows quick: its results and
    // variants would replace those of the full run on the page, so only its table is written.
    boolean mainTables = writeDocs && !ablation;
    List<AttackScenario> scenarios = new ArrayList<>();
    for (Path file : scenarioFiles) {
      try {
        scenarios.add(ScenarioFile.read(file));
      } catch (IllegalArgumentException | IOException e) {
        err.println("vigie eval: " + e.getMessage());
        return 2;
      }
    }
    if (scenarios.isEmpty()) {
      scenarios.addAll(ScenarioFile.builtIn());
    }
    Evaluation.Settings settings =
        Evaluation.Settings.defaults(seeds, advisorDays, scenarios).withPersons(persons);
    if (withoutAcrossAccounts) {
      settings = settings.withDetection(() -> Detection.withDefaults().withoutAcrossAccounts());
    }
    long started = System.nanoTime();
    EvaluationResult result = Evaluation.run(settings, progress(err, "eval", started));
    double elapsed = (System.nanoTime() - started) / 1e9;
    out.print(EvaluationReport.table(result));
    out.printf("%.0f s%n", elapsed);
    if (mainTables) {
      Path docs = docs();
      String when =
          ZonedDateTime.now().format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm z"))
              + String.format(", %.0f s", elapsed);
      BenchmarkReport.write(
          docs.resolve("evaluation.md"),
          "eval",
          EvaluationReport.markdown(result, command(), when, BenchmarkReport.machine()));
      out.println("figures written to " + docs.resolve("evaluation.md"));
    }
    if (sweep) {
      Path docs = docs();
      TradeoffSweep.Sweep swept =
          TradeoffSweep.run(settings, progress(err, "sweep", System.nanoTime()));
      out.print(swept.table());
      if (writeDocs) {
        swept.plot(docs.resolve("evaluation-tradeoff.png"));
        BenchmarkReport.write(docs.resolve("evaluation.md"), "sweep", swept.markdown());
        out.println("plot written to " + docs.resolve("evaluation-tradeoff.png"));
      }
    }
    if (ablation) {
      String table =
          Ablation.markdown(
              Ablation.run(
                  settings,
                  VariantGenerator.draw(variants, seed),
                  progress(err, "ablation", System.nanoTime())));
      out.print(table);
      out.flush();
      if (writeDocs) {
        BenchmarkReport.write(docs().resolve("evaluation.md"), "ablation", table);
        out.println(
            "ablation written to "
                + docs().resolve("evaluation.md")
                + "; the results and the variants are not (a run without --ablation writes them)");
      }
    }
    String line = result.json();
    if (variants > 0) {
      Variants.Summary summary =
          Variants.run(
              VariantGenerator.draw(variants, seed),
              persons,
              Runtime.getRuntime().availableProcessors(),
              progress(err, "variants", System.nanoTime()));
      out.print(summary.table());
      List<Path> written = summary.writeWorst(variantsOut);
      out.println("worst variants written to " + written.size() + " files in " + variantsOut);
      if (mainTables) {
        BenchmarkReport.write(
            docs().resolve("evaluation.md"),
            "variants",
            "`"
                + command()
                + " --variants "
                + variants
                + " --seed "
                + seed
                + "`\n\n```\n"
                + summary.table()
                + "```");
      }
      line = line.substring(0, line.length() - 1) + ",\"variants\":" + summary.json() + "}";
    }
    if (json) {
      out.println(line);
    }
    return 0;
  }

  private int throughServer() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    List<AttackScenario> scenarios = new ArrayList<>();
    for (Path file : scenarioFiles) {
      scenarios.add(ScenarioFile.read(file));
    }
    if (scenarios.isEmpty()) {
      ScenarioFile.builtIn().stream().filter(s -> s.accounts() <= 5).forEach(scenarios::add);
      scenarios.addAll(ScenarioFile.ceilings());
    }
    List<AttackScenario> playable = ServerEvaluation.playable(scenarios);
    if (playable.size() < scenarios.size()) {
      err.println(
          "vigie eval --through-server: leaving out the scenarios that begin with a helpdesk"
              + " recovery");
    }
    long days =
        spec.commandLine().getParseResult().hasMatchedOption("--advisor-days") ? advisorDays : 300;
    long agency =
        spec.commandLine().getParseResult().hasMatchedOption("--persons") ? persons : 8_000;
    Evaluation.Settings settings =
        Evaluation.Settings.defaults(1, days, playable).withPersons(agency);
    ServerEvaluation.Comparison comparison =
        ServerEvaluation.run(settings, progress(err, "eval through the server", System.nanoTime()));
    out.print(comparison.table());
    comparison.differences().forEach(out::println);
    out.printf(
        Locale.ROOT,
        "%s: %,d HTTP requests in %.0f s%n",
        comparison.agree() ? "the two runs agree" : "THE TWO RUNS DIFFER",
        comparison.requests(),
        comparison.seconds());
    if (writeDocs) {
      Path docs = docs();
      BenchmarkReport.write(
          docs.resolve("evaluation.md"),
          "eval-server",
          "`vigie eval --through-server"
              + (days != 300 ? " --advisor-days " + days : "")
              + (agency != 8_000 ? " --persons " + agency : "")
              + " --write-docs`, "
              + ZonedDateTime.now().format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm z"))
              + ", "
              + BenchmarkReport.machine()
              + ".\n\n```\n"
              + comparison.table()
              + String.format(
                  Locale.ROOT,
                  "%s: %,d HTTP requests in %.0f s%n",
                  comparison.agree() ? "the two runs agree" : "the two runs differ",
                  comparison.requests(),
                  comparison.seconds())
              + "```\n");
      out.println("figures written to " + docs.resolve("evaluation.md"));
    }
    if (json) {
      out.println(comparison.json());
    }
    return comparison.agree() ? 0 : 1;
  }

  private String command() {
    StringBuilder command =
        new StringBuilder("vigie eval --seeds " + seeds + " --advisor-days " + advisorDays);
    if (persons != 100_000) {
      command.append(" --persons ").append(persons);
    }
    for (Path file : scenarioFiles) {
      command.append(" --scenario ").append(file);
    }
    return command.append(sweep ? " --sweep" : "").append(" --write-docs").toString();
  }

  /** Where {@code --write-docs} writes: checked to exist before any run. */
  private Path docs() {
    return home.resolve("docs");
  }

  /** A line on standard error every 10 seconds: advisor-days simulated and the rate. */
  private static LongConsumer progress(PrintWriter err, String task, long started) {
    AtomicLong done = new AtomicLong();
    AtomicLong lastLine = new AtomicLong(started);
    return days -> {
      long total = done.addAndGet(days);
      long now = System.nanoTime();
      long last = lastLine.get();
      if (now - last > 10_000_000_000L && lastLine.compareAndSet(last, now)) {
        double seconds = (now - started) / 1e9;
        err.printf(
            "%s: %,d advisor-days simulated (warm-up included), %,.0f/s%n",
            task, total, total / seconds);
      }
    };
  }
}
