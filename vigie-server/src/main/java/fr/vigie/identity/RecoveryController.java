package fr.vigie.identity;

import java.util.Map;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /api/recoveries} (helpdesk: reset an account's password) and {@code POST
 * /api/recoveries/{id}/approval} (a manager of the account's organization: approve its new second
 * factor).
 */
@RestController
@RequestMapping("/api/recoveries")
class RecoveryController {
  private final Recoveries recoveries;

  RecoveryController(Recoveries recoveries) {
    this.recoveries = recoveries;
  }

  /** The account to reset. */
  record ResetRequest(UUID accountId) {}

  @PostMapping
  @ResponseStatus(HttpStatus.CREATED)
  Map<String, Object> reset(@RequestBody ResetRequest body) {
    Recoveries.Reset reset =
        recoveries.reset(StaffPrincipal.current().orElseThrow(SignIn::refused), body.accountId());
    // Shown once, to the helpdesk, to read to the owner: useless alone, see Recoveries.
    return Map.of("recoveryId", reset.recoveryId(), "temporaryPassword", reset.temporaryPassword());
  }

  @PostMapping("/{id}/approval")
  @ResponseStatus(HttpStatus.NO_CONTENT)
  void approve(@PathVariable UUID id) {
    recoveries.approve(StaffPrincipal.current().orElseThrow(SignIn::refused), id);
  }
}
