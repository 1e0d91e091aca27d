package fr.vigie.breach;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

/**
 * The printable letters of a batch: one PDF per batch, each letter starting on a new page with the
 * address block, then the notice. Written to a temporary file and moved into place, so a file of
 * that name is always whole; a batch written again after a crash replaces its file with the same
 * letters.
 */
final class NoticeLetters {
  private NoticeLetters() {}

  /** One letter: whom to, where, and the notice's words. */
  record Letter(String name, String address, String body) {}

  /** The file name of batch {@code seq} of the incident {@code reference}. */
  static String fileName(String reference, int seq) {
    return String.format("notices-%s-letters-%03d.pdf", reference, seq);
  }

  static Path write(Path directory, String fileName, List<Letter> letters) {
    List<List<NotificationPdf.Block>> pages =
        letters.stream()
            .map(
                letter ->
                    List.of(
                        NotificationPdf.Block.text(letter.name() + "\n" + letter.address()),
                        NotificationPdf.Block.title(NoticeText.SUBJECT),
                        NotificationPdf.Block.text(letter.body())))
            .toList();
    byte[] pdf = NotificationPdf.render(pages);
    try {
      Files.createDirectories(directory);
      Path target = directory.resolve(fileName);
      Path partial = Files.createTempFile(directory, fileName, ".partial");
      Files.write(partial, pdf);
      return Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException("the letters could not be written: " + fileName, e);
    }
  }
}
