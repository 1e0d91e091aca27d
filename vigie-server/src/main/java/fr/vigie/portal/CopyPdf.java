package fr.vigie.portal;

import fr.vigie.access.AccessJournal;
import fr.vigie.access.JournalWords;
import fr.vigie.breach.NotificationPdf;
import fr.vigie.breach.NotificationPdf.Block;
import fr.vigie.breach.PersonNotices;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The article 15 copy as a printable PDF, in French: the same content as its JSON file. */
final class CopyPdf {
  private static final DateTimeFormatter WHEN =
      DateTimeFormatter.ofPattern("dd/MM/yyyy HH:mm").withZone(ZoneId.of("Europe/Paris"));

  private CopyPdf() {}

  static byte[] render(OwnFile.Copy copy) {
    List<Block> blocks = new ArrayList<>();
    blocks.add(Block.title("Copie de vos données (article 15 du RGPD)"));
    blocks.add(
        Block.text(
            "Responsable du traitement : "
                + copy.controller()
                + ". Copie produite le "
                + WHEN.format(copy.producedAt())
                + "."));
    blocks.add(Block.title("Vos données"));
    for (Map.Entry<String, String> field : copy.data().entrySet()) {
      blocks.add(Block.text(label(field.getKey()) + " : " + field.getValue()));
    }
    blocks.add(Block.title("Qui a consulté votre dossier"));
    if (copy.accesses().isEmpty()) {
      blocks.add(Block.text("Aucune consultation."));
    }
    for (AccessJournal.Line line : copy.accesses()) {
      blocks.add(Block.text(access(line)));
    }
    blocks.add(Block.title("Messages reçus"));
    if (copy.notices().isEmpty()) {
      blocks.add(Block.text("Aucun message."));
    }
    for (PersonNotices.Notice notice : copy.notices()) {
      blocks.add(
          Block.text(
              WHEN.format(notice.sentAt())
                  + " : violation de données ; données concernées : "
                  + String.join(", ", notice.fields().stream().map(CopyPdf::label).toList())));
    }
    blocks.add(Block.title("Finalités"));
    blocks.add(Block.text(copy.purposes()));
    blocks.add(Block.title("Durée de conservation"));
    blocks.add(Block.text(copy.retention()));
    blocks.add(Block.title("Vos droits"));
    blocks.add(Block.text(copy.rights()));
    return NotificationPdf.render(List.of(blocks));
  }

  private static String access(AccessJournal.Line line) {
    String who =
        line.own()
            ? "vous-même"
            : JournalWords.organization(line.organization())
                + " ("
                + JournalWords.role(line.role())
                + ")";
    String fields = String.join(", ", line.fields().stream().map(CopyPdf::label).toList());
    return WHEN.format(line.at())
        + " – "
        + who
        + " – "
        + ("update".equals(line.action()) ? "modification" : "consultation")
        + " – "
        + fields
        + " – motif : "
        + JournalWords.purpose(line.purpose())
        + (line.justification() == null ? "" : " (" + line.justification() + ")")
        + ("DENY".equals(line.decision()) ? " – refusée" : "");
  }

  private static String label(String field) {
    return SpacePages.LABELS.getOrDefault(field, field);
  }
}
