package fr.vigie.portal;

import fr.vigie.access.AccessJournal;
import fr.vigie.access.PersonReads;
import fr.vigie.access.PersonView;
import fr.vigie.access.Purpose;
import fr.vigie.access.Self;
import fr.vigie.breach.PersonNotices;
import fr.vigie.registry.PersonField;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Service;

/**
 * What a person's space shows them, each part through its one path: their data through the read
 * path ({@link Purpose#SELF}, audited as their own read), the journal of accesses to their file,
 * the notices they received, and the article 15 copy ({@link Purpose#ARTICLE_15}).
 */
@Service
class OwnFile {
  private final PersonReads reads;
  private final AccessJournal journal;
  private final PersonNotices notices;
  private final ReadFlags flags;
  private final Clock clock;

  OwnFile(
      PersonReads reads,
      AccessJournal journal,
      PersonNotices notices,
      ReadFlags flags,
      Optional<Clock> clock) {
    this.reads = reads;
    this.journal = journal;
    this.notices = notices;
    this.flags = flags;
    this.clock = clock.orElse(Clock.systemUTC());
  }

  /** The person's data, by field name, in the register's order. */
  Map<String, String> data(Self self) {
    return byName(reads.readOwn(self, Purpose.SELF));
  }

  List<AccessJournal.Line> journal(Self self) {
    return journal.ofOwn(self);
  }

  List<PersonNotices.Notice> notices(Self self) {
    return notices.of(self.person());
  }

  List<Long> flagged(Self self) {
    return flags.flaggedEntries(self.person());
  }

  /** The article 15 copy: every field in clear, who accessed the file, the notices, the rights. */
  record Copy(
      String person,
      Instant producedAt,
      String controller,
      Map<String, String> data,
      List<AccessJournal.Line> accesses,
      List<PersonNotices.Notice> notices,
      String purposes,
      String retention,
      String rights) {}

  Copy copy(Self self, String controller) {
    Map<String, String> data = byName(reads.readOwn(self, Purpose.ARTICLE_15));
    return new Copy(
        self.person().value().toString(),
        clock.instant(),
        controller,
        data,
        journal.ofOwn(self),
        notices.of(self.person()),
        "Inscription et accompagnement des demandeurs d'emploi (Code du travail, L5411-1 et"
            + " suivants) ; sécurité du registre et réponse aux violations de données.",
        "20 ans après la fin de votre dernière inscription, puis effacement.",
        "Vous pouvez demander la rectification, la limitation ou, dans les cas prévus, l'effacement"
            + " de vos données, et saisir la CNIL (www.cnil.fr). Contact : le délégué à la"
            + " protection des données.");
  }

  private static Map<String, String> byName(PersonView view) {
    Map<String, String> data = new LinkedHashMap<>();
    for (PersonField field : PersonField.values()) {
      String value = view.fields().get(field);
      if (value != null) {
        data.put(field.column(), value);
      }
    }
    return data;
  }
}
