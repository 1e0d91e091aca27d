package fr.vigie.console;

import fr.vigie.VigieException;
import fr.vigie.access.Actor;
import fr.vigie.breach.Incident;
import fr.vigie.breach.IncidentId;
import fr.vigie.breach.Incidents;
import fr.vigie.breach.Notices;
import fr.vigie.breach.NotificationDraft;
import fr.vigie.breach.Notifications;
import fr.vigie.identity.StaffSignIn;
import fr.vigie.web.CurrentActor;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.UUID;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import tools.jackson.databind.json.JsonMapper;

/**
 * The DPO's article 33 and 34 work on an incident: the notification drafts to the regulator
 * (initial, then complementary) and their PDF and JSON, the breach register of article 33(5), and
 * the sending of the notices to the persons, after a confirmation with a fresh code. Everything is
 * {@link Notifications}' and {@link Notices}', checked and audited as for the API and {@code vigie
 * breach notify}.
 */
@Controller
class NotificationPages {
  private final Notifications notifications;
  private final Notices notices;
  private final Incidents incidents;
  private final NoticeRuns runs;
  private final StaffSignIn steps;
  private final CurrentActor actors;
  private final Texts texts;
  private final JsonMapper json;

  NotificationPages(
      Notifications notifications,
      Notices notices,
      Incidents incidents,
      NoticeRuns runs,
      StaffSignIn steps,
      CurrentActor actors,
      Texts texts,
      JsonMapper json) {
    this.notifications = notifications;
    this.notices = notices;
    this.incidents = incidents;
    this.runs = runs;
    this.steps = steps;
    this.actors = actors;
    this.texts = texts;
    this.json = json;
  }

  /** The DPO's four texts, as the form sends them. */
  record DraftForm(
      String nature, String consequences, String measuresTaken, String measuresProposed) {}

  @PostMapping("/console/incidents/{id}/cnil")
  String draft(@PathVariable UUID id, DraftForm form, RedirectAttributes redirect) {
    try {
      NotificationDraft draft =
          notifications.draft(
              actors.require(),
              new IncidentId(id),
              new NotificationDraft.Texts(
                  form.nature(),
                  form.consequences(),
                  form.measuresTaken(),
                  form.measuresProposed()));
      redirect.addFlashAttribute(
          "notice",
          "Version "
              + draft.version()
              + " de la notification à la CNIL établie"
              + (draft.provisional() ? " (provisoire)." : "."));
    } catch (VigieException e) {
      redirect.addFlashAttribute("error", texts.notificationProblem(e.code()));
    }
    return "redirect:/console/incidents/" + id;
  }

  @GetMapping("/console/incidents/{id}/cnil/{version}/pdf")
  ResponseEntity<byte[]> pdf(@PathVariable UUID id, @PathVariable int version) {
    byte[] pdf = notifications.pdf(actors.require(), new IncidentId(id), version);
    return download(MediaType.APPLICATION_PDF, "notification-" + version + ".pdf", pdf);
  }

  @GetMapping("/console/incidents/{id}/cnil/{version}/json")
  ResponseEntity<byte[]> json(@PathVariable UUID id, @PathVariable int version) {
    NotificationDraft draft = notifications.version(actors.require(), new IncidentId(id), version);
    return download(
        MediaType.APPLICATION_JSON,
        "notification-" + version + ".json",
        json.writerWithDefaultPrettyPrinter().writeValueAsBytes(draft));
  }

  @GetMapping("/console/incidents/registre")
  String register(Model model) {
    model.addAttribute("entries", notifications.register(actors.require()));
    return "console/registre";
  }

  @GetMapping("/console/incidents/{id}/envoi")
  String confirmation(@PathVariable UUID id, Model model) {
    confirmationModel(actors.require(), new IncidentId(id), model);
    return "console/envoi";
  }

  /** The sending, once the DPO confirmed with a fresh code: the session's proof is renewed. */
  @PostMapping("/console/incidents/{id}/envoi")
  String send(
      @PathVariable UUID id,
      @RequestParam(defaultValue = "") String code,
      HttpServletRequest request,
      HttpServletResponse response,
      Model model,
      RedirectAttributes redirect) {
    Actor dpo = actors.require();
    IncidentId incident = new IncidentId(id);
    try {
      steps.stepUp(code, request, response);
      int added = runs.start(dpo, incident);
      redirect.addFlashAttribute(
          "notice", "Envoi lancé : " + added + " notification(s) ajoutée(s), chacune une fois.");
      return "redirect:/console/incidents/" + id;
    } catch (VigieException e) {
      response.setStatus(e.code().httpStatus());
      confirmationModel(dpo, incident, model);
      model.addAttribute("error", texts.notificationProblem(e.code()));
      return "console/envoi";
    }
  }

  /** Where the sending stands: what the incident's page fetches while one runs. */
  @GetMapping("/console/incidents/{id}/envoi/etat")
  String progress(@PathVariable UUID id, Model model) {
    sendingModel(actors.require(), new IncidentId(id), model);
    return "console/incident :: envoi";
  }

  /** The outbox, the last sending started here, and the incident's id, for the pages. */
  void sendingModel(Actor dpo, IncidentId incident, Model model) {
    model.addAttribute("incidentId", incident.value());
    model.addAttribute("outbox", notices.status(dpo, incident));
    model.addAttribute("run", runs.last(incident).orElse(null));
  }

  private void confirmationModel(Actor dpo, IncidentId incident, Model model) {
    Incident shown = incidents.get(dpo, incident);
    model.addAttribute("incident", shown);
    model.addAttribute("unconfirmedScopes", IncidentPages.unconfirmed(shown));
    sendingModel(dpo, incident, model);
  }

  private static ResponseEntity<byte[]> download(MediaType type, String name, byte[] body) {
    return ResponseEntity.ok()
        .contentType(type)
        .header("Content-Disposition", "attachment; filename=\"" + name + "\"")
        .body(body);
  }
}
