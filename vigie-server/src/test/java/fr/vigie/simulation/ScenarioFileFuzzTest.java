package fr.vigie.simulation;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;

/**
 * A scenario file is untrusted input (anyone may hand one to {@code vigie eval --scenario}): any
 * text is either a scenario or refused with an {@link IllegalArgumentException} that names the file
 * first; nothing else escapes.
 */
public class ScenarioFileFuzzTest {
  private static final String SOURCE = "fuzzed.json";

  @FuzzTest(maxDuration = "10s")
  void parse_anyText_refusesNamingTheSource(byte[] bytes) {
    check(bytes);
  }

  /** The property, for this test and for {@link fr.vigie.AllParsersFuzzTest}. */
  public static void check(byte[] bytes) {
    String json = new String(bytes, StandardCharsets.UTF_8);
    try {
      AttackScenario scenario = ScenarioFile.parse(SOURCE, json);
      assertThat(scenario).isNotNull();
    } catch (IllegalArgumentException e) {
      assertThat(e.getMessage()).startsWith(SOURCE + ": ");
    }
  }
}
