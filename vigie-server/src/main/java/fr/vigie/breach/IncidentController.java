package fr.vigie.breach;

import fr.vigie.ProblemCode;
import fr.vigie.VigieException;
import fr.vigie.access.Actor;
import fr.vigie.access.StaffActors;
import fr.vigie.exchange.BatchId;
import fr.vigie.identity.AccountId;
import fr.vigie.identity.OrganizationId;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Incidents for security analysts and the DPO: declare, widen, read. Pseudonymous ids only. */
@RestController
@RequestMapping("/api/incidents")
class IncidentController {
  private final Incidents incidents;

  IncidentController(Incidents incidents) {
    this.incidents = incidents;
  }

  /** A scope as sent: accounts, or an organization, and a window; or an exchange batch alone. */
  record ScopeJson(List<UUID> accounts, UUID organization, UUID batch, Instant from, Instant to) {
    Scope toScope(Incidents incidents) {
      if (batch != null) {
        if (organization != null || (accounts != null && !accounts.isEmpty())) {
          throw new VigieException(
              ProblemCode.FIELD_INVALID, "batch: alone, without accounts or organization");
        }
        return incidents.ofBatch(new BatchId(batch));
      }
      if (organization != null) {
        if (accounts != null && !accounts.isEmpty()) {
          throw new VigieException(
              ProblemCode.FIELD_INVALID, "accounts, organization: one or the other");
        }
        return Scope.ofOrganization(new OrganizationId(organization), from, to);
      }
      if (accounts == null || accounts.isEmpty()) {
        throw new VigieException(ProblemCode.FIELD_MISSING, "accounts or organization: required");
      }
      Set<AccountId> ids = accounts.stream().map(AccountId::new).collect(Collectors.toSet());
      return Scope.ofAccounts(ids, from, to);
    }
  }

  record Declaration(String reference, ScopeJson scope) {}

  @PostMapping
  Incident declare(@RequestBody Declaration request) {
    if (request.scope() == null) {
      throw new VigieException(ProblemCode.FIELD_MISSING, "scope: required");
    }
    return incidents.declare(actor(), request.reference(), request.scope().toScope(incidents));
  }

  @PostMapping("/{id}/scopes")
  Incident widen(@PathVariable UUID id, @RequestBody ScopeJson scope) {
    return incidents.widen(actor(), new IncidentId(id), scope.toScope(incidents));
  }

  @GetMapping
  List<Incident.Header> list(
      @RequestParam(defaultValue = "100") int limit, @RequestParam(defaultValue = "0") int offset) {
    return incidents.list(actor(), limit, offset);
  }

  @GetMapping("/{id}")
  Incident get(@PathVariable UUID id) {
    return incidents.get(actor(), new IncidentId(id));
  }

  @GetMapping("/{id}/persons")
  List<Incident.Person> persons(
      @PathVariable UUID id,
      @RequestParam(defaultValue = "1000") int limit,
      @RequestParam(defaultValue = "0") int offset) {
    return incidents.persons(actor(), new IncidentId(id), limit, offset);
  }

  /** Requests reach here fully signed in; the service checks the role and audits. */
  static Actor actor() {
    return StaffActors.current();
  }
}
