package fr.vigie.breach;

import static java.util.Objects.requireNonNull;

import fr.vigie.ProblemCode;
import fr.vigie.VigieException;
import fr.vigie.access.Actor;
import fr.vigie.audit.AuditAction;
import fr.vigie.audit.AuditDecision;
import fr.vigie.audit.AuditEvent;
import fr.vigie.audit.AuditLog;
import fr.vigie.identity.ContainmentState;
import fr.vigie.identity.Role;
import fr.vigie.identity.Scopes;
import java.sql.Timestamp;
import java.text.NumberFormat;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import tools.jackson.databind.json.JsonMapper;

/**
 * GDPR article 33: drafts of the notification to the regulator, initial then complementary, made
 * from an incident's scoped figures and the DPO's texts, as JSON and as PDF; and the breach
 * register of article 33(5), which lists every incident, notified or not. The DPO only; audited.
 */
@Service
public class Notifications {
  /** The longest text the DPO writes in one box of the form. */
  public static final int MAX_TEXT = 8_000;

  private final Incidents incidents;
  private final JdbcTemplate jdbc;
  private final JsonMapper json;
  private final AuditLog audit;
  private final Clock clock;
  private final String controller;
  private final String dpoContact;

  Notifications(
      Incidents incidents,
      JdbcTemplate jdbc,
      JsonMapper json,
      AuditLog audit,
      Optional<Clock> clock,
      @Value("${vigie.breach.controller:France Travail}") String controller,
      @Value("${vigie.breach.dpo-contact:dpo@vigie.example}") String dpoContact) {
    this.incidents = incidents;
    this.jdbc = jdbc;
    this.json = json;
    this.audit = audit;
    this.clock = clock.orElse(Clock.systemUTC());
    this.controller = controller;
    this.dpoContact = dpoContact;
  }

  /** Drafts the next version: the initial notification first, then complements. */
  public NotificationDraft draft(Actor actor, IncidentId id, NotificationDraft.Texts texts) {
    dpo(actor, "NOTIFICATION.DRAFT");
    requireNonNull(texts, "texts is null");
    check("nature", texts.nature());
    check("consequences", texts.consequences());
    check("measuresTaken", texts.measuresTaken());
    check("measuresProposed", texts.measuresProposed());
    Incident incident = incidents.incident(id);
    Integer last =
        jdbc.queryForObject(
            "select max(version) from incident_notification where incident_id = ?",
            Integer.class,
            id.value());
    int version = last == null ? 1 : last + 1;
    NotificationDraft composed = compose(incident, version, texts, clock.instant());
    NotificationDraft draft = version == 1 ? composed : composed.complementing(stored(id, 1));
    jdbc.update(
        "insert into incident_notification (incident_id, version, kind, drafted_at, drafted_by,"
            + " document) values (?, ?, ?, ?, ?, ?::jsonb)",
        id.value(),
        version,
        draft.kind().name(),
        Timestamp.from(draft.draftedAt()),
        actor.account().value(),
        json.writeValueAsString(draft));
    audited(actor, "NOTIFICATION.DRAFT", AuditDecision.ALLOW);
    return draft;
  }

  /** One version as drafted. */
  public NotificationDraft version(Actor actor, IncidentId id, int version) {
    dpo(actor, "NOTIFICATION.VIEW");
    audited(actor, "NOTIFICATION.VIEW", AuditDecision.ALLOW);
    return stored(id, version);
  }

  /**
   * One drafted version as listed: its number, kind, when drafted and filed (null if not yet),
   * whether it was provisional.
   */
  public record Version(
      int version,
      NotificationDraft.Kind kind,
      Instant draftedAt,
      Instant filedAt,
      boolean provisional) {}

  /** The incident's drafted versions, first to last. */
  public List<Version> versions(Actor actor, IncidentId id) {
    dpo(actor, "NOTIFICATION.LIST");
    audited(actor, "NOTIFICATION.LIST", AuditDecision.ALLOW);
    return jdbc.query(
        "select document::text, notified_at from incident_notification where incident_id = ?"
            + " order by version",
        (row, n) -> {
          NotificationDraft d = json.readValue(row.getString(1), NotificationDraft.class);
          Timestamp filed = row.getTimestamp(2);
          return new Version(
              d.version(),
              d.kind(),
              d.draftedAt(),
              filed == null ? null : filed.toInstant(),
              d.provisional());
        },
        id.value());
  }

  /** One version as a PDF, ready to attach to the regulator's form. */
  public byte[] pdf(Actor actor, IncidentId id, int version) {
    dpo(actor, "NOTIFICATION.PDF");
    audited(actor, "NOTIFICATION.PDF", AuditDecision.ALLOW);
    return NotificationPdf.render(List.of(blocks(stored(id, version))));
  }

  /** Records that a version was filed with the regulator. */
  public void filed(Actor actor, IncidentId id, int version) {
    dpo(actor, "NOTIFICATION.FILED");
    int changed =
        jdbc.update(
            "update incident_notification set notified_at = ? where incident_id = ?"
                + " and version = ? and notified_at is null",
            Timestamp.from(clock.instant()),
            id.value(),
            version);
    if (changed == 0) {
      throw new VigieException(
          ProblemCode.INCIDENT_NOT_FOUND, "no such version, or it was filed already");
    }
    audited(actor, "NOTIFICATION.FILED", AuditDecision.ALLOW);
  }

  /** One line of the breach register (article 33(5)). */
  public record RegisterEntry(
      String incident,
      String reference,
      Instant declaredAt,
      Instant from,
      Instant to,
      long persons,
      long records,
      List<String> dataCategories,
      String nature,
      String consequences,
      String measuresTaken,
      Integer versions,
      Instant notifiedAt) {}

  /** Every incident, notified or not, newest first: its facts, effects and remedy. */
  public List<RegisterEntry> register(Actor actor) {
    dpo(actor, "BREACH_REGISTER");
    audited(actor, "BREACH_REGISTER", AuditDecision.ALLOW);
    List<RegisterEntry> entries = new ArrayList<>();
    List<UUID> ids =
        jdbc.queryForList("select id from incident order by declared_at desc, id", UUID.class);
    for (UUID uuid : ids) {
      IncidentId id = new IncidentId(uuid);
      Incident incident = incidents.incident(id);
      Optional<NotificationDraft> latest = latest(id);
      Instant notified =
          jdbc.queryForObject(
                      "select min(notified_at) from incident_notification where incident_id = ?",
                      Timestamp.class,
                      uuid)
                  instanceof Timestamp t
              ? t.toInstant()
              : null;
      entries.add(
          new RegisterEntry(
              uuid.toString(),
              incident.header().reference(),
              incident.header().declaredAt(),
              from(incident),
              to(incident),
              incident.totals().persons(),
              incident.totals().records(),
              categories(incident).stream().map(NotificationDraft.DataCategory::category).toList(),
              latest.map(NotificationDraft::nature).orElse(null),
              latest.map(NotificationDraft::consequences).orElse(null),
              latest.map(NotificationDraft::measuresTaken).orElse(null),
              latest.map(NotificationDraft::version).orElse(0),
              notified));
    }
    return entries;
  }

  NotificationDraft compose(
      Incident incident, int version, NotificationDraft.Texts texts, Instant at) {
    List<NotificationDraft.Evidence> evidence =
        incident.scopes().stream()
            .map(
                s ->
                    new NotificationDraft.Evidence(
                        s.seq(),
                        switch (s.scope().kind()) {
                          case ACCOUNTS -> s.scope().accounts().size() + " compte(s)";
                          case ORGANIZATION -> "une organisation";
                          case BATCH -> "un lot d'échange avec un sous-traitant";
                        },
                        s.scope().from(),
                        s.scope().to(),
                        s.verified().end() - s.verified().first(),
                        s.verified().signedTo(),
                        s.completeness().state()))
            .toList();
    long persons = incident.totals().persons();
    return new NotificationDraft(
        incident.header().id().toString(),
        incident.header().reference(),
        version,
        version == 1 ? NotificationDraft.Kind.INITIAL : NotificationDraft.Kind.COMPLEMENTARY,
        at,
        controller,
        dpoContact,
        incident.header().declaredAt(),
        from(incident),
        to(incident),
        List.of("CONFIDENTIALITE"),
        texts.nature(),
        List.of("Demandeurs d'emploi inscrits ou anciennement inscrits"),
        persons,
        approximately(persons),
        incident.totals().records(),
        categories(incident),
        texts.consequences(),
        texts.measuresTaken(),
        texts.measuresProposed(),
        evidence,
        null,
        evidence.stream().anyMatch(e -> e.completeness() != Incident.Completeness.State.CONFIRMED));
  }

  /** The form's boxes in order, for the PDF. */
  static List<NotificationPdf.Block> blocks(NotificationDraft d) {
    NumberFormat n = NumberFormat.getIntegerInstance(Locale.FRANCE);
    List<NotificationPdf.Block> b = new ArrayList<>();
    b.add(
        NotificationPdf.Block.title(
            "Notification de violation de données personnelles (RGPD, article 33)"));
    b.add(
        NotificationPdf.Block.text(
            (d.kind() == NotificationDraft.Kind.INITIAL
                    ? "Notification initiale"
                    : "Notification complémentaire n° " + (d.version() - 1))
                + " — incident "
                + d.reference()
                + ", version "
                + d.version()
                + ", établie le "
                + d.draftedAt()));
    if (d.provisional()) {
      provisional(b, d.evidence());
    }
    if (d.changes() != null) {
      changes(b, d.changes(), n);
    }
    b.add(NotificationPdf.Block.title("Responsable de traitement et délégué à la protection"));
    b.add(NotificationPdf.Block.text(d.controller() + " — contact du DPO : " + d.dpoContact()));
    b.add(NotificationPdf.Block.title("Chronologie"));
    b.add(
        NotificationPdf.Block.text(
            "Période de la violation : du "
                + d.from()
                + " au "
                + d.to()
                + ". Incident déclaré le "
                + d.declaredAt()
                + "."));
    b.add(NotificationPdf.Block.title("Nature de la violation"));
    b.add(NotificationPdf.Block.text("Violation de la confidentialité. " + d.nature()));
    b.add(NotificationPdf.Block.title("Personnes concernées"));
    b.add(
        NotificationPdf.Block.text(
            String.join(", ", d.personCategories())
                + " : "
                + n.format(d.persons())
                + " personnes ("
                + d.personsApproximately()
                + "), "
                + n.format(d.records())
                + " consultations de dossiers (enregistrements)."));
    b.add(NotificationPdf.Block.title("Catégories de données"));
    for (NotificationDraft.DataCategory c : d.dataCategories()) {
      b.add(
          NotificationPdf.Block.text(
              "- " + c.category() + " : " + n.format(c.persons()) + " personnes"));
    }
    b.add(NotificationPdf.Block.title("Conséquences probables"));
    b.add(NotificationPdf.Block.text(d.consequences()));
    b.add(NotificationPdf.Block.title("Mesures prises"));
    b.add(NotificationPdf.Block.text(d.measuresTaken()));
    b.add(NotificationPdf.Block.title("Mesures envisagées"));
    b.add(NotificationPdf.Block.text(d.measuresProposed()));
    b.add(NotificationPdf.Block.title("Établissement des faits"));
    for (NotificationDraft.Evidence e : d.evidence()) {
      b.add(
          NotificationPdf.Block.text(
              "Périmètre "
                  + e.scope()
                  + " : "
                  + e.selection()
                  + ", du "
                  + e.from()
                  + " au "
                  + e.to()
                  + " ; "
                  + n.format(e.entriesVerified())
                  + " entrées du journal d'audit vérifiées (arbre de Merkle, points de contrôle"
                  + " signés jusqu'à la taille "
                  + n.format(e.signedTo())
                  + ")"
                  + (e.unconfirmed()
                      ? " ; vérification d'exhaustivité non terminée à la rédaction ("
                          + e.completeness()
                          + ")"
                      : "")
                  + "."));
    }
    return b;
  }

  /**
   * The warning of a version drafted before every scope was confirmed complete: its figures are
   * those the index gave, which the walk of the window may yet add to.
   */
  private static void provisional(
      List<NotificationPdf.Block> b, List<NotificationDraft.Evidence> evidence) {
    b.add(NotificationPdf.Block.title("Projet provisoire : périmètre non confirmé"));
    for (NotificationDraft.Evidence e : evidence) {
      if (e.completeness() == Incident.Completeness.State.PENDING) {
        b.add(
            NotificationPdf.Block.text(
                "Périmètre "
                    + e.scope()
                    + " : la vérification que l'index du journal d'audit n'a omis aucune"
                    + " consultation était en cours ; les chiffres ci-dessous peuvent augmenter."));
      } else if (e.completeness() == Incident.Completeness.State.FAILED) {
        b.add(
            NotificationPdf.Block.text(
                "Périmètre "
                    + e.scope()
                    + " : la vérification de l'exhaustivité a échoué ; les chiffres ci-dessous"
                    + " sont incomplets, le périmètre doit être établi de nouveau."));
      }
    }
    b.add(
        NotificationPdf.Block.text(
            "Établir une nouvelle version une fois chaque périmètre confirmé avant de la déposer."));
  }

  private static void changes(
      List<NotificationPdf.Block> b, NotificationDraft.Changes c, NumberFormat n) {
    b.add(
        NotificationPdf.Block.title(
            "Changements depuis la notification initiale (version " + c.since() + ")"));
    b.add(
        NotificationPdf.Block.text(
            "Personnes concernées : "
                + signed(c.personsAdded(), n)
                + " ; consultations de dossiers : "
                + signed(c.recordsAdded(), n)
                + "."));
    for (NotificationDraft.CategoryChange category : c.categories()) {
      b.add(
          NotificationPdf.Block.text(
              "- "
                  + category.category()
                  + " : "
                  + (category.personsBefore() == 0 ? "nouvelle catégorie, " : "")
                  + "de "
                  + n.format(category.personsBefore())
                  + " à "
                  + n.format(category.personsNow())
                  + " personnes"));
    }
    if (!c.newScopes().isEmpty()) {
      b.add(
          NotificationPdf.Block.text(
              "Périmètres ajoutés : "
                  + String.join(", ", c.newScopes().stream().map(String::valueOf).toList())
                  + " (voir « Établissement des faits »)."));
    }
  }

  private static String signed(long delta, NumberFormat n) {
    return (delta >= 0 ? "+" : "") + n.format(delta);
  }

  static List<NotificationDraft.DataCategory> categories(Incident incident) {
    List<NotificationDraft.DataCategory> categories = new ArrayList<>();
    for (FieldCategories.Category c : FieldCategories.CATEGORIES) {
      List<String> fields =
          c.fields().stream().filter(incident.totals().personsByField()::containsKey).toList();
      if (!fields.isEmpty()) {
        long persons =
            fields.stream().mapToLong(incident.totals().personsByField()::get).max().orElse(0);
        categories.add(new NotificationDraft.DataCategory(c.name(), fields, persons));
      }
    }
    return categories;
  }

  /** The form asks for an approximate number: rounded up to two significant digits. */
  static String approximately(long persons) {
    if (persons < 100) {
      return "environ " + persons;
    }
    long scale = (long) Math.pow(10, (long) Math.log10(persons) - 1);
    long rounded = (persons + scale - 1) / scale * scale;
    // French grouping, with plain spaces: the text goes into JSON and a form, not a typeset page.
    return "environ "
        + NumberFormat.getIntegerInstance(Locale.FRANCE).format(rounded).replace('\u202f', ' ');
  }

  private static Instant from(Incident incident) {
    return incident.scopes().stream()
        .map(s -> s.scope().from())
        .min(Comparator.naturalOrder())
        .orElse(incident.header().declaredAt());
  }

  private static Instant to(Incident incident) {
    return incident.scopes().stream()
        .map(s -> s.scope().to())
        .max(Comparator.naturalOrder())
        .orElse(incident.header().declaredAt());
  }

  private Optional<NotificationDraft> latest(IncidentId id) {
    return jdbc
        .queryForList(
            "select document::text from incident_notification where incident_id = ?"
                + " order by version desc limit 1",
            String.class,
            id.value())
        .stream()
        .findFirst()
        .map(text -> json.readValue(text, NotificationDraft.class));
  }

  private NotificationDraft stored(IncidentId id, int version) {
    return jdbc
        .queryForList(
            "select document::text from incident_notification where incident_id = ?"
                + " and version = ?",
            String.class,
            id.value(),
            version)
        .stream()
        .findFirst()
        .map(text -> json.readValue(text, NotificationDraft.class))
        .orElseThrow(
            () -> new VigieException(ProblemCode.INCIDENT_NOT_FOUND, "no such notification"));
  }

  private static void check(String name, String text) {
    if (text == null || text.isBlank()) {
      throw new VigieException(ProblemCode.FIELD_MISSING, name + ": required");
    }
    if (text.length() > MAX_TEXT) {
      throw new VigieException(
          ProblemCode.FIELD_INVALID, name + ": at most " + MAX_TEXT + " characters");
    }
  }

  /** The controller's DPO, active and unrestricted; a refusal is audited. */
  private void dpo(Actor actor, String what) {
    requireNonNull(actor, "actor is null");
    if (actor.role() != Role.DPO
        || !Scopes.national(actor.organizationKind(), actor.role())
        || actor.restricted()
        || actor.containment() != ContainmentState.ACTIVE) {
      audited(actor, what, AuditDecision.DENY);
      throw new VigieException(ProblemCode.ACCESS_DENIED, "notifications: the DPO only");
    }
  }

  private void audited(Actor actor, String what, AuditDecision decision) {
    audit.append(
        new AuditEvent(
            clock.instant(),
            actor.account().toString(),
            AuditAction.ADMIN,
            null,
            List.of(),
            what,
            decision,
            actor.channel().network(),
            actor.organization().value().toString()));
  }
}
