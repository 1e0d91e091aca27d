package fr.vigie.console;

import fr.vigie.identity.StaffPrincipal;
import java.time.Duration;
import java.util.Optional;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/** What every console page's layout shows: who is signed in, and when the session ends. */
@ControllerAdvice(basePackageClasses = ConsoleModel.class)
class ConsoleModel {
  private final Duration sessionTimeout;

  ConsoleModel(@Value("${server.servlet.session.timeout:PT30M}") Duration sessionTimeout) {
    this.sessionTimeout = sessionTimeout;
  }

  @ModelAttribute("staff")
  Optional<StaffPrincipal> staff() {
    return StaffPrincipal.current();
  }

  /** Seconds of inactivity before the session ends: the page warns a minute before. */
  @ModelAttribute("sessionSeconds")
  long sessionSeconds() {
    return sessionTimeout.toSeconds();
  }
}
