package fr.vigie.identity;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Map;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /api/me/password}: a fully signed-in account changes its password. This session goes
 * on (with a new session id and CSRF token); every other session of the account ends at its next
 * request, on every node, since the session epoch moved.
 */
@RestController
class PasswordController {
  private final StaffSignIn steps;

  PasswordController(StaffSignIn steps) {
    this.steps = steps;
  }

  /** The current password and the new one; {@code toString} leaves both out. */
  record PasswordChangeRequest(String current, String next) {
    @Override
    public String toString() {
      return "PasswordChangeRequest[hidden]";
    }
  }

  @PostMapping("/api/me/password")
  Map<String, Object> change(
      @RequestBody PasswordChangeRequest body,
      HttpServletRequest request,
      HttpServletResponse response) {
    steps.changePassword(body.current(), body.next(), request, response);
    return Map.of("changed", true, "otherSessionsEnded", true);
  }
}
