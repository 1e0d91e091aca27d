package fr.vigie.console;

import fr.vigie.access.JustificationId;
import fr.vigie.access.Management;
import fr.vigie.access.ReviewOutcome;
import fr.vigie.web.CurrentActor;
import java.util.UUID;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The manager's review queue: the team's out-of-caseload reads not yet reviewed, each upheld or
 * rejected. The queue and the verdicts are {@link Management}'s, audited as by the API.
 */
@Controller
class ManagerPages {
  /** The most justifications the page lists. */
  static final int LIMIT = 50;

  private final Management management;
  private final CurrentActor actors;

  ManagerPages(Management management, CurrentActor actors) {
    this.management = management;
    this.actors = actors;
  }

  @GetMapping("/console/revue")
  String queue(Model model) {
    model.addAttribute("pending", management.pendingJustifications(actors.require(), LIMIT));
    return "console/revue";
  }

  @PostMapping("/console/revue/{id}")
  String review(
      @PathVariable UUID id,
      @RequestParam(required = false) ReviewOutcome outcome,
      RedirectAttributes redirect) {
    boolean done = management.review(actors.require(), new JustificationId(id), outcome);
    redirect.addFlashAttribute(
        "notice",
        !done
            ? "Ce motif avait déjà été revu."
            : outcome == ReviewOutcome.UPHELD ? "Motif accepté." : "Motif refusé.");
    return "redirect:/console/revue";
  }
}
