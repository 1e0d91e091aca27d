package fr.vigie.breach;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;

/**
 * Plain A4 PDF documents made of titled paragraphs: the article 33 draft, the letters of article
 * 34, a person's article 15 copy. Standard fonts (WinAnsi: French accents, no other script),
 * wrapped at the margin, new pages as needed.
 */
public final class NotificationPdf {
  private static final float MARGIN = 56;
  private static final float WIDTH = PDRectangle.A4.getWidth() - 2 * MARGIN;
  private static final float SIZE = 10.5f;
  private static final float LEADING = 14;

  /** One block of text: a title line (bold) or a paragraph. */
  public record Block(boolean title, String text) {
    public static Block title(String text) {
      return new Block(true, text);
    }

    public static Block text(String text) {
      return new Block(false, text);
    }
  }

  private NotificationPdf() {}

  /** A document of {@code documents}, each starting on a new page. */
  public static byte[] render(List<List<Block>> documents) {
    try (PDDocument pdf = new PDDocument()) {
      PDType1Font regular = new PDType1Font(Standard14Fonts.FontName.HELVETICA);
      PDType1Font bold = new PDType1Font(Standard14Fonts.FontName.HELVETICA_BOLD);
      for (List<Block> document : documents) {
        Writer writer = new Writer(pdf, regular, bold);
        for (Block block : document) {
          writer.block(block);
        }
        writer.close();
      }
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      pdf.save(out);
      return out.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException("a PDF could not be made", e);
    }
  }

  private static final class Writer {
    private final PDDocument pdf;
    private final PDType1Font regular;
    private final PDType1Font bold;
    private PDPageContentStream page;
    private float y;

    Writer(PDDocument pdf, PDType1Font regular, PDType1Font bold) throws IOException {
      this.pdf = pdf;
      this.regular = regular;
      this.bold = bold;
      newPage();
    }

    void block(Block block) throws IOException {
      PDType1Font font = block.title() ? bold : regular;
      if (block.title()) {
        y -= LEADING / 2;
      }
      for (String paragraph : block.text().split("\n", -1)) {
        for (String line : wrap(font, paragraph)) {
          if (y < MARGIN + LEADING) {
            newPage();
          }
          page.beginText();
          page.setFont(font, SIZE);
          page.newLineAtOffset(MARGIN, y);
          page.showText(line);
          page.endText();
          y -= LEADING;
        }
      }
      y -= LEADING / 3;
    }

    void close() throws IOException {
      page.close();
    }

    private void newPage() throws IOException {
      if (page != null) {
        page.close();
      }
      PDPage next = new PDPage(PDRectangle.A4);
      pdf.addPage(next);
      page = new PDPageContentStream(pdf, next);
      y = PDRectangle.A4.getHeight() - MARGIN;
    }

    private List<String> wrap(PDType1Font font, String text) throws IOException {
      List<String> lines = new ArrayList<>();
      StringBuilder line = new StringBuilder();
      for (String word : sanitize(text).split(" ")) {
        String candidate = line.isEmpty() ? word : line + " " + word;
        if (font.getStringWidth(candidate) / 1000 * SIZE > WIDTH && !line.isEmpty()) {
          lines.add(line.toString());
          line = new StringBuilder(word);
        } else {
          line = new StringBuilder(candidate);
        }
      }
      lines.add(line.toString());
      return lines;
    }

    /** What WinAnsi cannot show becomes a question mark, rather than failing the document. */
    private String sanitize(String text) {
      StringBuilder out = new StringBuilder(text.length());
      for (char c : text.toCharArray()) {
        // Tabs and the no-break spaces of French number formats print as plain spaces.
        out.append(c == '\t' || c == '\u202f' || c == '\u00a0' ? ' ' : c);
      }
      String s = out.toString();
      try {
        regular.encode(s);
        return s;
      } catch (IllegalArgumentException | IOException e) {
        StringBuilder safe = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
          String one = String.valueOf(s.charAt(i));
          try {
            regular.encode(one);
            safe.append(one);
          } catch (IllegalArgumentException | IOException unencodable) {
            safe.append('?');
          }
        }
        return safe.toString();
      }
    }
  }
}
