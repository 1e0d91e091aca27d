package fr.vigie.console;

import fr.vigie.VigieException;
import fr.vigie.identity.ContainmentState;
import fr.vigie.identity.StaffPasskeys;
import fr.vigie.identity.StaffPrincipal;
import fr.vigie.identity.StaffSignIn;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The pages of every signed-in account: the home (each role's main page), the guard's page (a
 * step-up to give, a throttle to wait out), the refusal, the password change and sign-out.
 */
@Controller
class ConsolePages {
  private final StaffSignIn steps;
  private final StaffPasskeys passkeys;
  private final Texts texts;

  ConsolePages(StaffSignIn steps, StaffPasskeys passkeys, Texts texts) {
    this.steps = steps;
    this.passkeys = passkeys;
    this.texts = texts;
  }

  /** Each role lands on its main page; a subcontractor's operator, which has none, on the home. */
  @GetMapping("/console")
  String home() {
    StaffPrincipal staff = StaffPrincipal.current().orElseThrow();
    return switch (staff.role()) {
      case ADVISOR -> "redirect:/console/recherche";
      case MANAGER -> "redirect:/console/revue";
      case DPO -> "redirect:/console/journal";
      case SECURITY_ANALYST -> "redirect:/console/alertes";
      case HELPDESK -> "redirect:/console/assistance";
      case ADMINISTRATOR -> "redirect:/console/administration";
      case SUBCONTRACTOR_OPERATOR -> "console/accueil";
    };
  }

  @GetMapping("/console/refus")
  String refused(HttpServletResponse response) {
    response.setStatus(HttpServletResponse.SC_FORBIDDEN);
    return "console/refus";
  }

  @GetMapping("/console/garde")
  String guard(Model model) {
    ContainmentState state =
        StaffPrincipal.current().map(StaffPrincipal::containment).orElse(ContainmentState.ACTIVE);
    model.addAttribute("state", state.name());
    model.addAttribute("passkey", passkeys.currentAccountHasOne());
    return "console/garde";
  }

  @PostMapping("/console/garde")
  String stepUp(
      @RequestParam(defaultValue = "") String code,
      HttpServletRequest request,
      HttpServletResponse response,
      Model model) {
    try {
      steps.stepUp(code, request, response);
      return "redirect:/console";
    } catch (VigieException e) {
      response.setStatus(e.code().httpStatus());
      model.addAttribute("state", ContainmentState.STEP_UP.name());
      model.addAttribute("passkey", passkeys.currentAccountHasOne());
      model.addAttribute("error", texts.problem(e.code()));
      return "console/garde";
    }
  }

  @GetMapping("/console/mot-de-passe")
  String passwordForm() {
    return "console/mot-de-passe";
  }

  @PostMapping("/console/mot-de-passe")
  String changePassword(
      @RequestParam(defaultValue = "") String current,
      @RequestParam(defaultValue = "") String next,
      HttpServletRequest request,
      HttpServletResponse response,
      Model model,
      RedirectAttributes redirect) {
    try {
      steps.changePassword(current, next, request, response);
      redirect.addFlashAttribute(
          "notice", "Mot de passe changé ; vos autres sessions sont fermées.");
      return "redirect:/console/mot-de-passe";
    } catch (VigieException e) {
      response.setStatus(e.code().httpStatus());
      model.addAttribute("error", texts.problem(e.code()));
      return "console/mot-de-passe";
    }
  }

  /** The session warning's "stay signed in": any request keeps the session alive. */
  @GetMapping("/console/presence")
  ResponseEntity<Void> presence() {
    return ResponseEntity.noContent().build();
  }

  @PostMapping("/console/deconnexion")
  String signOut(HttpServletRequest request, HttpServletResponse response) {
    steps.signOut(request, response);
    return "redirect:/console/connexion";
  }
}
