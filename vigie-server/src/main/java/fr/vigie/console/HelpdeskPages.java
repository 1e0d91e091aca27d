package fr.vigie.console;

import fr.vigie.VigieException;
import fr.vigie.identity.RecoveryDesk;
import jakarta.servlet.http.HttpServletResponse;
import java.util.UUID;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The helpdesk's pages: find an account it serves (the login is posted, never in a URL), reset it,
 * and follow the recoveries it started. The rules are {@link RecoveryDesk}'s, as for the API; the
 * temporary password is shown once, in the answer to the reset's POST.
 */
@Controller
@RequestMapping("/console/assistance")
class HelpdeskPages {
  private final RecoveryDesk desk;
  private final Texts texts;

  HelpdeskPages(RecoveryDesk desk, Texts texts) {
    this.desk = desk;
    this.texts = texts;
  }

  @GetMapping
  String desk(Model model) {
    model.addAttribute("recoveries", desk.startedByCurrent());
    return "console/assistance";
  }

  @PostMapping
  String find(@RequestParam(defaultValue = "") String login, Model model) {
    desk.find(login.strip())
        .ifPresentOrElse(
            account -> model.addAttribute("account", account),
            () ->
                model.addAttribute(
                    "error",
                    "Aucun compte des structures que vous servez ne porte cet identifiant."));
    return desk(model);
  }

  @PostMapping("/reinitialisation")
  String reset(@RequestParam UUID account, HttpServletResponse response, Model model) {
    try {
      model.addAttribute("started", desk.reset(account));
      return "console/assistance-reinitialisation";
    } catch (VigieException e) {
      response.setStatus(e.code().httpStatus());
      model.addAttribute("error", texts.problem(e.code()));
      return desk(model);
    }
  }
}
