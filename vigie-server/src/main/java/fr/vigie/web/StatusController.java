package fr.vigie.web;

import fr.vigie.registry.Registry;
import java.util.Map;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** What anyone may see of a running Vigie: that it runs, and counts. No personal data. */
@RestController
class StatusController {
  private final Registry registry;

  StatusController(Registry registry) {
    this.registry = registry;
  }

  @GetMapping(path = "/api/status", produces = MediaType.APPLICATION_JSON_VALUE)
  Map<String, Object> status() {
    return Map.of("service", "vigie", "persons", registry.count());
  }

  @GetMapping(path = "/", produces = MediaType.TEXT_HTML_VALUE)
  String home() {
    return """
        <!doctype html>
        <html lang="fr"><head><meta charset="utf-8"><title>Vigie</title></head>
        <body>
        <h1>Vigie</h1>
        <p>Le registre des demandeurs d'emploi est en service.</p>
        <p><span id="persons">%,d</span> personnes inscrites au registre.</p>
        </body></html>
        """
        .formatted(registry.count());
  }
}
