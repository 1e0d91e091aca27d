package fr.vigie;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import fr.vigie.access.PersonReads;
import fr.vigie.registry.PersonId;
import fr.vigie.registry.Registry;
import fr.vigie.registry.SealedRow;
import java.time.LocalDate;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModules;

/**
 * Keeps the map true: features depend on each other only through their top-level public types (not
 * their sub-packages), without cycles, and personal data leaves the registry by one path.
 */
class ModulesTest {
  private static final JavaClasses MAIN =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages("fr.vigie");

  @Test
  void verify_featureDependencies_haveNoCyclesAndUseOnlyPublicApi() {
    ApplicationModules.of(VigieApplication.class).verify();
  }

  @Test
  void registryDecryptionAndUpdate_calledOnlyByTheOneReadPath() {
    noClasses()
        .that()
        .doNotHaveFullyQualifiedName(PersonReads.class.getName())
        .and()
        .doNotHaveFullyQualifiedName(Registry.class.getName())
        .should()
        .callMethod(
            Registry.class, "decryptForReadPath", PersonId.class, SealedRow.class, Set.class)
        .orShould()
        .callMethod(Registry.class, "updateForReadPath", PersonId.class, Map.class, LocalDate.class)
        .orShould()
        .callMethod(Registry.class, "checkUpdate", PersonId.class, Map.class, LocalDate.class)
        .because("every read of personal data takes the one path: policy, decrypt, audit, event")
        .check(MAIN);
  }
}
