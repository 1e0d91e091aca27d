package fr.vigie.identity;

import fr.vigie.ProblemResponses;
import fr.vigie.VigieException;
import java.net.URI;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** Maps the identity feature's errors to RFC 9457 problem details, with no personal data. */
@RestControllerAdvice(basePackageClasses = IdentityProblems.class)
class IdentityProblems {

  @ExceptionHandler(VigieException.class)
  ResponseEntity<ProblemDetail> problem(VigieException e) {
    ResponseEntity.BodyBuilder answer = ResponseEntity.status(e.code().httpStatus());
    e.retryAfter()
        .ifPresent(
            wait ->
                answer.header(HttpHeaders.RETRY_AFTER, ProblemResponses.retryAfterSeconds(wait)));
    return answer.body(detail(e));
  }

  private static ProblemDetail detail(VigieException e) {
    ProblemDetail problem = ProblemDetail.forStatus(HttpStatus.valueOf(e.code().httpStatus()));
    problem.setType(URI.create("urn:vigie:problem:" + e.code().name().toLowerCase()));
    problem.setTitle(e.code().title());
    problem.setDetail(e.getMessage());
    // The same stable property as the other features' problems (fr.vigie.web.ProblemAdvice).
    problem.setProperty("code", e.code().name());
    return problem;
  }
}
