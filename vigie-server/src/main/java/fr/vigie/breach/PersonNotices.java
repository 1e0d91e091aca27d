package fr.vigie.breach;

import fr.vigie.registry.PersonId;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;

/**
 * The article 34 notices one person received, as their space shows them: when, how, about which
 * incident, and the fields that left for them. Field names and Vigie's own texts only.
 */
public interface PersonNotices {
  /** One notice sent to the person, with its words as the email and the letter gave them. */
  record Notice(Instant sentAt, String channel, String incident, List<String> fields, String text) {
    public Notice {
      fields = List.copyOf(fields);
    }

    /** The words, paragraph by paragraph. */
    public List<String> paragraphs() {
      return Arrays.stream(text.split("\\n\\s*\\n"))
          .map(String::strip)
          .filter(p -> !p.isEmpty())
          .toList();
    }
  }

  /** The notices sent to {@code person}, newest first. */
  List<Notice> of(PersonId person);
}
