package fr.vigie.console;

import fr.vigie.ProblemCode;
import fr.vigie.VigieException;
import fr.vigie.detection.AccessWatch;
import fr.vigie.detection.Alert;
import fr.vigie.exchange.AddressAlerts;
import fr.vigie.identity.AccountId;
import fr.vigie.identity.StaffSignIn;
import fr.vigie.web.Analysts;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.List;
import java.util.UUID;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The security analyst's pages: the open alerts, refreshed every second by htmx without reloading
 * the page (reasons, persons touched by pseudonymous id), and one alert's decision, release or
 * confirm, which asks for a fresh TOTP code of the analyst each time. The alerts and decisions are
 * {@link AccessWatch}'s, as for the API. Below them, the exchange's address alerts, each released
 * with a fresh code through {@link AddressAlerts}, as the API does.
 */
@Controller
class AnalystPages {
  /** The most alerts the page lists. */
  static final int LIMIT = 100;

  /** How far the decision page looks for its alert among the open ones. */
  static final int MAX_LOOKUP = 500;

  private final AccessWatch watch;
  private final AddressAlerts addressAlerts;
  private final StaffSignIn steps;
  private final Texts texts;

  AnalystPages(AccessWatch watch, AddressAlerts addressAlerts, StaffSignIn steps, Texts texts) {
    this.watch = watch;
    this.addressAlerts = addressAlerts;
    this.steps = steps;
    this.texts = texts;
  }

  /** What the analyst decides. */
  enum Decision {
    RELEASE,
    CONFIRM
  }

  @GetMapping("/console/alertes")
  String alerts(Model model) {
    AccountId analyst = Analysts.require();
    model.addAttribute("alerts", watch.openAlerts(LIMIT, analyst));
    model.addAttribute("addressAlerts", addressAlerts.open(LIMIT, analyst));
    return "console/alertes";
  }

  /** An address alert's release, after a fresh code, as the API's. */
  @PostMapping("/console/alertes/adresses/{id}/liberation")
  String releaseAddress(
      @PathVariable UUID id,
      @RequestParam(defaultValue = "") String code,
      HttpServletRequest request,
      HttpServletResponse response,
      Model model,
      RedirectAttributes redirect) {
    AccountId analyst = Analysts.require();
    try {
      steps.stepUp(code, request, response);
    } catch (VigieException e) {
      response.setStatus(e.code().httpStatus());
      model.addAttribute("alerts", watch.openAlerts(LIMIT, analyst));
      model.addAttribute("addressAlerts", addressAlerts.open(LIMIT, analyst));
      model.addAttribute("error", texts.problem(e.code()));
      return "console/alertes";
    }
    addressAlerts.release(id, analyst);
    redirect.addFlashAttribute(
        "notice", "Adresse libérée : la plateforme d'échange la sert de nouveau.");
    return "redirect:/console/alertes";
  }

  /** The list alone: what htmx fetches every second into the page. */
  @GetMapping("/console/alertes/liste")
  String alertList(Model model) {
    model.addAttribute("alerts", watch.openAlerts(LIMIT, Analysts.require()));
    return "console/alertes :: liste";
  }

  @GetMapping("/console/alertes/{id}")
  String alert(@PathVariable UUID id, Model model) {
    model.addAttribute("alert", open(id));
    return "console/alerte";
  }

  /** A decision, after a fresh code: the session's proof is renewed, then the decision taken. */
  @PostMapping("/console/alertes/{id}/decision")
  String decide(
      @PathVariable UUID id,
      @RequestParam(required = false) Decision decision,
      @RequestParam(defaultValue = "") String code,
      HttpServletRequest request,
      HttpServletResponse response,
      Model model,
      RedirectAttributes redirect) {
    AccountId analyst = Analysts.require();
    Alert alert = open(id);
    if (decision == null) {
      throw new VigieException(ProblemCode.FIELD_MISSING, "decision: release or confirm");
    }
    try {
      steps.stepUp(code, request, response);
    } catch (VigieException e) {
      response.setStatus(e.code().httpStatus());
      model.addAttribute("alert", alert);
      model.addAttribute("error", texts.problem(e.code()));
      return "console/alerte";
    }
    Alert decided =
        switch (decision) {
          case RELEASE -> watch.release(id, analyst);
          case CONFIRM -> watch.confirm(id, analyst);
        };
    redirect.addFlashAttribute(
        "notice",
        decided.status().equals("RELEASED")
            ? "Compte libéré : il peut de nouveau travailler."
            : "Compromission confirmée : le compte reste suspendu.");
    return "redirect:/console/alertes";
  }

  private Alert open(UUID id) {
    List<Alert> open = watch.openAlerts(MAX_LOOKUP, Analysts.require());
    return open.stream()
        .filter(a -> a.id().equals(id))
        .findFirst()
        .orElseThrow(() -> new VigieException(ProblemCode.ALERT_NOT_FOUND, "no open alert " + id));
  }
}
