package fr.vigie;

import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModules;

/**
 * Keeps the map true: features depend on each other only through their top-level public types (not
 * their sub-packages), and without cycles.
 */
class ModulesTest {

  @Test
  void verify_featureDependencies_haveNoCyclesAndUseOnlyPublicApi() {
    ApplicationModules.of(VigieApplication.class).verify();
  }
}
