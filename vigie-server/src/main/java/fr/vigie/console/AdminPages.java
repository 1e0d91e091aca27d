package fr.vigie.console;

import fr.vigie.VigieException;
import fr.vigie.audit.AuditLog;
import fr.vigie.crypto.KeyRing;
import fr.vigie.identity.Administration;
import fr.vigie.identity.OrganizationKind;
import fr.vigie.identity.Role;
import fr.vigie.registry.Registry;
import jakarta.servlet.http.HttpServletResponse;
import java.util.HexFormat;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The administrator's pages: organizations and accounts ({@link Administration}), where the key
 * rotation stands ({@link Registry#keyRotationStatus}) and the audit log's latest signed
 * checkpoint, both read-only: rotating keys stays {@code vigie keys rotate}, on the machine that
 * holds them.
 */
@Controller
@RequestMapping("/console/administration")
class AdminPages {
  private final Administration administration;
  private final Registry registry;
  private final KeyRing keys;
  private final AuditLog audit;
  private final Texts texts;

  AdminPages(
      Administration administration, Registry registry, KeyRing keys, AuditLog audit, Texts texts) {
    this.administration = administration;
    this.registry = registry;
    this.keys = keys;
    this.audit = audit;
    this.texts = texts;
  }

  @GetMapping
  String overview(Model model) {
    model.addAttribute("organizations", administration.organizations());
    model.addAttribute("kinds", OrganizationKind.values());
    model.addAttribute("roles", Role.values());
    model.addAttribute("keyStatus", registry.keyRotationStatus(keys.describe()));
    audit
        .latestCheckpoint()
        .ifPresent(
            checkpoint -> {
              model.addAttribute("checkpoint", checkpoint);
              model.addAttribute("root", HexFormat.of().formatHex(checkpoint.root()));
            });
    model.addAttribute("verifierKey", audit.verifierKey());
    return "console/administration";
  }

  @PostMapping("/organisations")
  String openOrganization(
      @RequestParam(defaultValue = "") String code,
      @RequestParam OrganizationKind kind,
      @RequestParam(defaultValue = "") String name,
      RedirectAttributes redirect) {
    if (code.isBlank() || name.isBlank()) {
      redirect.addFlashAttribute("error", "Le code et le nom de la structure sont requis.");
    } else if (administration.openOrganization(code.strip(), kind, name.strip())) {
      redirect.addFlashAttribute("notice", "Structure " + code.strip() + " créée.");
    } else {
      redirect.addFlashAttribute("error", "Une structure porte déjà ce code.");
    }
    return "redirect:/console/administration";
  }

  /** The accounts of one organization (its code posted, so that the page's URL stays bare). */
  @PostMapping("/comptes")
  String accounts(@RequestParam(defaultValue = "") String organization, Model model) {
    model.addAttribute("organization", organization);
    model.addAttribute("accounts", administration.accounts(organization));
    return overview(model);
  }

  /** Opens an account; its one-time password is shown once, in this answer. */
  @PostMapping("/comptes/nouveau")
  String openAccount(
      @RequestParam(defaultValue = "") String login,
      @RequestParam Role role,
      @RequestParam(defaultValue = "") String organization,
      @RequestParam(defaultValue = "") String email,
      HttpServletResponse response,
      Model model) {
    try {
      if (login.isBlank()) {
        model.addAttribute("error", "L'identifiant de connexion est requis.");
      } else {
        administration
            .openAccount(login.strip(), role, organization.strip(), email)
            .ifPresentOrElse(
                opened -> {
                  model.addAttribute("opened", opened);
                  model.addAttribute("login", login.strip());
                },
                () -> model.addAttribute("error", "Un compte porte déjà cet identifiant."));
      }
    } catch (VigieException e) {
      response.setStatus(e.code().httpStatus());
      model.addAttribute("error", texts.problem(e.code()));
    }
    return model.containsAttribute("opened") ? "console/compte-ouvert" : overview(model);
  }
}
