package fr.vigie.web;

import fr.vigie.ProblemCode;
import fr.vigie.VigieException;
import fr.vigie.access.CaseloadEntry;
import fr.vigie.access.CaseloadPage;
import fr.vigie.access.JustificationId;
import fr.vigie.access.Management;
import fr.vigie.access.PendingJustification;
import fr.vigie.access.ReviewOutcome;
import fr.vigie.access.TimeBoxedRelationship;
import fr.vigie.identity.AccountId;
import fr.vigie.identity.OrganizationId;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Caseloads, referrals and justification reviews over HTTP, thin over {@link Management}. */
@RestController
class RelationshipController {
  private final Management management;
  private final CurrentActor actors;

  RelationshipController(Management management, CurrentActor actors) {
    this.management = management;
    this.actors = actors;
  }

  record ReferralRequest(UUID organization) {}

  record ReviewRequest(ReviewOutcome outcome) {}

  /** A manager's time-boxed relationship: a cover names a colleague, a list names persons. */
  record TimeBoxedRequest(
      TimeBoxedRelationship.Kind kind,
      UUID advisor,
      UUID colleague,
      List<String> persons,
      Instant startsAt,
      Instant endsAt) {
    TimeBoxedRelationship relationship() {
      if (kind == null || advisor == null || startsAt == null || endsAt == null) {
        throw new VigieException(
            ProblemCode.FIELD_MISSING, "kind, advisor, startsAt and endsAt: are required");
      }
      return new TimeBoxedRelationship(
          kind,
          new AccountId(advisor),
          colleague == null ? null : new AccountId(colleague),
          persons == null ? List.of() : persons.stream().map(PersonController::personId).toList(),
          startsAt,
          endsAt);
    }

    @Override
    public String toString() {
      return "TimeBoxedRequest[" + kind + " advisor=" + advisor + "]";
    }
  }

  /** A pending justification as the manager reviews it; ids, a code, a time, staff text. */
  record PendingView(
      UUID id, UUID account, String person, String reason, Instant createdAt, String text) {
    static PendingView of(PendingJustification j) {
      return new PendingView(
          j.id().value(),
          j.account().value(),
          j.person().toString(),
          j.reason().name(),
          j.createdAt(),
          j.text());
    }

    @Override
    public String toString() {
      return "PendingView[id=" + id + "]";
    }
  }

  /**
   * The signed-in advisor's persons, by id: its caseload ({@code assignedAt}), or for a partner's
   * advisor the persons referred to its organization ({@code referredAt}). Paginated.
   */
  @GetMapping("/api/caseloads/me")
  Map<String, Object> mine(
      @RequestParam(defaultValue = "100") int limit, @RequestParam(defaultValue = "0") int offset) {
    return view(management.ownCaseload(actors.require(), limit, offset));
  }

  /** The caseload of an advisor, for a manager of its organization. Paginated. */
  @GetMapping("/api/caseloads/{advisor}")
  Map<String, Object> caseload(
      @PathVariable UUID advisor,
      @RequestParam(defaultValue = "100") int limit,
      @RequestParam(defaultValue = "0") int offset) {
    return view(management.caseload(actors.require(), new AccountId(advisor), limit, offset));
  }

  /** A manager's review queue: its organization's justifications not reviewed yet, newest first. */
  @GetMapping("/api/justifications")
  List<PendingView> justifications(
      @RequestParam String status, @RequestParam(defaultValue = "50") int limit) {
    if (!"pending".equals(status)) {
      throw new VigieException(ProblemCode.FIELD_INVALID, "status: only pending is supported");
    }
    return management.pendingJustifications(actors.require(), limit).stream()
        .map(PendingView::of)
        .toList();
  }

  /** A manager puts a person of its organization in the caseload of one of its advisors. */
  @PutMapping("/api/caseloads/{advisor}/persons/{person}")
  ResponseEntity<Void> assign(@PathVariable UUID advisor, @PathVariable String person) {
    management.assign(actors.require(), new AccountId(advisor), PersonController.personId(person));
    return ResponseEntity.noContent().build();
  }

  @DeleteMapping("/api/caseloads/{advisor}/persons/{person}")
  ResponseEntity<Void> unassign(@PathVariable UUID advisor, @PathVariable String person) {
    boolean removed =
        management.unassign(
            actors.require(), new AccountId(advisor), PersonController.personId(person));
    return removed ? ResponseEntity.noContent().build() : ResponseEntity.notFound().build();
  }

  /** An agency advisor refers a person of its caseload to a partner organization. */
  @PostMapping("/api/persons/{person}/referrals")
  ResponseEntity<Void> refer(@PathVariable String person, @RequestBody ReferralRequest request) {
    management.refer(
        actors.require(),
        PersonController.personId(person),
        request.organization() == null ? null : new OrganizationId(request.organization()));
    return ResponseEntity.noContent().build();
  }

  /**
   * A manager makes out-of-caseload work explicit for a while: one of its advisors covers an absent
   * colleague, or reads a session's or a reception desk's list without breaking the glass.
   */
  @PostMapping("/api/relationships")
  ResponseEntity<Map<String, Object>> grant(@RequestBody TimeBoxedRequest request) {
    TimeBoxedRelationship.Id id = management.grant(actors.require(), request.relationship());
    return ResponseEntity.status(201).body(Map.of("id", id.value()));
  }

  /** A manager ends a time-boxed relationship of its organization before its end. */
  @DeleteMapping("/api/relationships/{id}")
  ResponseEntity<Void> revoke(@PathVariable UUID id) {
    boolean revoked = management.revoke(actors.require(), new TimeBoxedRelationship.Id(id));
    return revoked ? ResponseEntity.noContent().build() : ResponseEntity.notFound().build();
  }

  /** A manager reviews a justification written in its organization. */
  @PostMapping("/api/justifications/{id}/review")
  ResponseEntity<Void> review(@PathVariable UUID id, @RequestBody ReviewRequest request) {
    boolean done = management.review(actors.require(), new JustificationId(id), request.outcome());
    return done ? ResponseEntity.noContent().build() : ResponseEntity.status(409).build();
  }

  private static Map<String, Object> view(CaseloadPage page) {
    String since =
        switch (page.basis()) {
          case REFERRAL -> "referredAt";
          case CASELOAD, JUSTIFICATION, TIME_BOXED, REVIEW, SELF, NOTICE -> "assignedAt";
        };
    List<Map<String, Object>> persons =
        page.entries().stream().map((CaseloadEntry e) -> entry(e, since)).toList();
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("basis", page.basis().name());
    body.put("persons", persons);
    body.put("offset", page.offset());
    body.put("more", page.more());
    return body;
  }

  private static Map<String, Object> entry(CaseloadEntry entry, String since) {
    Map<String, Object> row = new LinkedHashMap<>();
    row.put("person", entry.person().toString());
    row.put(since, entry.since());
    return row;
  }
}
