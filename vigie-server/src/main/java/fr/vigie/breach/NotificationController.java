package fr.vigie.breach;

import java.util.List;
import java.util.UUID;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** The DPO's article 33 drafts and the breach register: JSON, and the drafts as PDF. */
@RestController
class NotificationController {
  private final Notifications notifications;

  NotificationController(Notifications notifications) {
    this.notifications = notifications;
  }

  @PostMapping("/api/incidents/{id}/notifications")
  NotificationDraft draft(@PathVariable UUID id, @RequestBody NotificationDraft.Texts texts) {
    return notifications.draft(IncidentController.actor(), new IncidentId(id), texts);
  }

  @GetMapping("/api/incidents/{id}/notifications/{version}")
  NotificationDraft version(@PathVariable UUID id, @PathVariable int version) {
    return notifications.version(IncidentController.actor(), new IncidentId(id), version);
  }

  @GetMapping("/api/incidents/{id}/notifications/{version}/pdf")
  ResponseEntity<byte[]> pdf(@PathVariable UUID id, @PathVariable int version) {
    byte[] pdf = notifications.pdf(IncidentController.actor(), new IncidentId(id), version);
    return ResponseEntity.ok()
        .contentType(MediaType.APPLICATION_PDF)
        .header("Content-Disposition", "attachment; filename=\"notification-" + version + ".pdf\"")
        .body(pdf);
  }

  @PostMapping("/api/incidents/{id}/notifications/{version}/filed")
  void filed(@PathVariable UUID id, @PathVariable int version) {
    notifications.filed(IncidentController.actor(), new IncidentId(id), version);
  }

  @GetMapping("/api/breach-register")
  List<Notifications.RegisterEntry> register() {
    return notifications.register(IncidentController.actor());
  }
}
