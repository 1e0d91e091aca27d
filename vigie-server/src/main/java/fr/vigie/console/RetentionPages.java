package fr.vigie.console;

import fr.vigie.ProblemCode;
import fr.vigie.VigieException;
import fr.vigie.access.Actor;
import fr.vigie.detection.Activity;
import fr.vigie.identity.OrganizationId;
import fr.vigie.identity.Role;
import fr.vigie.registry.RetentionStatus;
import fr.vigie.web.CurrentActor;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The DPO's view of retention: how many persons are registered, left within the period, past it and
 * not yet shredded, and shredded; for the register or one organization. Counts only.
 */
@Controller
class RetentionPages {
  private final RetentionStatus retention;
  private final Activity activity;
  private final CurrentActor actors;

  RetentionPages(RetentionStatus retention, Activity activity, CurrentActor actors) {
    this.retention = retention;
    this.activity = activity;
    this.actors = actors;
  }

  @GetMapping("/console/conservation")
  String status(
      @RequestParam(name = "organisation", required = false) UUID organization, Model model) {
    Actor actor = actors.require();
    if (actor.role() != Role.DPO || actor.restricted()) {
      throw new VigieException(ProblemCode.ACCESS_DENIED, "the DPO only");
    }
    Optional<OrganizationId> chosen = Optional.ofNullable(organization).map(OrganizationId::new);
    model.addAttribute("organizations", activity.organizations(actor.account()));
    model.addAttribute("chosen", chosen.orElse(null));
    model.addAttribute("counts", retention.of(chosen));
    return "console/conservation";
  }
}
