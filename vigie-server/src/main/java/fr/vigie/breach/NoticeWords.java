package fr.vigie.breach;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/** The words of a notice with this controller's name and its DPO's contact, dates in French. */
@Component
class NoticeWords {
  private static final DateTimeFormatter FRENCH_DAY =
      DateTimeFormatter.ofPattern("d MMMM yyyy", Locale.FRENCH).withZone(ZoneId.of("Europe/Paris"));

  private final String controller;
  private final String dpoContact;

  NoticeWords(
      @Value("${vigie.breach.controller:France Travail}") String controller,
      @Value("${vigie.breach.dpo-contact:dpo@vigie.example}") String dpoContact) {
    this.controller = controller;
    this.dpoContact = dpoContact;
  }

  String body(List<String> fields, Instant firstAt, Instant lastAt, boolean complementary) {
    String from = FRENCH_DAY.format(firstAt);
    String to = FRENCH_DAY.format(lastAt);
    return complementary
        ? NoticeText.complement(fields, from, to, controller, dpoContact)
        : NoticeText.body(fields, from, to, controller, dpoContact);
  }

  String body(NoticeOutbox.Due notice) {
    return body(notice.fields(), notice.firstAt(), notice.lastAt(), notice.complementary());
  }
}
