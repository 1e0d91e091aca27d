package fr.vigie.identity;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Map;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Enrollment of a TOTP second factor by an account that has none (its first sign-in, or after a
 * recovery): the {@code otpauth://} URI is shown once, then a first valid code confirms it and
 * completes the sign-in.
 */
@RestController
@RequestMapping("/api/me/totp")
class EnrollmentController {
  private final StaffSignIn steps;

  EnrollmentController(StaffSignIn steps) {
    this.steps = steps;
  }

  /** What an enrollment may carry: the code of a recovery, when one is under way. */
  record EnrollmentRequest(String recoveryCode) {
    @Override
    public String toString() {
      return "EnrollmentRequest[hidden]";
    }
  }

  @PostMapping
  Map<String, String> begin(
      @RequestBody(required = false) EnrollmentRequest body, HttpServletRequest request) {
    return Map.of("uri", steps.beginTotp(body == null ? null : body.recoveryCode(), request));
  }

  @PostMapping("/confirmation")
  Map<String, Object> confirm(
      @RequestBody SessionController.CodeRequest body,
      HttpServletRequest request,
      HttpServletResponse response) {
    steps.confirmTotp(body.code(), request, response);
    return Map.of("signedIn", true);
  }
}
