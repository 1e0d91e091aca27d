package fr.vigie.console;

import fr.vigie.VigieException;
import fr.vigie.identity.StaffPasskeys;
import fr.vigie.identity.StaffSignIn;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The account's passkeys: the list, and the registration of a new one by the browser ({@code
 * passkey.js} calls Spring Security's WebAuthn endpoints), which needs a second factor proved in
 * the last minutes; a session whose proof is older gives a fresh code here first.
 */
@Controller
@RequestMapping("/console/cles")
class PasskeyPages {
  private final StaffPasskeys passkeys;
  private final StaffSignIn steps;
  private final Texts texts;

  PasskeyPages(StaffPasskeys passkeys, StaffSignIn steps, Texts texts) {
    this.passkeys = passkeys;
    this.steps = steps;
    this.texts = texts;
  }

  @GetMapping
  String list(Model model) {
    model.addAttribute("passkeys", passkeys.ofCurrentAccount());
    model.addAttribute("fresh", passkeys.mayRegister());
    model.addAttribute("totp", passkeys.currentAccountHasTotp());
    model.addAttribute("totpOptional", passkeys.currentAccountMayGoWithoutTotp());
    return "console/cles";
  }

  /** The account keeps its passkeys only: its TOTP seed is forgotten (mailed, audited). */
  @PostMapping("/totp/retrait")
  String removeTotp(HttpServletResponse response, Model model, RedirectAttributes redirect) {
    try {
      passkeys.removeTotp();
      redirect.addFlashAttribute(
          "notice", "Application d'authentification retirée : connectez-vous avec votre clé.");
      return "redirect:/console/cles";
    } catch (VigieException e) {
      response.setStatus(e.code().httpStatus());
      model.addAttribute("error", texts.problem(e.code()));
      return list(model);
    }
  }

  /** A fresh TOTP code, so that the session may add a passkey. */
  @PostMapping("/code")
  String freshCode(
      @RequestParam(defaultValue = "") String code,
      HttpServletRequest request,
      HttpServletResponse response,
      Model model) {
    try {
      steps.stepUp(code, request, response);
      return "redirect:/console/cles";
    } catch (VigieException e) {
      response.setStatus(e.code().httpStatus());
      model.addAttribute("error", texts.problem(e.code()));
      return list(model);
    }
  }
}
