package fr.vigie.transfer;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One byte range of a file, from a {@code Range: bytes=...} header (RFC 9110 §14.1.2): {@code
 * first-last}, {@code first-} or {@code -suffix}. Several ranges are served as the whole file,
 * which the RFC allows; a range past the end is unsatisfiable (416).
 */
record ByteRange(long first, long last) {
  private static final Pattern SINGLE = Pattern.compile("bytes=(\\d{0,19})-(\\d{0,19})");

  /** What a Range header asks of a file of {@code size} bytes. */
  sealed interface Request {
    /** No Range header, or one this server answers with the whole file. */
    record Whole() implements Request {}

    record Part(ByteRange range) implements Request {}

    record Unsatisfiable() implements Request {}
  }

  long length() {
    return last - first + 1;
  }

  static Request parse(String header, long size) {
    if (header == null) {
      return new Request.Whole();
    }
    Matcher matcher = SINGLE.matcher(header.strip());
    if (!matcher.matches() || (matcher.group(1).isEmpty() && matcher.group(2).isEmpty())) {
      return new Request.Whole();
    }
    Optional<Long> first = number(matcher.group(1));
    Optional<Long> last = number(matcher.group(2));
    if (first.isEmpty()) {
      long suffix = last.orElseThrow();
      if (suffix == 0 || size == 0) {
        return new Request.Unsatisfiable();
      }
      return new Request.Part(new ByteRange(Math.max(0, size - suffix), size - 1));
    }
    if (first.get() >= size) {
      return new Request.Unsatisfiable();
    }
    if (last.isPresent() && last.get() < first.get()) {
      return new Request.Whole(); // invalid: ignored, as the RFC says
    }
    return new Request.Part(new ByteRange(first.get(), Math.min(size - 1, last.orElse(size - 1))));
  }

  private static Optional<Long> number(String digits) {
    if (digits.isEmpty()) {
      return Optional.empty();
    }
    try {
      return Optional.of(Long.parseLong(digits));
    } catch (NumberFormatException e) {
      return Optional.of(Long.MAX_VALUE);
    }
  }
}
