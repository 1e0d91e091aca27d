package fr.vigie.audit;

import fr.vigie.VigieException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The log's checkpoint and proofs, for outside witnesses and auditors: hashes only, never entries.
 */
@RestController
@RequestMapping("/api/audit")
class AuditController {
  private final AuditLog log;

  AuditController(AuditLog log) {
    this.log = log;
  }

  @GetMapping(path = "/checkpoint", produces = MediaType.APPLICATION_JSON_VALUE)
  ResponseEntity<Map<String, Object>> checkpoint() {
    return log.latestCheckpoint()
        .map(
            c -> {
              Map<String, Object> body = new LinkedHashMap<>();
              body.put("origin", c.origin());
              body.put("treeSize", c.treeSize());
              body.put("root", base64(c.root()));
              body.put("time", c.at().toString());
              body.put("keyId", HexFormat.of().toHexDigits((int) c.keyId()));
              body.put("signature", base64(c.signature()));
              body.put("note", c.signedNote());
              body.put("verifierKey", log.verifierKey());
              return ResponseEntity.ok(body);
            })
        .orElseGet(() -> ResponseEntity.notFound().build());
  }

  /** The same checkpoint as a C2SP signed note, as witnesses fetch it. */
  @GetMapping(path = "/checkpoint", produces = MediaType.TEXT_PLAIN_VALUE)
  ResponseEntity<String> checkpointNote() {
    return log.latestCheckpoint()
        .map(c -> ResponseEntity.ok(c.signedNote()))
        .orElseGet(() -> ResponseEntity.notFound().build());
  }

  @GetMapping(path = "/proof/inclusion", produces = MediaType.APPLICATION_JSON_VALUE)
  Map<String, Object> inclusion(@RequestParam long index, @RequestParam long size) {
    List<byte[]> proof = log.inclusionProof(index, size);
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("index", index);
    body.put("treeSize", size);
    body.put("leafHash", base64(log.leafHash(index)));
    body.put("proof", proof.stream().map(AuditController::base64).toList());
    return body;
  }

  @GetMapping(path = "/proof/consistency", produces = MediaType.APPLICATION_JSON_VALUE)
  Map<String, Object> consistency(@RequestParam long from, @RequestParam long to) {
    List<byte[]> proof = log.consistencyProof(from, to);
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("from", from);
    body.put("to", to);
    body.put("proof", proof.stream().map(AuditController::base64).toList());
    return body;
  }

  @ExceptionHandler(VigieException.class)
  ResponseEntity<ProblemDetail> problem(VigieException e) {
    ProblemDetail problem =
        ProblemDetail.forStatusAndDetail(HttpStatus.valueOf(e.code().httpStatus()), e.getMessage());
    problem.setTitle(e.code().title());
    return ResponseEntity.status(e.code().httpStatus()).body(problem);
  }

  private static String base64(byte[] bytes) {
    return Base64.getEncoder().encodeToString(bytes);
  }
}
