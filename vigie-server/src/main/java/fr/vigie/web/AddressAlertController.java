package fr.vigie.web;

import fr.vigie.exchange.AddressAlert;
import fr.vigie.exchange.AddressAlerts;
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
 * The security analyst's address alerts of the exchange: list those whose block runs, release one
 * (a false alarm: the exchange serves the address again). A release needs an unrestricted analyst
 * whose session proved a second factor in the last minutes, as the account alerts' decisions.
 */
@RestController
class AddressAlertController {
  private final AddressAlerts alerts;
  private final FreshSecondFactor fresh;

  AddressAlertController(AddressAlerts alerts, FreshSecondFactor fresh) {
    this.alerts = alerts;
    this.fresh = fresh;
  }

  @GetMapping("/api/exchange/address-alerts")
  List<AddressAlert> open(@RequestParam(defaultValue = "100") int limit) {
    return alerts.open(limit, Analysts.require());
  }

  @PostMapping("/api/exchange/address-alerts/{id}/release")
  AddressAlert release(@PathVariable UUID id) {
    AccountId analyst = Analysts.require();
    fresh.require();
    return alerts.release(id, analyst);
  }
}
