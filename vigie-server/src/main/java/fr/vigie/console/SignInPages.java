package fr.vigie.console;

import fr.vigie.ProblemCode;
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

/**
 * Sign-in in the browser: the password, then a TOTP code, or the first enrollment of a TOTP seed
 * with its QR code. Each step is {@link StaffSignIn}'s, as for the API; a refusal re-renders the
 * form with the same words whatever its reason.
 */
@Controller
@RequestMapping("/console/connexion")
class SignInPages {
  private final StaffSignIn steps;
  private final StaffPasskeys passkeys;
  private final Texts texts;

  SignInPages(StaffSignIn steps, StaffPasskeys passkeys, Texts texts) {
    this.steps = steps;
    this.passkeys = passkeys;
    this.texts = texts;
  }

  @GetMapping
  String passwordForm() {
    return next(steps.step(), "console/connexion");
  }

  @PostMapping
  String password(
      @RequestParam(defaultValue = "") String login,
      @RequestParam(defaultValue = "") String password,
      HttpServletRequest request,
      HttpServletResponse response,
      Model model) {
    try {
      StaffSignIn.Step step = steps.password(login, password, request, response);
      if (steps.suspended()) {
        // Said only after the right password: a suspended account is told why it gets nothing.
        steps.signOut(request, response);
        throw new VigieException(ProblemCode.ACCOUNT_SUSPENDED, "suspended");
      }
      return "redirect:" + path(step);
    } catch (VigieException e) {
      return refused(e, model, response, "console/connexion");
    }
  }

  /** The second factor: a TOTP code, or the account's passkey when it has one. */
  @GetMapping("/code")
  String codeForm(Model model) {
    secondFactors(model);
    return next(steps.step(), "console/code");
  }

  /** Which second factors the code page offers: the account's own. */
  private void secondFactors(Model model) {
    model.addAttribute("passkey", passkeys.currentAccountHasOne());
    model.addAttribute("totp", passkeys.currentAccountHasTotp());
  }

  @PostMapping("/code")
  String code(
      @RequestParam(defaultValue = "") String code,
      HttpServletRequest request,
      HttpServletResponse response,
      Model model) {
    try {
      steps.totp(code, request, response);
      return "redirect:" + path(steps.step());
    } catch (VigieException e) {
      secondFactors(model);
      return refused(e, model, response, "console/code");
    }
  }

  @GetMapping("/enrolement")
  String enrollmentStart() {
    return next(steps.step(), "console/enrolement");
  }

  /** A new seed, shown once in this answer (a POST: not in history, not re-fetchable). */
  @PostMapping("/enrolement")
  String enrollment(
      @RequestParam(defaultValue = "") String recoveryCode,
      HttpServletRequest request,
      HttpServletResponse response,
      Model model) {
    try {
      String uri = steps.beginTotp(recoveryCode.isBlank() ? null : recoveryCode, request);
      model.addAttribute("qr", QrCode.svg(uri, "Code QR à scanner avec votre application"));
      model.addAttribute("secret", secretOf(uri));
      return "console/enrolement-code";
    } catch (VigieException e) {
      return refused(e, model, response, "console/enrolement");
    }
  }

  @PostMapping("/enrolement/confirmation")
  String confirm(
      @RequestParam(defaultValue = "") String code,
      HttpServletRequest request,
      HttpServletResponse response,
      Model model) {
    try {
      steps.confirmTotp(code, request, response);
      return "redirect:/console";
    } catch (VigieException e) {
      return refused(e, model, response, "console/enrolement");
    }
  }

  /** Where a session at {@code step} goes; {@code page} when it is this step's. */
  private static String next(StaffSignIn.Step step, String page) {
    String here = path(step);
    return page.equals(view(step)) ? page : "redirect:" + here;
  }

  private static String view(StaffSignIn.Step step) {
    return switch (step) {
      case NONE -> "console/connexion";
      case CODE_REQUIRED -> "console/code";
      case ENROLLMENT_REQUIRED -> "console/enrolement";
      case SIGNED_IN -> "console/accueil";
    };
  }

  private static String path(StaffSignIn.Step step) {
    return switch (step) {
      case NONE -> "/console/connexion";
      case CODE_REQUIRED -> "/console/connexion/code";
      case ENROLLMENT_REQUIRED -> "/console/connexion/enrolement";
      case SIGNED_IN -> "/console";
    };
  }

  private String refused(VigieException e, Model model, HttpServletResponse response, String page) {
    response.setStatus(e.code().httpStatus());
    model.addAttribute("error", texts.problem(e.code()));
    e.retryAfter()
        .ifPresent(
            wait -> {
              response.setHeader("Retry-After", Long.toString(wait.toSeconds()));
              model.addAttribute("retryAfter", wait.toSeconds());
            });
    return page;
  }

  private static String secretOf(String otpauthUri) {
    String query = otpauthUri.substring(otpauthUri.indexOf('?') + 1);
    for (String parameter : query.split("&")) {
      if (parameter.startsWith("secret=")) {
        return parameter.substring("secret=".length());
      }
    }
    throw new IllegalStateException("no secret in the otpauth URI");
  }
}
