package fr.vigie.web;

import fr.vigie.ProblemCode;
import fr.vigie.VigieException;
import fr.vigie.detection.AccessWatch;
import fr.vigie.detection.Alert;
import fr.vigie.identity.AccountId;
import fr.vigie.identity.FreshSecondFactor;
import java.util.List;
import java.util.UUID;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The security analyst's alerts: list the open ones, release an account (a false alarm) or confirm
 * it compromised. Each decision changes the account's containment, which is audited. Alerts carry
 * reasons and pseudonymous person ids, never personal data. A decision needs an unrestricted
 * analyst whose session proved a second factor in the last minutes ({@code 403 STEP_UP_REQUIRED}
 * otherwise).
 */
@RestController
class AlertController {
  /** The most alerts one answer lists. */
  static final int MAX_LIMIT = 500;

  private final AccessWatch watch;
  private final FreshSecondFactor fresh;

  AlertController(AccessWatch watch, FreshSecondFactor fresh) {
    this.watch = watch;
    this.fresh = fresh;
  }

  @GetMapping("/api/alerts")
  List<Alert> open(@RequestParam(defaultValue = "100") int limit) {
    AccountId analyst = Analysts.require();
    if (limit < 1 || limit > MAX_LIMIT) {
      throw new VigieException(ProblemCode.FIELD_INVALID, "limit: expected 1 to " + MAX_LIMIT);
    }
    return watch.openAlerts(limit, analyst);
  }

  @PostMapping("/api/alerts/{id}/release")
  Alert release(@PathVariable UUID id) {
    AccountId analyst = Analysts.require();
    fresh.require();
    return watch.release(id, analyst);
  }

  @PostMapping("/api/alerts/{id}/confirm")
  Alert confirm(@PathVariable UUID id) {
    AccountId analyst = Analysts.require();
    fresh.require();
    return watch.confirm(id, analyst);
  }
}
