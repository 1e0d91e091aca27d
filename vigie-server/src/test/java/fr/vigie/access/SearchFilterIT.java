package fr.vigie.access;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import fr.vigie.access.Decision.Allow;
import fr.vigie.identity.OrganizationId;
import fr.vigie.identity.OrganizationKind;
import fr.vigie.identity.Role;
import fr.vigie.registry.PersonId;
import fr.vigie.testing.TestDatabase;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The search filter and the policy can never disagree: on a random agency in a real PostgreSQL, for
 * every actor and purpose, the SQL returns exactly the persons a read would allow, the facts loaded
 * for a read are those the agency was built with, and a search by an exact criterion returns
 * exactly the matching persons the policy lets it find.
 */
class SearchFilterIT {
  private static final int PERSONS = 400;
  private static final int NIR_VALUES = 60;

  private HikariDataSource dataSource;
  private AccessFixture fixture;
  private Relationships relationships;

  // The agency as the test built it, to compute each actor's facts without the database.
  private final List<Actor> actors = new ArrayList<>();
  private final List<PersonId> persons = new ArrayList<>();
  private final Map<PersonId, OrganizationId> followedBy = new HashMap<>();
  private final Map<PersonId, byte[]> nirIndexOf = new HashMap<>();
  private final Set<List<UUID>> caseloads = new HashSet<>();
  private final Set<List<UUID>> activeReferrals = new HashSet<>();
  private final List<byte[]> nirValues = new ArrayList<>();

  @BeforeEach
  void setUp() {
    dataSource = TestDatabase.newDatabase();
    fixture = new AccessFixture(dataSource);
    relationships = new Relationships(fixture.jdbc, java.util.Optional.empty());
  }

  @AfterEach
  void tearDown() {
    dataSource.close();
  }

  @ParameterizedTest
  @ValueSource(longs = {1, 2024, 36_820_828})
  void readable_randomAgency_returnsExactlyWhatAReadAllows(long seed) {
    Random random = new Random(seed);
    buildAgency(random);

    for (Actor actor : actors) {
      for (Purpose purpose : Purpose.values()) {
        Set<PersonId> expected = new HashSet<>();
        for (PersonId person : persons) {
          if (decideRead(actor, person, purpose) instanceof Allow) {
            expected.add(person);
          }
        }
        BoundSql readable = SearchFilter.readable(actor, purpose);

        assertThat(select("select p.id from person p where " + readable.sql(), readable))
            .as("seed %d, %s %s, %s", seed, actor.role(), actor.organizationKind(), purpose)
            .isEqualTo(expected);
      }
    }
  }

  @ParameterizedTest
  @ValueSource(longs = {7, 2023})
  void facts_randomAgency_areThoseTheAgencyWasBuiltWith(long seed) {
    Random random = new Random(seed);
    buildAgency(random);

    for (Actor actor : actors) {
      for (int i = 0; i < 40; i++) {
        PersonId person = persons.get(random.nextInt(persons.size()));
        assertThat(relationships.facts(actor, person))
            .as("seed %d", seed)
            .isEqualTo(factsOf(actor, person));
      }
      assertThat(relationships.facts(actor, PersonId.newId())).isEqualTo(Facts.NONE);
    }
  }

  @ParameterizedTest
  @ValueSource(longs = {11, 1_300_000})
  void search_randomAgencyAndCriterion_returnsExactlyWhatThePolicyLetsItFind(long seed) {
    Random random = new Random(seed);
    buildAgency(random);

    for (Actor actor : actors) {
      for (Purpose purpose : Purpose.values()) {
        byte[] nir = nirValues.get(random.nextInt(nirValues.size()));
        Set<PersonId> expected = new HashSet<>();
        for (PersonId person : persons) {
          Decision decision =
              AccessPolicy.decide(
                  actor, Action.SEARCH, factsOf(actor, person), purpose, Optional.empty());
          if (nirIndexOf.get(person) == nir
              && decision instanceof Allow allow
              && Criterion.NIR_EXACT.usableWith(allow)) {
            expected.add(person);
          }
        }
        BoundSql search = SearchFilter.search(actor, purpose, Criterion.NIR_EXACT, nir);

        Set<PersonId> found = select(search.sql(), search);

        assertThat(expected).hasSizeLessThanOrEqualTo(SearchFilter.LIMIT);
        assertThat(found).as("seed %d, %s %s", seed, actor.role(), purpose).isEqualTo(expected);
      }
    }
  }

  private Decision decideRead(Actor actor, PersonId person, Purpose purpose) {
    return AccessPolicy.decide(
        actor, Action.READ, factsOf(actor, person), purpose, Optional.empty());
  }

  private Facts factsOf(Actor actor, PersonId person) {
    UUID organization = actor.organization().value();
    OrganizationId follower = followedBy.get(person);
    return new Facts(
        caseloads.contains(List.of(actor.account().value(), person.value())),
        follower != null && follower.value().equals(organization),
        activeReferrals.contains(List.of(person.value(), organization)));
  }

  private Set<PersonId> select(String sql, BoundSql bound) {
    return new HashSet<>(
        fixture.jdbc.query(
            sql,
            (row, i) -> new PersonId(row.getObject(1, UUID.class)),
            bound.parameters().toArray()));
  }

  /**
   * Organizations of every kind, accounts of every role in each (some restricted), persons followed
   * by any organization or none, caseload rows within and across organizations (as a transfer can
   * leave them), and referrals active, ended, and ended then renewed.
   */
  private void buildAgency(Random random) {
    List<OrganizationId> organizations = new ArrayList<>();
    List<OrganizationKind> kinds = new ArrayList<>();
    for (OrganizationKind kind : OrganizationKind.values()) {
      for (int i = 0; i < (kind == OrganizationKind.FRANCE_TRAVAIL_AGENCY ? 3 : 2); i++) {
        organizations.add(fixture.organization(kind));
        kinds.add(kind);
      }
    }
    for (int o = 0; o < organizations.size(); o++) {
      for (Role role : Role.values()) {
        int count = role == Role.ADVISOR ? 3 : 1;
        for (int i = 0; i < count; i++) {
          Actor actor = fixture.account(organizations.get(o), kinds.get(o), role);
          actors.add(
              random.nextInt(8) == 0
                  ? new Actor(
                      actor.account(), role, actor.organization(), actor.organizationKind(), true)
                  : actor);
        }
      }
    }
    for (int i = 0; i < NIR_VALUES; i++) {
      nirValues.add(AccessFixture.uuidBytes(UUID.randomUUID()));
    }
    for (int i = 0; i < PERSONS; i++) {
      OrganizationId organization =
          random.nextInt(20) == 0 ? null : organizations.get(random.nextInt(organizations.size()));
      byte[] nir = nirValues.get(random.nextInt(NIR_VALUES));
      PersonId person = fixture.person(organization, nir);
      persons.add(person);
      followedBy.put(person, organization);
      nirIndexOf.put(person, nir);
    }
    for (Actor actor : actors) {
      for (int i = 0; i < 12; i++) {
        PersonId person = persons.get(random.nextInt(persons.size()));
        // Mostly persons of the actor's organization, some of others: stale rows.
        if (random.nextInt(4) == 0 || actor.organization().equals(followedBy.get(person))) {
          fixture.caseloadRow(actor, person);
          caseloads.add(List.of(actor.account().value(), person.value()));
        }
      }
    }
    Actor referrer = actors.getFirst();
    for (int i = 0; i < PERSONS; i++) {
      PersonId person = persons.get(random.nextInt(persons.size()));
      OrganizationId organization = organizations.get(random.nextInt(organizations.size()));
      List<UUID> pair = List.of(person.value(), organization.value());
      boolean ended = random.nextInt(3) == 0;
      if (ended) {
        fixture.referralRow(person, organization, referrer, true);
      } else {
        fixture.referralRow(person, organization, referrer, false);
        activeReferrals.add(pair);
      }
    }
  }
}
