package fr.vigie.web;

import fr.vigie.access.JustificationId;
import fr.vigie.access.Management;
import fr.vigie.access.ReviewOutcome;
import fr.vigie.identity.AccountId;
import fr.vigie.identity.OrganizationId;
import java.util.UUID;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
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
        new OrganizationId(request.organization()));
    return ResponseEntity.noContent().build();
  }

  /** A manager reviews a justification written in its organization. */
  @PostMapping("/api/justifications/{id}/review")
  ResponseEntity<Void> review(@PathVariable UUID id, @RequestBody ReviewRequest request) {
    boolean done = management.review(actors.require(), new JustificationId(id), request.outcome());
    return done ? ResponseEntity.noContent().build() : ResponseEntity.status(409).build();
  }
}
