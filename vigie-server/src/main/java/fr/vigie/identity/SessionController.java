package fr.vigie.identity;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * Staff sign-in over JSON: {@code POST /api/session} with a password, then {@code POST
 * /api/session/totp} with a code; {@code GET} tells the state (and sets the CSRF cookie), {@code
 * DELETE} signs out. {@code POST /api/session/step-up} proves a fresh code when the guard asks. The
 * steps are {@link StaffSignIn}'s, as the console's.
 */
@RestController
@RequestMapping("/api/session")
class SessionController {
  private final StaffSignIn steps;

  SessionController(StaffSignIn steps) {
    this.steps = steps;
  }

  /** A login and a password; {@code toString} leaves both out. */
  record PasswordRequest(String login, String password) {
    @Override
    public String toString() {
      return "PasswordRequest[hidden]";
    }
  }

  /** A one-time code; {@code toString} leaves it out. */
  record CodeRequest(String code) {
    @Override
    public String toString() {
      return "CodeRequest[hidden]";
    }
  }

  @GetMapping
  Map<String, Object> state(HttpServletRequest request) {
    SessionSteps.renderCsrfToken(request);
    return describe(steps.step());
  }

  @PostMapping
  Map<String, Object> signIn(
      @RequestBody PasswordRequest body, HttpServletRequest request, HttpServletResponse response) {
    return describe(steps.password(body.login(), body.password(), request, response));
  }

  @PostMapping("/totp")
  Map<String, Object> totp(
      @RequestBody CodeRequest body, HttpServletRequest request, HttpServletResponse response) {
    steps.totp(body.code(), request, response);
    return describe(steps.step());
  }

  /**
   * A fresh second factor in a signed-in session: what an account whose containment asks for a
   * step-up must give before it reads again.
   */
  @PostMapping("/step-up")
  Map<String, Object> stepUp(
      @RequestBody CodeRequest body, HttpServletRequest request, HttpServletResponse response) {
    steps.stepUp(body.code(), request, response);
    return describe(steps.step());
  }

  @DeleteMapping
  @ResponseStatus(HttpStatus.NO_CONTENT)
  void signOut(HttpServletRequest request, HttpServletResponse response) {
    steps.signOut(request, response);
  }

  private static Map<String, Object> describe(StaffSignIn.Step step) {
    Map<String, Object> state = new LinkedHashMap<>();
    switch (step) {
      case NONE -> state.put("signedIn", false);
      case SIGNED_IN -> {
        state.put("signedIn", true);
        state.put("secondFactor", "done");
      }
      case CODE_REQUIRED, ENROLLMENT_REQUIRED -> {
        state.put("signedIn", false);
        state.put("secondFactor", "required");
        state.put("enrolled", step == StaffSignIn.Step.CODE_REQUIRED);
      }
    }
    return state;
  }
}
