package fr.vigie.registry;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import fr.vigie.crypto.KeyRing;
import fr.vigie.testing.TestDatabase;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Persons stored before the birth-name index ({@code V117}) get it from a backfill that resumes
 * where a stopped run left off, and are then found by the birth name a provider sends.
 */
class BirthNameBackfillIT {
  private static final int PERSONS = 1_200;

  @TempDir Path directory;
  private HikariDataSource dataSource;
  private Registry registry;
  private JdbcTemplate owner;

  @BeforeEach
  void setUp() throws Exception {
    dataSource = TestDatabase.newDatabase();
    owner = new JdbcTemplate(dataSource);
    TestPersons.createOrganization(dataSource, TestPersons.ORGANIZATION);
    Path keys = directory.resolve("keys");
    registry =
        new Registry(
            dataSource,
            KeyRing.open("file:" + keys.resolve("kek.json"), keys, KeyRing.INDEX_FIELDS));
  }

  @AfterEach
  void tearDown() {
    dataSource.close();
  }

  @Test
  void backfill_stoppedThenRunAgain_indexesEveryMarriedNameOnce_andFindsThemByBirthName() {
    List<PersonRecord> persons = new ArrayList<>();
    for (int i = 0; i < PERSONS; i++) {
      persons.add(i % 3 == 0 ? married(TestPersons.person(i)) : TestPersons.person(i));
    }
    registry.importRecords(
        persons.iterator(), persons.size(), ImportOptions.defaults(), ImportProgress.NONE);
    // As a file imported before V117 left them.
    owner.update("update person set birth_name_index = null");
    PersonRecord married = persons.get(3);
    PersonId marriedId = registry.findByIdentifier(married.identifier()).orElseThrow();
    assertThat(registry.candidatesByNameAndBirthDate(married.birthName(), married.birthDate(), 5))
        .doesNotContain(marriedId);
    List<Long> progress = new ArrayList<>();

    Registry.Backfill stopped =
        registry.backfillBirthNameIndex(700, (visited, done, total) -> progress.add(total));
    long indexedAfterStop = indexed();
    Registry.Backfill resumed =
        registry.backfillBirthNameIndex(Long.MAX_VALUE, ImportProgress.NONE);

    int marriedCount = (PERSONS + 2) / 3;
    assertThat(stopped.finished()).isFalse();
    assertThat(stopped.visited()).isEqualTo(700);
    assertThat(indexedAfterStop).isEqualTo(stopped.filled()).isBetween(1L, marriedCount - 1L);
    assertThat(progress).isNotEmpty().allMatch(total -> total == PERSONS);
    assertThat(resumed.finished()).isTrue();
    assertThat(resumed.visited()).isEqualTo(PERSONS);
    assertThat(resumed.filled()).isEqualTo(marriedCount);
    assertThat(indexed()).isEqualTo(marriedCount);
    assertThat(registry.candidatesByNameAndBirthDate(married.birthName(), married.birthDate(), 5))
        .contains(marriedId);
    PersonRecord unmarried = persons.get(4);
    assertThat(
            owner.queryForObject(
                "select birth_name_index is null from person where id = ?",
                Boolean.class,
                registry.findByIdentifier(unmarried.identifier()).orElseThrow().value()))
        .isTrue();
    assertThat(registry.backfillBirthNameIndex(Long.MAX_VALUE, ImportProgress.NONE).visited())
        .isEqualTo(PERSONS);
  }

  @Test
  void backfill_computesTheSameIndexAsAnImport() {
    PersonRecord person = married(TestPersons.person(9));
    registry.importRecords(
        List.of(person).iterator(), 1, ImportOptions.defaults(), ImportProgress.NONE);
    byte[] imported = owner.queryForObject("select birth_name_index from person", byte[].class);
    owner.update("update person set birth_name_index = null");

    registry.backfillBirthNameIndex(Long.MAX_VALUE, ImportProgress.NONE);

    assertThat(imported).isNotNull();
    assertThat(owner.queryForObject("select birth_name_index from person", byte[].class))
        .isEqualTo(imported);
  }

  private long indexed() {
    Long count =
        owner.queryForObject(
            "select count(*) from person where birth_name_index is not null", Long.class);
    return count == null ? 0 : count;
  }

  private static PersonRecord married(PersonRecord p) {
    return p.withNames(p.birthName(), "Usage" + p.birthName().substring(3));
  }
}
