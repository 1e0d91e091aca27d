package fr.vigie.console;

import io.nayuki.qrcodegen.QrCode.Ecc;

/** A QR code as SVG, drawn here from the text: no image service, nothing leaves the server. */
final class QrCode {
  private static final int BORDER = 4;

  private QrCode() {}

  /** An SVG of {@code text}, black modules on white, with a text alternative. */
  static String svg(String text, String label) {
    io.nayuki.qrcodegen.QrCode code = io.nayuki.qrcodegen.QrCode.encodeText(text, Ecc.MEDIUM);
    int size = code.size + BORDER * 2;
    StringBuilder path = new StringBuilder();
    for (int y = 0; y < code.size; y++) {
      for (int x = 0; x < code.size; x++) {
        if (code.getModule(x, y)) {
          path.append('M').append(x + BORDER).append(',').append(y + BORDER).append("h1v1h-1z");
        }
      }
    }
    return "<svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" aria-label=\""
        + label
        + "\" viewBox=\"0 0 "
        + size
        + " "
        + size
        + "\" class=\"qr\"><rect width=\"100%\" height=\"100%\" fill=\"#fff\"/><path d=\""
        + path
        + "\" fill=\"#000\"/></svg>";
  }
}
