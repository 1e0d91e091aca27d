package fr.vigie.web;

import fr.vigie.VigieException;
import java.net.URI;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * Maps Vigie's errors to RFC 9457 problem details: a stable {@code type} per {@link
 * fr.vigie.ProblemCode}, its title, the status, and the detail, which names fields and rules but
 * never values.
 */
@RestControllerAdvice
class ProblemAdvice {
  static final String TYPE_PREFIX = "https://vigie.example/problems/";

  @ExceptionHandler(VigieException.class)
  ResponseEntity<ProblemDetail> vigie(VigieException e) {
    ProblemDetail problem =
        ProblemDetail.forStatusAndDetail(HttpStatus.valueOf(e.code().httpStatus()), e.getMessage());
    problem.setType(URI.create(TYPE_PREFIX + e.code().name().toLowerCase().replace('_', '-')));
    problem.setTitle(e.code().title());
    problem.setProperty("code", e.code().name());
    ResponseEntity.BodyBuilder answer = ResponseEntity.status(e.code().httpStatus());
    e.retryAfter()
        .ifPresent(wait -> answer.header(HttpHeaders.RETRY_AFTER, Long.toString(wait.toSeconds())));
    return answer.body(problem);
  }
}
