package fr.vigie.console;

import fr.vigie.ProblemCode;
import fr.vigie.VigieException;
import fr.vigie.access.Actor;
import fr.vigie.access.HeldRelationship;
import fr.vigie.access.Management;
import fr.vigie.access.TeamMember;
import fr.vigie.access.TimeBoxedRelationship;
import fr.vigie.identity.AccountId;
import fr.vigie.registry.PersonId;
import fr.vigie.web.CurrentActor;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
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
 * The manager's team: its advisors and their caseload sizes, one advisor's caseload, assigning a
 * person to an advisor, and the delegations (time-boxed relationships) granted and ended. Every
 * list and change is {@link Management}'s, checked and audited as for the API.
 */
@Controller
class TeamPages {
  /** How long the form proposes a delegation to last: a working day. */
  static final Duration PROPOSED = Duration.ofHours(10);

  private final Management management;
  private final CurrentActor actors;
  private final Texts texts;
  private final Clock clock;

  TeamPages(Management management, CurrentActor actors, Texts texts, Clock clock) {
    this.management = management;
    this.actors = actors;
    this.texts = texts;
    this.clock = clock;
  }

  /** A delegation as listed: the advisors by login where the team has them, else by id. */
  record Delegation(HeldRelationship held, String advisor, String colleague) {
    static Delegation of(HeldRelationship held, Map<AccountId, String> logins) {
      return new Delegation(
          held,
          logins.getOrDefault(held.advisor(), held.advisor().toString()),
          held.colleague() == null
              ? null
              : logins.getOrDefault(held.colleague(), held.colleague().toString()));
    }
  }

  @GetMapping("/console/equipe")
  String team(Model model) {
    Actor manager = actors.require();
    List<TeamMember> team = management.team(manager);
    Map<AccountId, String> logins =
        team.stream().collect(Collectors.toMap(TeamMember::advisor, TeamMember::login));
    model.addAttribute("team", team);
    model.addAttribute(
        "held",
        management.heldRelationships(manager).stream().map(h -> Delegation.of(h, logins)).toList());
    model.addAttribute("kinds", TimeBoxedRelationship.Kind.values());
    model.addAttribute("proposedStart", texts.localInput(clock.instant()));
    model.addAttribute("proposedEnd", texts.localInput(clock.instant().plus(PROPOSED)));
    return "console/equipe";
  }

  @GetMapping("/console/equipe/{advisor}")
  String caseload(
      @PathVariable UUID advisor, @RequestParam(defaultValue = "0") int offset, Model model) {
    model.addAttribute(
        "page",
        management.caseload(
            actors.require(), new AccountId(advisor), AdvisorPages.CASELOAD_PAGE, offset));
    model.addAttribute("advisor", advisor);
    model.addAttribute("next", offset + AdvisorPages.CASELOAD_PAGE);
    return "console/equipe-portefeuille";
  }

  /** Puts a person, named by its pseudonymous id, in the caseload of an advisor of the team. */
  @PostMapping("/console/equipe/affectation")
  String assign(
      @RequestParam(required = false) UUID advisor,
      @RequestParam(defaultValue = "") String person,
      RedirectAttributes redirect) {
    return answered(
        redirect,
        "Personne affectée au conseiller.",
        () -> management.assign(actors.require(), advisor(advisor), ConsoleIds.person(person)));
  }

  /** Grants a delegation: a cover names the colleague away, a session or a desk lists persons. */
  @PostMapping("/console/delegations")
  String grant(
      @RequestParam(required = false) TimeBoxedRelationship.Kind kind,
      @RequestParam(required = false) UUID advisor,
      @RequestParam(required = false) UUID colleague,
      @RequestParam(defaultValue = "") String persons,
      @RequestParam(defaultValue = "") String startsAt,
      @RequestParam(defaultValue = "") String endsAt,
      RedirectAttributes redirect) {
    return answered(
        redirect,
        "Délégation accordée.",
        () -> {
          if (kind == null) {
            throw new VigieException(ProblemCode.FIELD_MISSING, "kind");
          }
          boolean cover = kind == TimeBoxedRelationship.Kind.ABSENCE_COVER;
          management.grant(
              actors.require(),
              new TimeBoxedRelationship(
                  kind,
                  advisor(advisor),
                  cover ? advisor(colleague) : null,
                  cover ? List.of() : personList(persons),
                  texts.instant(startsAt),
                  texts.instant(endsAt)));
        });
  }

  @PostMapping("/console/delegations/{id}/fin")
  String revoke(@PathVariable UUID id, RedirectAttributes redirect) {
    boolean ended = management.revoke(actors.require(), new TimeBoxedRelationship.Id(id));
    redirect.addFlashAttribute(
        ended ? "notice" : "error",
        ended ? "Délégation terminée." : "Cette délégation était déjà terminée.");
    return "redirect:/console/equipe";
  }

  /** Runs a change; a refusal is told on the team's page, in French, and nothing is changed. */
  private String answered(RedirectAttributes redirect, String done, Runnable change) {
    try {
      change.run();
      redirect.addFlashAttribute("notice", done);
    } catch (VigieException e) {
      redirect.addFlashAttribute("error", texts.teamProblem(e.code()));
    }
    return "redirect:/console/equipe";
  }

  private static AccountId advisor(UUID id) {
    if (id == null) {
      throw new VigieException(ProblemCode.FIELD_MISSING, "advisor");
    }
    return new AccountId(id);
  }

  /** Pseudonymous ids, one per line or separated by spaces or commas. */
  private static List<PersonId> personList(String text) {
    return Arrays.stream(text.split("[\\s,;]+"))
        .filter(s -> !s.isBlank())
        .map(ConsoleIds::person)
        .distinct()
        .toList();
  }
}
