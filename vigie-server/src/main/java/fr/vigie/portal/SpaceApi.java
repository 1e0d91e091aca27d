package fr.vigie.portal;

import fr.vigie.access.AccessJournal;
import fr.vigie.breach.PersonNotices;
import java.util.List;
import java.util.Map;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The person's space as JSON, for the signed-in person only: no path names a person, the session
 * does. Changes need the CSRF token ({@code GET /api/space/csrf}) in {@code X-CSRF-TOKEN}.
 */
@RestController
@RequestMapping("/api/space")
class SpaceApi {
  private final OwnFile file;
  private final ReadFlags flags;
  private final SpaceRequests requests;
  private final String controller;

  SpaceApi(
      OwnFile file,
      ReadFlags flags,
      SpaceRequests requests,
      @Value("${vigie.breach.controller:France Travail}") String controller) {
    this.file = file;
    this.flags = flags;
    this.requests = requests;
    this.controller = controller;
  }

  @GetMapping("/csrf")
  Map<String, String> csrf(CsrfToken token) {
    return Map.of("header", token.getHeaderName(), "token", token.getToken());
  }

  @GetMapping("/me")
  Map<String, Object> me() {
    var self = requests.self();
    return Map.of("person", self.person().value(), "data", file.data(self));
  }

  @GetMapping("/journal")
  List<AccessJournal.Line> journal() {
    return file.journal(requests.self());
  }

  @GetMapping("/notices")
  List<PersonNotices.Notice> notices() {
    return file.notices(requests.self());
  }

  record FlagRequest(long entry) {}

  /** What the person sees of their flag: the entry and that it is queued, not the account. */
  record Flagged(long entry, String status) {}

  @PostMapping("/flags")
  ResponseEntity<Flagged> flag(@RequestBody FlagRequest request) {
    ReadFlags.Flag flag = flags.flag(requests.self(), request.entry());
    return ResponseEntity.status(HttpStatus.CREATED).body(new Flagged(flag.entry(), flag.status()));
  }

  @GetMapping("/copy")
  ResponseEntity<OwnFile.Copy> copy() {
    return ResponseEntity.ok()
        .contentType(MediaType.APPLICATION_JSON)
        .header(
            HttpHeaders.CONTENT_DISPOSITION,
            ContentDisposition.attachment().filename("mes-donnees-vigie.json").build().toString())
        .body(file.copy(requests.self(), controller));
  }

  /** The same copy as a printable PDF. */
  @GetMapping("/copy.pdf")
  ResponseEntity<byte[]> copyPdf() {
    return ResponseEntity.ok()
        .contentType(MediaType.APPLICATION_PDF)
        .header(
            HttpHeaders.CONTENT_DISPOSITION,
            ContentDisposition.attachment().filename("mes-donnees-vigie.pdf").build().toString())
        .body(CopyPdf.render(file.copy(requests.self(), controller)));
  }
}
