package fr.vigie.console;

import fr.vigie.detection.Activity;
import fr.vigie.identity.AccountId;
import fr.vigie.identity.OrganizationId;
import fr.vigie.web.Analysts;
import java.util.List;
import java.util.UUID;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The security analyst's charts: reads, refusals, step-ups and containments of one organization,
 * hour by hour, from {@link Activity}'s counts of the verified audit log. An organization's id is
 * no personal data, so the choice is a plain GET form.
 */
@Controller
class ActivityPages {
  /** The hours a chart covers unless asked otherwise: a day. */
  static final int DAY = 24;

  private final Activity activity;

  ActivityPages(Activity activity) {
    this.activity = activity;
  }

  @GetMapping("/console/activite")
  String charts(
      @RequestParam(name = "organisation", required = false) UUID organization,
      @RequestParam(name = "heures", defaultValue = "" + DAY) int hours,
      Model model) {
    AccountId analyst = Analysts.require();
    List<Activity.Organization> organizations = activity.organizations(analyst);
    model.addAttribute("organizations", organizations);
    model.addAttribute("hours", hours);
    if (organization == null && organizations.size() == 1) {
      organization = organizations.getFirst().id().value();
    }
    if (organization != null) {
      OrganizationId chosen = new OrganizationId(organization);
      model.addAttribute("chosen", chosen);
      model.addAttribute("charts", ActivityChart.of(activity.hourly(analyst, chosen, hours)));
    }
    return "console/activite";
  }
}
