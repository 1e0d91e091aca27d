package fr.vigie;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import fr.vigie.audit.CheckpointFuzzTest;
import fr.vigie.audit.ConsistencyProofFuzzTest;
import fr.vigie.audit.InclusionProofFuzzTest;
import fr.vigie.identity.OrganizationCsvFuzzTest;
import fr.vigie.registry.FranceTravailIdFuzzTest;
import fr.vigie.registry.NirFuzzTest;
import fr.vigie.registry.PersonCsvFuzzTest;
import fr.vigie.simulation.ScenarioFileFuzzTest;
import fr.vigie.web.SearchRequestFuzzTest;

/**
 * Every fuzz target behind one entry point, the first byte choosing the target: Jazzer fuzzes one
 * test per JVM, and starting one JVM per target costs more than the fuzzing itself in the build.
 * {@code ./mvnw verify} fuzzes this one for {@code fuzz.duration}; to fuzz one target longer, run
 * its own class (docs/security.md, "Fuzzing").
 */
class AllParsersFuzzTest {

  @FuzzTest(maxDuration = "60s")
  void anyParser_anyInput_keepsItsProperty(FuzzedDataProvider data) throws Exception {
    switch (data.consumeInt(0, 8)) {
      case 0 -> PersonCsvFuzzTest.check(data.consumeRemainingAsBytes());
      case 1 -> NirFuzzTest.check(data.consumeRemainingAsBytes());
      case 2 -> FranceTravailIdFuzzTest.check(data.consumeRemainingAsBytes());
      case 3 -> SearchRequestFuzzTest.check(data.consumeRemainingAsBytes());
      case 4 -> ScenarioFileFuzzTest.check(data.consumeRemainingAsBytes());
      case 5 -> OrganizationCsvFuzzTest.check(data.consumeRemainingAsBytes());
      case 6 -> InclusionProofFuzzTest.check(data);
      case 7 -> ConsistencyProofFuzzTest.check(data);
      default -> CheckpointFuzzTest.check(data);
    }
  }
}
