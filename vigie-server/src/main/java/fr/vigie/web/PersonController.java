package fr.vigie.web;

import fr.vigie.FieldText;
import fr.vigie.ProblemCode;
import fr.vigie.VigieException;
import fr.vigie.access.Criterion;
import fr.vigie.access.Justification;
import fr.vigie.access.PersonReads;
import fr.vigie.access.PersonView;
import fr.vigie.access.Purpose;
import fr.vigie.access.ReasonCode;
import fr.vigie.registry.PersonField;
import fr.vigie.registry.PersonId;
import java.time.LocalDate;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Persons over HTTP, thin over {@link PersonReads}. Identifiers, NIRs, emails and names travel in
 * request bodies only, never in URLs: URLs end up in logs.
 */
@RestController
@RequestMapping("/api/persons")
class PersonController {
  private final PersonReads reads;
  private final PersonSearch search;
  private final CurrentActor actors;
  private final fr.vigie.access.AccessJournal journal;

  PersonController(
      PersonReads reads,
      PersonSearch search,
      CurrentActor actors,
      fr.vigie.access.AccessJournal journal) {
    this.reads = reads;
    this.search = search;
    this.actors = actors;
    this.journal = journal;
  }

  /** A search: one exact criterion, as a blind index; at most 20 persons the actor may read. */
  record SearchRequest(Criterion criterion, String value, LocalDate birthDate, Purpose purpose) {}

  /** A person as disclosed: fields by their column name. */
  record PersonJson(String id, String basis, Map<String, String> fields) {
    static PersonJson of(PersonView view) {
      Map<String, String> fields = new LinkedHashMap<>();
      view.fields().forEach((field, value) -> fields.put(field.column(), value));
      return new PersonJson(view.id().toString(), view.basis().name(), fields);
    }
  }

  /** A read with a justification: break-the-glass for a person outside the caseload. */
  record ReadRequest(Purpose purpose, JustificationJson justification) {}

  record JustificationJson(ReasonCode reason, String text) {
    Justification toJustification() {
      return new Justification(reason, text);
    }
  }

  record UpdateRequest(
      Purpose purpose, Map<String, String> changes, JustificationJson justification) {}

  @PostMapping("/search")
  List<PersonJson> search(@RequestBody SearchRequest request) {
    return search
        .find(
            actors.require(),
            request.criterion(),
            request.value(),
            request.birthDate(),
            purpose(request.purpose()))
        .stream()
        .map(PersonJson::of)
        .toList();
  }

  @GetMapping("/{id}")
  PersonJson read(
      @PathVariable String id, @RequestParam(defaultValue = "FOLLOW_UP") Purpose purpose) {
    return PersonJson.of(
        reads.read(actors.require(), personId(id), purpose(purpose), Optional.empty()));
  }

  @PostMapping("/{id}/read")
  PersonJson readJustified(@PathVariable String id, @RequestBody ReadRequest request) {
    return PersonJson.of(
        reads.read(
            actors.require(),
            personId(id),
            purpose(request.purpose()),
            Optional.ofNullable(request.justification()).map(JustificationJson::toJustification)));
  }

  @GetMapping("/{id}/journal")
  List<fr.vigie.access.AccessJournal.Line> journal(@PathVariable String id) {
    return journal.of(actors.require(), personId(id));
  }

  @PatchMapping("/{id}")
  ResponseEntity<Void> update(@PathVariable String id, @RequestBody UpdateRequest request) {
    if (request.changes() == null || request.changes().isEmpty()) {
      throw new VigieException(ProblemCode.FIELD_MISSING, "changes: at least one field");
    }
    EnumMap<PersonField, String> changes = new EnumMap<>(PersonField.class);
    request
        .changes()
        .forEach(
            (column, value) -> {
              PersonField field = field(column);
              FieldText.line("changes." + column, value, field.maxLength());
              changes.put(field, value == null ? "" : value);
            });
    reads.update(
        actors.require(),
        personId(id),
        changes,
        purpose(request.purpose()),
        Optional.ofNullable(request.justification()).map(JustificationJson::toJustification));
    return ResponseEntity.noContent().build();
  }

  private static Purpose purpose(Purpose purpose) {
    if (purpose == Purpose.EXCHANGE) {
      // Exchange batches are read by the register for the exchange, never through the console.
      throw new VigieException(
          ProblemCode.ACCESS_DENIED, "the EXCHANGE purpose is for exchange batches only");
    }
    if (purpose == Purpose.BREACH_NOTICE) {
      // Notices are read by the breach outbox's sender, never through the console.
      throw new VigieException(
          ProblemCode.ACCESS_DENIED, "the BREACH_NOTICE purpose is for the notices' sender only");
    }
    return purpose == null ? Purpose.FOLLOW_UP : purpose;
  }

  static PersonId personId(String text) {
    try {
      return PersonId.parse(text);
    } catch (IllegalArgumentException e) {
      throw new VigieException(ProblemCode.PERSON_NOT_FOUND, "no person with this id");
    }
  }

  private static PersonField field(String column) {
    for (PersonField field : PersonField.values()) {
      if (field.column().equals(column)) {
        return field;
      }
    }
    throw new VigieException(ProblemCode.FIELD_INVALID, "changes: unknown field name");
  }
}
