package fr.vigie.console;

import fr.vigie.access.AccessJournal;
import fr.vigie.web.CurrentActor;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The data protection officer's page: a person's access journal, asked for by the person's
 * pseudonymous id in a posted form, shown once after the redirect. The journal is {@link
 * AccessJournal}'s, which records who read it, as for the API.
 */
@Controller
class DpoPages {
  private final AccessJournal journal;
  private final CurrentActor actors;

  DpoPages(AccessJournal journal, CurrentActor actors) {
    this.journal = journal;
    this.actors = actors;
  }

  @GetMapping("/console/journal")
  String form() {
    return "console/journal";
  }

  @PostMapping("/console/journal")
  String read(@RequestParam(defaultValue = "") String person, RedirectAttributes redirect) {
    redirect.addFlashAttribute("lines", journal.of(actors.require(), ConsoleIds.person(person)));
    return "redirect:/console/journal";
  }
}
