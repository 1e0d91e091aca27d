package fr.vigie.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class EvalCommandTest {
  @TempDir Path directory;

  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int run(String... args) {
    return new CommandLine(new VigieCommand())
        .setOut(new PrintWriter(out, true))
        .setErr(new PrintWriter(err, true))
        .execute(args);
  }

  @Test
  void eval_scenarioFileFromTestResources_endsWithOneJsonObject() throws Exception {
    Path scenario =
        Path.of(EvalCommandTest.class.getResource("/scenarios/test-only-burst.json").toURI());

    int code =
        run(
            "eval",
            "--seeds",
            "2",
            "--advisor-days",
            "1500",
            "--persons",
            "20000",
            "--scenario",
            scenario.toString(),
            "--json");

    assertThat(code).isZero();
    List<String> lines = out.toString().lines().toList();
    assertThat(lines.getFirst()).startsWith("scenario");
    JsonNode json = JsonMapper.builder().build().readTree(lines.getLast());
    assertThat(json.get("scenarios").get(0).get("name").asString()).isEqualTo("test-only-burst");
    assertThat(json.get("advisor_days").asLong()).isGreaterThanOrEqualTo(1500);
  }

  @Test
  void eval_variants_addThemToTheJsonLineAndWriteTheWorstAsReplayableFiles() throws Exception {
    Path scenario =
        Path.of(EvalCommandTest.class.getResource("/scenarios/test-only-burst.json").toURI());
    Path worst = directory.resolve("worst");

    int code =
        run(
            "eval",
            "--seeds",
            "1",
            "--advisor-days",
            "500",
            "--persons",
            "20000",
            "--scenario",
            scenario.toString(),
            "--variants",
            "3",
            "--seed",
            "5",
            "--variants-out",
            worst.toString(),
            "--json");

    assertThat(code).as(err.toString()).isZero();
    List<String> lines = out.toString().lines().toList();
    JsonNode variants = JsonMapper.builder().build().readTree(lines.getLast()).get("variants");
    assertThat(variants.get("count").asInt() + variants.get("indistinguishable_count").asInt())
        .isEqualTo(3);
    assertThat(variants.get("leaked_per_account_max").asDouble())
        .isGreaterThanOrEqualTo(variants.get("leaked_per_account_p95").asDouble());
    assertThat(variants.get("contained_share").asDouble()).isBetween(0.0, 1.0);
    try (var files = Files.list(worst)) {
      for (Path file : files.toList()) {
        assertThat(fr.vigie.simulation.ScenarioFile.read(file).name()).startsWith("variant-5-");
      }
    }
  }

  @Test
  void eval_badScenarioFile_exitsWithTheFieldNamed() throws Exception {
    Path bad =
        Files.writeString(
            directory.resolve("bad.json"),
            "{\"name\": \"x\", \"accounts\": {}, \"start\": {}, \"targets\": \"followed\"}");

    int code = run("eval", "--scenario", bad.toString());

    assertThat(code).isEqualTo(2);
    assertThat(err.toString()).contains("bad.json: pace: expected an object");
    assertThat(out.toString()).isEmpty();
  }

  private int runIn(Path home, String... args) {
    return new CommandLine(new EvalCommand(home))
        .setOut(new PrintWriter(out, true))
        .setErr(new PrintWriter(err, true))
        .execute(args);
  }

  @Test
  void writeDocs_withNoDocsDirectory_refusedBeforeAnyRun() {
    int code = runIn(directory, "--seeds", "1", "--advisor-days", "500", "--write-docs");

    assertThat(code).isEqualTo(2);
    assertThat(err.toString()).contains("--write-docs").contains("no docs directory");
    assertThat(out.toString()).isEmpty();
  }

  @Test
  void throughServerWriteDocs_withNoDocsDirectory_refusedBeforeStartingAServer() {
    int code = runIn(directory, "--through-server", "--write-docs");

    assertThat(code).isEqualTo(2);
    assertThat(err.toString()).contains("no docs directory");
    assertThat(out.toString()).isEmpty();
  }

  @Test
  void ablationWriteDocs_writesItsTableOnly_notTheResultsOrVariantsOfItsSmallerRun()
      throws Exception {
    Path scenario =
        Path.of(EvalCommandTest.class.getResource("/scenarios/test-only-burst.json").toURI());
    Path page = Files.createDirectories(directory.resolve("docs")).resolve("evaluation.md");
    String kept =
        """
        <!-- bench:eval -->
        the full run's results
        <!-- /bench:eval -->
        <!-- bench:variants -->
        the full run's variants
        <!-- /bench:variants -->
        <!-- bench:ablation -->
        an old ablation
        <!-- /bench:ablation -->
        """;
    Files.writeString(page, kept);

    int code =
        runIn(
            directory,
            "--seeds",
            "1",
            "--advisor-days",
            "300",
            "--persons",
            "20000",
            "--scenario",
            scenario.toString(),
            "--variants",
            "2",
            "--seed",
            "3",
            "--variants-out",
            directory.resolve("worst").toString(),
            "--ablation",
            "--write-docs");

    assertThat(code).as(err.toString()).isZero();
    String written = Files.readString(page);
    assertThat(written)
        .contains("the full run's results")
        .contains("the full run's variants")
        .doesNotContain("an old ablation")
        .contains("| switched off |")
        .contains("| never-read |");
    assertThat(out.toString()).contains("the results and the variants are not");
  }
}
