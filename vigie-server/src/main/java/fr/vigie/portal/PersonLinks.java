package fr.vigie.portal;

import fr.vigie.access.PersonReads;
import fr.vigie.registry.PersonId;
import fr.vigie.registry.Registry;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;

/**
 * Which person of the register an identity provider's subject is. A subject linked already is that
 * person. Otherwise its pivot identity is matched: the blind index of birth name and birth date
 * gives the candidates (ids only), each candidate's first given name, sex and birth place are
 * compared through the read path ({@link PersonReads#confirmIdentity}, audited), and exactly one
 * must agree. None, or more than one, is a refusal: the space never guesses. A person linked to
 * another subject of the same provider is refused too (one identity per person and provider).
 */
@Service
class PersonLinks {
  /** The most candidates one birth name and birth date may have before the match gives up. */
  static final int MAX_CANDIDATES = 5;

  private final JdbcTemplate jdbc;
  private final Registry registry;
  private final PersonReads reads;
  private final Clock clock;

  PersonLinks(JdbcTemplate jdbc, Registry registry, PersonReads reads, Optional<Clock> clock) {
    this.jdbc = jdbc;
    this.registry = registry;
    this.reads = reads;
    this.clock = clock.orElse(Clock.systemUTC());
  }

  /** The person this identity is, or empty when there is no unique, unclaimed match. */
  Optional<PersonId> resolve(ProviderIdentity identity, String source) {
    Optional<PersonId> linked = linked(identity);
    if (linked.isPresent()) {
      return linked;
    }
    if (!identity.complete()) {
      return Optional.empty();
    }
    List<PersonId> candidates =
        registry.candidatesByNameAndBirthDate(
            identity.familyName(), identity.birthDate(), MAX_CANDIDATES + 1);
    if (candidates.isEmpty() || candidates.size() > MAX_CANDIDATES) {
      return Optional.empty();
    }
    List<PersonId> agreeing = new ArrayList<>(1);
    for (PersonId candidate : candidates) {
      if (reads.confirmIdentity(candidate, identity.pivot(), identity.auditToken(), source)) {
        agreeing.add(candidate);
      }
    }
    if (agreeing.size() != 1) {
      return Optional.empty();
    }
    return link(identity, agreeing.getFirst());
  }

  private Optional<PersonId> linked(ProviderIdentity identity) {
    return jdbc
        .query(
            "select l.person_id from person_link l join person p on p.id = l.person_id"
                + " where l.subject_digest = ? and p.erased_at is null",
            (row, i) -> new PersonId(row.getObject(1, UUID.class)),
            (Object) identity.subjectDigest())
        .stream()
        .findFirst();
  }

  private Optional<PersonId> link(ProviderIdentity identity, PersonId person) {
    try {
      jdbc.update(
          "insert into person_link (subject_digest, issuer_digest, person_id, linked_at)"
              + " values (?, ?, ?, ?)",
          identity.subjectDigest(),
          identity.issuerDigest(),
          person.value(),
          Timestamp.from(clock.instant()));
      return Optional.of(person);
    } catch (DuplicateKeyException claimed) {
      // The person is linked to another subject of this provider already, or this subject raced
      // itself: only the second case is this person.
      return linked(identity);
    }
  }
}
