package fr.vigie.bench;

import static org.assertj.core.api.Assertions.assertThat;

import fr.vigie.benchmark.ExchangeBenchmark;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code vigie bench exchange} on a small set of files: the exchange's jar in its own JVM and
 * OpenSSH's sshd both started, every file through both and back, checked byte for byte.
 */
class ExchangeBenchmarkIT {
  @TempDir Path work;

  @Test
  void bothServersCarryEveryFileBothWays_andTheFiguresAreReported() throws Exception {
    Path jar = Path.of(System.getProperty("vigie.exchange.jar"));
    assertThat(jar).as("the exchange's jar, built before this module").isRegularFile();
    ByteArrayOutputStream progress = new ByteArrayOutputStream();

    ExchangeBenchmark.Result result =
        ExchangeBenchmark.run(
            jar,
            work,
            1_000_000,
            2,
            7,
            null,
            new PrintStream(progress, true, StandardCharsets.UTF_8));

    // 1 MB leaves the 10 kB and 100 kB sizes, nine files of each.
    assertThat(result.files()).isEqualTo(18);
    assertThat(result.bytes()).isEqualTo(9 * 110_000L);
    assertThat(result.exchange().uploadSeconds()).isPositive();
    assertThat(result.openssh().downloadSeconds()).isPositive();
    assertThat(result.exchange().cipher()).isNotEqualTo("unknown");
    assertThat(result.openssh().cipher()).isNotEqualTo("unknown");
    assertThat(progress.toString(StandardCharsets.UTF_8))
        .contains("round 1 exchange", "round 1 openssh", "round 2 exchange", "round 2 openssh");
    JsonNode json = JsonMapper.builder().build().readTree(result.json());
    assertThat(json.get("benchmark").asText()).isEqualTo("exchange");
    assertThat(json.get("ratio").asDouble()).isEqualTo(result.ratio(), Offset.offset(0.001));
    assertThat(json.get("files").asInt()).isEqualTo(18);
    try (var left = Files.list(work)) {
      assertThat(left).as("the benchmark removes its files and both servers' data").isEmpty();
    }
  }
}
