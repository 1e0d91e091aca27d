package fr.vigie.access;

import static java.util.Objects.requireNonNull;

import fr.vigie.ProblemCode;
import fr.vigie.VigieException;
import fr.vigie.identity.AccountId;
import fr.vigie.identity.GuardPrefetch;
import fr.vigie.identity.OrganizationId;
import fr.vigie.identity.OrganizationKind;
import fr.vigie.identity.Role;
import fr.vigie.registry.PersonId;
import fr.vigie.registry.SealedRow;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.TemporalAdjusters;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The relationships between staff and persons: the facts the policy reads, and the changes managers
 * (caseloads) and agency advisors (referrals) make to them, each checked first.
 */
@Service
public class Relationships {
  /**
   * The breach outbox ({@code breach.Notices}) holds a notice to the person claimed for sending, or
   * put in a letter batch not yet printed. Read here as SQL, not through the breach feature, which
   * depends on this one.
   */
  private static final String NOTICE_DUE =
      "exists (select 1 from breach_notice n where n.person_id = p.id"
          + " and n.state in ('CLAIMED', 'LETTER_BATCHED'))";

  /**
   * A manager's time-boxed relationship holding now between the actor and {@code p}: listed in it,
   * or in the caseload of the colleague it covers.
   */
  static final String TIME_BOXED =
      "exists (select 1 from time_boxed_relationship t where t.advisor_id = ?"
          + " and t.revoked_at is null and t.starts_at <= ? and t.ends_at > ?"
          + " and (t.person_id = p.id or exists (select 1 from caseload cc"
          + " where cc.advisor_id = t.colleague_id and cc.person_id = p.id)))";

  private static final String FACT_COLUMNS =
      "select "
          + Fact.IN_CASELOAD.sql
          + ", "
          + Fact.FOLLOWED_BY_ORGANIZATION.sql
          + ", "
          + Fact.REFERRED_TO_ORGANIZATION.sql
          + ", exists (select 1 from appointment ap"
          + " join staff_account s on s.id = ap.account_id where ap.person_id = p.id"
          + " and s.organization_id = ? and ap.starts_at >= ? and ap.starts_at < ?), "
          + TIME_BOXED
          + ", "
          + NOTICE_DUE;

  private static final String FACTS = FACT_COLUMNS + " from person p where p.id = ?";

  private static final String FACTS_AND_ROW =
      FACT_COLUMNS + ", " + SealedRow.columns("p") + " from person p where p.id = ?";

  private static final String ROW =
      "select " + SealedRow.columns("p") + " from person p where p.id = ?";

  /** The prefetch's select list: the facts, the person's id, the sealed row. */
  private static final String PREFETCH_COLUMNS =
      FACT_COLUMNS.substring("select ".length()) + ", p.id, " + SealedRow.columns("p");

  /** Where the weeks of appointments begin and end. */
  static final ZoneId WEEKS = ZoneId.of("Europe/Paris");

  private final JdbcTemplate jdbc;
  private final Clock clock;

  Relationships(JdbcTemplate jdbc, Optional<Clock> clock) {
    this.jdbc = jdbc;
    this.clock = clock.orElse(Clock.systemUTC());
  }

  /** The actor of a staff account, or empty if there is none; {@code restricted} is the guard's. */
  public Optional<Actor> actor(AccountId account, boolean restricted) {
    return jdbc
        .query(
            "select a.role, a.organization_id, o.kind from staff_account a"
                + " join organization o on o.id = a.organization_id where a.id = ?",
            (row, i) ->
                new Actor(
                    account,
                    Role.valueOf(row.getString(1)),
                    new OrganizationId(row.getObject(2, UUID.class)),
                    OrganizationKind.valueOf(row.getString(3)),
                    restricted),
            account.value())
        .stream()
        .findFirst();
  }

  /**
   * What relates {@code actor} to {@code person}, in one query. A person that does not exist has
   * {@link Facts#NONE}, so that the answer does not tell it from one the actor may not see.
   */
  public Facts facts(Actor actor, PersonId person) {
    List<Facts> found = jdbc.query(FACTS, (row, i) -> facts(row), factParameters(actor, person));
    return found.isEmpty() ? Facts.NONE : found.getFirst();
  }

  /**
   * The facts of a read and, from the same query, the person's row still sealed: the read path
   * opens it only once the policy and the ceilings have let the read through. No row when there is
   * no such person, and then {@link Facts#NONE}.
   */
  public ForRead forRead(Actor actor, PersonId person) {
    Prefetched loaded = PREFETCHED.get();
    if (loaded != null && loaded.matches(actor, person)) {
      PREFETCHED.remove();
      return loaded.read();
    }
    List<ForRead> found =
        jdbc.query(
            FACTS_AND_ROW,
            (row, i) -> new ForRead(facts(row), Optional.of(SealedRow.read(row, FACT_COUNT + 1))),
            factParameters(actor, person));
    return found.isEmpty() ? new ForRead(Facts.NONE, Optional.empty()) : found.getFirst();
  }

  /** The sealed row of {@code person} alone, for a person reading their own file. */
  Optional<SealedRow> row(PersonId person) {
    return jdbc.query(ROW, (row, i) -> SealedRow.read(row, 1), person.value()).stream().findFirst();
  }

  /** The facts of a read and the row it would open. */
  public record ForRead(Facts facts, Optional<SealedRow> row) {}

  /**
   * The facts and sealed row of {@code account}'s read of {@code person}, loaded in the guard's own
   * query of the account: the read then costs no round trip of its own. Used by {@link #forRead} on
   * this thread only if the actor is still this account of this organization.
   */
  public GuardPrefetch.Plan prefetch(
      AccountId account, OrganizationId organization, PersonId person) {
    PREFETCHED.remove();
    return new GuardPrefetch.Plan(
        PREFETCH_COLUMNS,
        FACT_COUNT + 1 + SealedRow.COLUMN_COUNT,
        Arrays.asList(factParameters(account, organization)).subList(0, FACT_PARAMETERS),
        "left join person p on p.id = ?",
        List.of(person.value()),
        (row, first) -> {
          // No person: no row, and facts NONE, as a read of it would find.
          ForRead read =
              row.getObject(first + FACT_COUNT) == null
                  ? new ForRead(Facts.NONE, Optional.empty())
                  : new ForRead(
                      shifted(row, first),
                      Optional.of(SealedRow.read(row, first + FACT_COUNT + 1)));
          PREFETCHED.set(new Prefetched(account, organization, person, read));
        });
  }

  /** Forgets what the guard loaded for this thread's request. */
  public void forgetPrefetched() {
    PREFETCHED.remove();
  }

  private static final ThreadLocal<Prefetched> PREFETCHED = new ThreadLocal<>();

  private record Prefetched(
      AccountId account, OrganizationId organization, PersonId person, ForRead read) {
    boolean matches(Actor actor, PersonId wanted) {
      return actor.account().equals(account)
          && actor.organization().equals(organization)
          && wanted.equals(person);
    }
  }

  private static final int FACT_PARAMETERS = 9;

  private static Facts shifted(ResultSet row, int first) throws SQLException {
    return new Facts(
        row.getBoolean(first),
        row.getBoolean(first + 1),
        row.getBoolean(first + 2),
        row.getBoolean(first + 3),
        row.getBoolean(first + 4),
        row.getBoolean(first + 5));
  }

  private static final int FACT_COUNT = 6;

  private static Facts facts(ResultSet row) throws SQLException {
    return new Facts(
        row.getBoolean(1),
        row.getBoolean(2),
        row.getBoolean(3),
        row.getBoolean(4),
        row.getBoolean(5),
        row.getBoolean(6));
  }

  private Object[] factParameters(Actor actor, PersonId person) {
    Object[] parameters = factParameters(actor.account(), actor.organization());
    parameters[FACT_PARAMETERS] = person.value();
    return parameters;
  }

  /** The facts' parameters, with room for the person's id last. */
  private Object[] factParameters(AccountId account, OrganizationId organization) {
    Instant now = clock.instant();
    ZonedDateTime monday =
        now.atZone(WEEKS)
            .toLocalDate()
            .with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY))
            .atStartOfDay(WEEKS);
    return new Object[] {
      Fact.IN_CASELOAD.parameter(account, organization),
      Fact.FOLLOWED_BY_ORGANIZATION.parameter(account, organization),
      Fact.REFERRED_TO_ORGANIZATION.parameter(account, organization),
      organization.value(),
      Timestamp.from(monday.toInstant()),
      Timestamp.from(monday.plusWeeks(1).toInstant()),
      account.value(),
      Timestamp.from(now),
      Timestamp.from(now),
      null
    };
  }

  /**
   * Puts {@code person} in the caseload of {@code advisor}; a manager of their organization only.
   */
  @Transactional
  public void assign(Actor manager, AccountId advisor, PersonId person) {
    checkAssignment("assign", manager, advisor, person);
    jdbc.update(
        "insert into caseload (advisor_id, person_id, assigned_by) values (?, ?, ?)"
            + " on conflict do nothing",
        advisor.value(),
        person.value(),
        manager.account().value());
  }

  /** Takes {@code person} out of the caseload of {@code advisor}; false if it was not in it. */
  @Transactional
  public boolean unassign(Actor manager, AccountId advisor, PersonId person) {
    checkAssignment("unassign", manager, advisor, person);
    return jdbc.update(
            "delete from caseload where advisor_id = ? and person_id = ?",
            advisor.value(),
            person.value())
        > 0;
  }

  /**
   * Refers {@code person}, of the caseload of the agency advisor {@code actor}, to the partner
   * organization {@code partner}; a person already referred there stays referred once.
   */
  @Transactional
  public void refer(Actor actor, PersonId person, OrganizationId partner) {
    checkReferral("refer", actor, person, partner);
    jdbc.update(
        "insert into referral (person_id, organization_id, referred_by) values (?, ?, ?)"
            + " on conflict (person_id, organization_id) where ended_at is null do nothing",
        person.value(),
        partner.value(),
        actor.account().value());
  }

  /** Ends the active referral of {@code person} to {@code partner}; false if there was none. */
  @Transactional
  public boolean endReferral(Actor actor, PersonId person, OrganizationId partner) {
    checkReferral("end referral", actor, person, partner);
    return jdbc.update(
            "update referral set ended_at = now()"
                + " where person_id = ? and organization_id = ? and ended_at is null",
            person.value(),
            partner.value())
        > 0;
  }

  /**
   * Records {@code relationship}, granted by {@code manager}; checked first by {@link #checkGrant}.
   */
  @Transactional
  public TimeBoxedRelationship.Id grant(Actor manager, TimeBoxedRelationship relationship) {
    checkGrant(manager, relationship);
    TimeBoxedRelationship.Id id = new TimeBoxedRelationship.Id(UUID.randomUUID());
    Timestamp from = Timestamp.from(relationship.startsAt());
    Timestamp until = Timestamp.from(relationship.endsAt());
    Timestamp now = Timestamp.from(clock.instant());
    String insert =
        "insert into time_boxed_relationship (grant_id, kind, advisor_id, colleague_id,"
            + " person_id, starts_at, ends_at, granted_by, granted_at)"
            + " values (?, ?, ?, ?, ?, ?, ?, ?, ?)";
    List<UUID> persons =
        relationship.persons().isEmpty()
            ? java.util.Collections.singletonList(null)
            : relationship.persons().stream().map(PersonId::value).toList();
    for (UUID person : persons) {
      jdbc.update(
          insert,
          id.value(),
          relationship.kind().name(),
          relationship.advisor().value(),
          relationship.colleague() == null ? null : relationship.colleague().value(),
          person,
          from,
          until,
          manager.account().value(),
          now);
    }
    return id;
  }

  /**
   * Ends the grant {@code id} now, for a manager of the advisor's organization; false when there is
   * no such grant holding in its organization.
   */
  @Transactional
  public boolean revoke(Actor manager, TimeBoxedRelationship.Id id) {
    requireNonNull(id, "id is null");
    Optional<DenyReason> denied = ManagementRules.assignment(manager, true, true);
    if (denied.isPresent()) {
      throw new AccessDenied("revoke", denied.get());
    }
    return jdbc.update(
            "update time_boxed_relationship t set revoked_at = ? where t.grant_id = ?"
                + " and t.revoked_at is null and exists (select 1 from staff_account a"
                + " where a.id = t.advisor_id and a.organization_id = ?)",
            Timestamp.from(clock.instant()),
            id.value(),
            manager.organization().value())
        > 0;
  }

  /**
   * The relationships of {@code manager}'s organization that hold now or later (not revoked, not
   * over), soonest end first; the persons they name are counted, not listed.
   */
  public List<HeldRelationship> held(Actor manager) {
    requireNonNull(manager, "manager is null");
    Optional<DenyReason> denied = ManagementRules.teamCaseload(manager, true);
    if (denied.isPresent()) {
      throw new AccessDenied("list relationships", denied.get());
    }
    return jdbc.query(
        "select t.grant_id, t.kind, t.advisor_id, t.colleague_id, count(t.person_id),"
            + " t.starts_at, t.ends_at from time_boxed_relationship t"
            + " join staff_account a on a.id = t.advisor_id"
            + " where a.organization_id = ? and t.revoked_at is null and t.ends_at > ?"
            + " group by t.grant_id, t.kind, t.advisor_id, t.colleague_id, t.starts_at, t.ends_at"
            + " order by t.ends_at, t.grant_id limit ?",
        (row, i) -> {
          UUID colleague = row.getObject(4, UUID.class);
          return new HeldRelationship(
              new TimeBoxedRelationship.Id(row.getObject(1, UUID.class)),
              TimeBoxedRelationship.Kind.valueOf(row.getString(2)),
              new AccountId(row.getObject(3, UUID.class)),
              colleague == null ? null : new AccountId(colleague),
              row.getInt(5),
              row.getTimestamp(6).toInstant(),
              row.getTimestamp(7).toInstant());
        },
        manager.organization().value(),
        Timestamp.from(clock.instant()),
        CaseloadPage.MAX_LIMIT);
  }

  /**
   * Refuses a grant {@code manager} may not make: a manager of the organization, for one of its
   * advisors, covering one of its advisors, or listing persons its organization follows.
   */
  void checkGrant(Actor manager, TimeBoxedRelationship relationship) {
    requireNonNull(manager, "manager is null");
    requireNonNull(relationship, "relationship is null");
    UUID organization = manager.organization().value();
    List<UUID> advisors =
        relationship.colleague() == null
            ? List.of(relationship.advisor().value())
            : List.of(relationship.advisor().value(), relationship.colleague().value());
    List<UUID> persons = relationship.persons().stream().map(PersonId::value).distinct().toList();
    boolean ofOrganization =
        count(
                "staff_account a",
                "a.id",
                advisors,
                "a.organization_id = ? and a.role = 'ADVISOR'",
                organization)
            == advisors.size();
    boolean followed =
        count("person p", "p.id", persons, "p.organization_id = ?", organization) == persons.size();
    Optional<DenyReason> denied = ManagementRules.assignment(manager, ofOrganization, followed);
    if (denied.isPresent()) {
      throw new AccessDenied("grant", denied.get());
    }
  }

  /** How many of {@code ids} are rows of {@code table} meeting {@code condition}; bound values. */
  private int count(String table, String column, List<UUID> ids, String condition, UUID value) {
    if (ids.isEmpty()) {
      return 0;
    }
    String marks = String.join(", ", java.util.Collections.nCopies(ids.size(), "?"));
    List<Object> parameters = new java.util.ArrayList<>(ids);
    parameters.add(value);
    Integer found =
        jdbc.queryForObject(
            "select count(*) from "
                + table
                + " where "
                + column
                + " in ("
                + marks
                + ") and "
                + condition,
            Integer.class,
            parameters.toArray());
    return found == null ? 0 : found;
  }

  /** Refuses, as {@link AccessDenied}, an assignment {@code manager} may not make. */
  void checkAssignment(String action, Actor manager, AccountId advisor, PersonId person) {
    requireNonNull(manager, "manager is null");
    requireNonNull(advisor, "advisor is null");
    requireNonNull(person, "person is null");
    UUID organization = manager.organization().value();
    Targets found =
        jdbc.queryForObject(
            "select exists (select 1 from staff_account a"
                + "  where a.id = ? and a.organization_id = ? and a.role = 'ADVISOR'),"
                + " exists (select 1 from person p where p.id = ? and p.organization_id = ?)",
            (row, i) -> new Targets(row.getBoolean(1), row.getBoolean(2)),
            advisor.value(),
            organization,
            person.value(),
            organization);
    Optional<DenyReason> denied =
        ManagementRules.assignment(manager, found.advisorOfOrganization(), found.personFollowed());
    if (denied.isPresent()) {
      throw new AccessDenied(action, denied.get());
    }
  }

  /** What an assignment checks, about the manager's organization. */
  private record Targets(boolean advisorOfOrganization, boolean personFollowed) {}

  /** Refuses a referral {@code actor} may not make, or to an organization that does not exist. */
  void checkReferral(String action, Actor actor, PersonId person, OrganizationId partner) {
    requireNonNull(actor, "actor is null");
    requireNonNull(person, "person is null");
    requireNonNull(partner, "partner is null");
    OrganizationKind kind =
        jdbc
            .query(
                "select kind from organization where id = ?",
                (row, i) -> OrganizationKind.valueOf(row.getString(1)),
                partner.value())
            .stream()
            .findFirst()
            .orElseThrow(
                () ->
                    new VigieException(
                        ProblemCode.ORGANIZATION_UNKNOWN, action + ": no organization " + partner));
    Optional<DenyReason> denied = ManagementRules.referral(actor, facts(actor, person), kind);
    if (denied.isPresent()) {
      throw new AccessDenied(action, denied.get());
    }
  }
}
