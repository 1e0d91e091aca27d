package fr.vigie.console;

import fr.vigie.VigieException;
import fr.vigie.identity.RecoveryDesk;
import java.util.UUID;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * A manager's part of an account recovery: the open recoveries of its organization, each approved
 * once the manager has checked with the owner, so that the owner may enroll a new second factor.
 */
@Controller
class RecoveryApprovalPages {
  private final RecoveryDesk desk;
  private final Texts texts;

  RecoveryApprovalPages(RecoveryDesk desk, Texts texts) {
    this.desk = desk;
    this.texts = texts;
  }

  @GetMapping("/console/recuperations")
  String open(Model model) {
    model.addAttribute("recoveries", desk.awaitingApproval());
    return "console/recuperations";
  }

  @PostMapping("/console/recuperations/{id}/approbation")
  String approve(@PathVariable UUID id, RedirectAttributes redirect) {
    try {
      desk.approve(id);
      redirect.addFlashAttribute(
          "notice", "Récupération approuvée : le titulaire peut enregistrer un second facteur.");
    } catch (VigieException e) {
      redirect.addFlashAttribute("error", texts.problem(e.code()));
    }
    return "redirect:/console/recuperations";
  }
}
