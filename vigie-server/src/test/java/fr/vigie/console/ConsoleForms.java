package fr.vigie.console;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import org.openqa.selenium.support.ui.Select;

/** Form steps several console stories share. */
final class ConsoleForms {
  private ConsoleForms() {}

  /** Sets a field's value as a script would: date and time inputs ignore typed text. */
  static void setValue(Browser browser, String css, String value) {
    browser.driver.executeScript("arguments[0].value = arguments[1];", browser.find(css), value);
  }

  /**
   * Declares an incident on the incidents page: {@code reference}, all the accounts of {@code
   * organization}, from the proposed start to an hour after {@code now} (the proposed window ends
   * at this minute, and the reads of this minute are after it).
   */
  static void declare(Browser browser, String reference, String organization, Instant now) {
    browser.type("#reference", reference);
    new Select(browser.find("#organization")).selectByValue(organization);
    setValue(
        browser,
        "#to",
        LocalDateTime.ofInstant(now.plus(Duration.ofHours(1)), ZoneId.of("Europe/Paris"))
            .truncatedTo(ChronoUnit.MINUTES)
            .toString());
    browser.submit("form.declaration");
  }
}
