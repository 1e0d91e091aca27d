package fr.vigie.web;

import fr.vigie.ProblemCode;
import fr.vigie.ProblemResponses;
import fr.vigie.VigieException;
import java.time.Duration;
import org.springframework.beans.TypeMismatchException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Maps Vigie's errors to RFC 9457 problem details: a stable {@code type} per {@link
 * fr.vigie.ProblemCode}, its title, the status, and the detail, which names fields and rules but
 * never values. Spring MVC's own errors (an unreadable body, a parameter of the wrong type, an
 * unknown path) get Vigie's {@code code} too, and a detail without the value sent. Every 429 says
 * when to come back ({@code Retry-After}), and so does an error that knows it.
 */
@RestControllerAdvice
class ProblemAdvice extends ResponseEntityExceptionHandler {
  /** When a 429 does not say how long to wait: the longest of Vigie's short windows. */
  static final Duration DEFAULT_RETRY_AFTER = Duration.ofMinutes(1);

  @ExceptionHandler(VigieException.class)
  ResponseEntity<ProblemDetail> vigie(VigieException e) {
    ProblemDetail problem = problem(e.code(), e.getMessage());
    ResponseEntity.BodyBuilder answer = ResponseEntity.status(e.code().httpStatus());
    if (e.code().httpStatus() == HttpStatus.TOO_MANY_REQUESTS.value()) {
      Duration wait = e.retryAfter().orElse(DEFAULT_RETRY_AFTER);
      answer.header(HttpHeaders.RETRY_AFTER, ProblemResponses.retryAfterSeconds(wait));
    } else {
      // A 503 that knows when to come back (the access event bus) says so too.
      e.retryAfter()
          .ifPresent(
              wait ->
                  answer.header(HttpHeaders.RETRY_AFTER, ProblemResponses.retryAfterSeconds(wait)));
    }
    return answer.body(problem);
  }

  static ProblemDetail problem(ProblemCode code, String detail) {
    ProblemDetail problem =
        ProblemDetail.forStatusAndDetail(HttpStatus.valueOf(code.httpStatus()), detail);
    problem.setType(ProblemResponses.type(code));
    problem.setTitle(code.title());
    problem.setProperty("code", code.name());
    return problem;
  }

  @Override
  protected ResponseEntity<Object> handleExceptionInternal(
      Exception ex, Object body, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
    VigieException cause = vigieCause(ex);
    if (cause != null) {
      // A limit met while the body was being read (RequestLimits) reaches here inside the
      // converter's exception.
      return new ResponseEntity<>(
          problem(cause.code(), cause.getMessage()),
          headers,
          HttpStatusCode.valueOf(cause.code().httpStatus()));
    }
    ProblemCode code = codeOf(status);
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detailOf(ex, code));
    problem.setType(ProblemResponses.type(code));
    problem.setTitle(code.title());
    problem.setProperty("code", code.name());
    return super.handleExceptionInternal(ex, problem, headers, status, request);
  }

  private static VigieException vigieCause(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof VigieException v) {
        return v;
      }
    }
    return null;
  }

  private static ProblemCode codeOf(HttpStatusCode status) {
    return switch (status.value()) {
      case 401 -> ProblemCode.SIGN_IN_REQUIRED;
      case 403 -> ProblemCode.NOT_PERMITTED;
      case 404 -> ProblemCode.NOT_FOUND;
      case 405 -> ProblemCode.METHOD_NOT_ALLOWED;
      case 413 -> ProblemCode.REQUEST_TOO_LARGE;
      case 415 -> ProblemCode.MEDIA_TYPE_UNSUPPORTED;
      default -> ProblemCode.REQUEST_INVALID;
    };
  }

  /** A detail naming the parameter or the kind of error, never echoing what was sent. */
  private static String detailOf(Exception ex, ProblemCode code) {
    if (ex instanceof TypeMismatchException mismatch && mismatch.getPropertyName() != null) {
      return mismatch.getPropertyName() + ": not of the expected type";
    }
    if (ex instanceof HttpMessageNotReadableException) {
      return "the request body is not the JSON this endpoint expects";
    }
    return switch (code) {
      case NOT_FOUND -> "no such resource";
      default -> code.title();
    };
  }
}
