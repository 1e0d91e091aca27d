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
}
