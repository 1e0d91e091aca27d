package fr.vigie.console;

import fr.vigie.ProblemCode;
import fr.vigie.VigieException;
import fr.vigie.access.Actor;
import fr.vigie.breach.Incident;
import fr.vigie.breach.IncidentId;
import fr.vigie.breach.Incidents;
import fr.vigie.breach.Notices;
import fr.vigie.breach.Notifications;
import fr.vigie.breach.Scope;
import fr.vigie.detection.Activity;
import fr.vigie.identity.AccountId;
import fr.vigie.identity.OrganizationId;
import fr.vigie.identity.Role;
import fr.vigie.web.CurrentActor;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Incidents as the DPO and the security analysts work them: declared and scoped (accounts or an
 * organization, and a window), widened, listed; what each scope verified and found; and, for the
 * DPO, the notices of article 34 put in the outbox and their progress. Everything is {@link
 * Incidents}' and {@link Notices}', checked and audited as for the API and the command line.
 */
@Controller
class IncidentPages {
  /** The incidents the list shows. */
  static final int LIMIT = 50;

  /** The window the declaration form proposes: the last day. */
  static final Duration PROPOSED = Duration.ofDays(1);

  private final Incidents incidents;
  private final Notices notices;
  private final Notifications notifications;
  private final NoticeRuns runs;
  private final Activity activity;
  private final CurrentActor actors;
  private final Texts texts;
  private final Clock clock;

  IncidentPages(
      Incidents incidents,
      Notices notices,
      Notifications notifications,
      NoticeRuns runs,
      Activity activity,
      CurrentActor actors,
      Texts texts,
      Clock clock) {
    this.incidents = incidents;
    this.notices = notices;
    this.notifications = notifications;
    this.runs = runs;
    this.activity = activity;
    this.actors = actors;
    this.texts = texts;
    this.clock = clock;
  }

  @GetMapping("/console/incidents")
  String list(Model model) {
    Actor actor = actors.require();
    model.addAttribute("incidents", incidents.list(actor, LIMIT, 0));
    scopeForm(actor, model);
    return "console/incidents";
  }

  /**
   * A scope as the form sends it: an organization, or account ids one per line; the window in Paris
   * time.
   */
  record ScopeForm(UUID organization, String accounts, String from, String to) {}

  @PostMapping("/console/incidents")
  String declare(
      @RequestParam(defaultValue = "") String reference,
      ScopeForm form,
      RedirectAttributes redirect) {
    try {
      Incident declared = incidents.declare(actors.require(), reference.strip(), scope(form));
      redirect.addFlashAttribute("notice", "Incident déclaré et évalué.");
      return "redirect:/console/incidents/" + declared.header().id();
    } catch (VigieException e) {
      redirect.addFlashAttribute("error", texts.incidentProblem(e.code()));
      return "redirect:/console/incidents";
    }
  }

  @GetMapping("/console/incidents/{id}")
  String incident(@PathVariable UUID id, Model model) {
    Actor actor = actors.require();
    IncidentId incident = new IncidentId(id);
    Incident shown = incidents.get(actor, incident);
    model.addAttribute("incident", shown);
    model.addAttribute("incidentId", id);
    if (actor.role() == Role.DPO) {
      model.addAttribute("drafts", notifications.versions(actor, incident));
      model.addAttribute("outbox", notices.status(actor, incident));
      model.addAttribute("run", runs.last(incident).orElse(null));
    }
    model.addAttribute("unconfirmed", unconfirmed(shown));
    scopeForm(actor, model);
    return "console/incident";
  }

  /** Whether a scope's completeness walk has not confirmed it (yet). */
  static boolean unconfirmed(Incident incident) {
    return incident.scopes().stream()
        .map(Incident.ScopeRecord::completeness)
        .anyMatch(c -> c != null && c.state() != Incident.Completeness.State.CONFIRMED);
  }

  @PostMapping("/console/incidents/{id}/perimetres")
  String widen(@PathVariable UUID id, ScopeForm form, RedirectAttributes redirect) {
    try {
      incidents.widen(actors.require(), new IncidentId(id), scope(form));
      redirect.addFlashAttribute("notice", "Périmètre ajouté et évalué.");
    } catch (VigieException e) {
      redirect.addFlashAttribute("error", texts.incidentProblem(e.code()));
    }
    return "redirect:/console/incidents/" + id;
  }

  private static final Duration PAGE_WAIT = Duration.ofSeconds(10);

  /** The DPO puts every person the incident touched in the notices' outbox, each once. */
  @PostMapping("/console/incidents/{id}/notifications")
  String prepare(@PathVariable UUID id, RedirectAttributes redirect) {
    try {
      // A page waits only briefly for the walk that confirms a scope; past it, it says so.
      int added = notices.prepare(actors.require(), new IncidentId(id), PAGE_WAIT);
      redirect.addFlashAttribute(
          "notice", added + " notification(s) ajoutée(s) à l'envoi, chacune une seule fois.");
    } catch (VigieException e) {
      redirect.addFlashAttribute("error", texts.incidentProblem(e.code()));
    }
    return "redirect:/console/incidents/" + id;
  }

  private void scopeForm(Actor actor, Model model) {
    model.addAttribute("organizations", activity.organizations(actor.account()));
    Instant now = clock.instant();
    model.addAttribute("proposedFrom", texts.localInput(now.minus(PROPOSED)));
    model.addAttribute("proposedTo", texts.localInput(now));
  }

  private Scope scope(ScopeForm form) {
    Instant start = texts.instant(Objects.toString(form.from(), ""));
    Instant end = texts.instant(Objects.toString(form.to(), ""));
    UUID organization = form.organization();
    Set<AccountId> named =
        Arrays.stream(Objects.toString(form.accounts(), "").split("[\\s,;]+"))
            .filter(s -> !s.isBlank())
            .map(IncidentPages::account)
            .collect(Collectors.toSet());
    if (organization != null && !named.isEmpty()) {
      throw new VigieException(ProblemCode.FIELD_INVALID, "accounts, organization: one or other");
    }
    return organization != null
        ? Scope.ofOrganization(new OrganizationId(organization), start, end)
        : Scope.ofAccounts(named, start, end);
  }

  private static AccountId account(String text) {
    try {
      return new AccountId(UUID.fromString(text));
    } catch (IllegalArgumentException e) {
      throw new VigieException(ProblemCode.FIELD_INVALID, "accounts: ids of staff accounts");
    }
  }
}
