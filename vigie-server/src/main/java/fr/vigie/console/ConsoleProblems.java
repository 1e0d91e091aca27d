package fr.vigie.console;

import fr.vigie.VigieException;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;

/**
 * A refusal on a console page becomes a page that says why, in French, with the status of the API's
 * problem and nothing of the request (no personal data).
 */
@ControllerAdvice(basePackageClasses = ConsoleProblems.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class ConsoleProblems {
  private final Texts texts;

  ConsoleProblems(Texts texts) {
    this.texts = texts;
  }

  @ExceptionHandler(VigieException.class)
  String problem(VigieException e, Model model, HttpServletResponse response) {
    response.setStatus(e.code().httpStatus());
    e.retryAfter()
        .ifPresent(wait -> response.setHeader("Retry-After", Long.toString(wait.toSeconds())));
    model.addAttribute("code", e.code().name());
    model.addAttribute("message", texts.problem(e.code()));
    return "console/probleme";
  }
}
